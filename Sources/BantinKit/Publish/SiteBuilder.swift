import Foundation
import VietText

/// load → model → render → publish, for one site folder. Nothing in the destination changes
/// unless every stage succeeded.
public enum SiteBuilder {
    public struct Options: Sendable {
        public var siteRoot: URL
        public var output: URL
        /// The day progress is measured on; nil: SOURCE_DATE_EPOCH, else today in Vietnam.
        public var asOf: VietDate?
        public var print: PrintMode
        /// Build outside the site folder, and replace an existing output folder even without Bantin's marker in it.
        public var force = false
        /// Ignore (and delete) the build cache: render everything.
        public var clean = false
        /// Read and save the build cache (`.bantin-cache/` in the site folder). Off for `check`,
        /// which writes nothing into the site and whose scratch output no later build reuses.
        public var cache = true
        /// Told what the build is doing ("in PDF 12/36"), for a progress line on a terminal.
        public var progress: (@Sendable (String) -> Void)?
        /// Given the report in place of returning it, by a program that exits right after (the
        /// command line): it exits before the build's model, caches and renderer are freed, as a
        /// process's memory goes back whole. Freeing them took 30 ms of a 0.5 s rebuild after one
        /// edit at 10,000 pages. Nil (the preview server, tests): the report is returned.
        public var exitWithReport: (@Sendable (Report) -> Never)?
        public init(siteRoot: URL, output: URL? = nil, asOf: VietDate? = nil, print: PrintMode = .off,
                    progress: (@Sendable (String) -> Void)? = nil) {
            self.siteRoot = siteRoot
            self.output = output ?? siteRoot.appending(path: "public")
            self.asOf = asOf
            self.print = print
            self.progress = progress
        }
    }

    /// PDFs need Chromium: `auto` makes them when it is installed and says so when it is not.
    public enum PrintMode: Sendable {
        case off, auto, required
    }

    public struct Report: Sendable {
        public var diagnostics: Diagnostics
        public var pages: Int
        public var files: Int
        public var seconds: Double
        public var pdfs = 0
        public var pngs = 0
        public var bundles: [BundleStage.Made] = []
        /// Why no PDFs were made, when that is worth saying.
        public var printNote: String?
        /// What the build cache saved, when there was one.
        public var cacheNote: String?
        /// Seconds spent in each stage, in order, and the process's peak resident memory at its end
        /// (`bantin build --timings`).
        public var stages: [Stage] = []
        public var succeeded: Bool { !diagnostics.hasErrors }
    }

    /// The output is deleted and replaced: it must not be, hold, or sit inside the sources.
    static func unsafeOutput(_ options: Options) -> (problem: String, hint: String)? {
        let replaced = "the output folder is replaced on every build; use a folder of its own, like public/"
        let output = options.output.resolvingSymlinksInPath().standardizedFileURL.path
        let site = options.siteRoot.resolvingSymlinksInPath().standardizedFileURL.path
        func inside(_ path: String, _ folder: String) -> Bool { path == folder || path.hasPrefix(folder + "/") }
        if inside(site, output) { return ("the output folder \(output) is the site folder or holds it", replaced) }
        for source in ["content", "templates"] where inside(output, site + "/" + source) {
            return ("the output folder \(output) is inside the site's \(source)/ folder", replaced)
        }
        let home = URL(fileURLWithPath: NSHomeDirectory()).resolvingSymlinksInPath().standardizedFileURL.path
        if output == "/" || output == home || inside(home, output) {
            return ("the output folder \(output) is / or holds your home folder", replaced)
        }
        if inside(output, site + "/.git") { return ("the output folder \(output) is inside .git/", replaced) }
        // Replacing a folder elsewhere on the disk is a choice to state, not a typo in --output to survive.
        // The swap replaces the last name as written (a symlinked public/ becomes a folder, its target
        // untouched) inside its parent as resolved: that is where the new site lands.
        let written = options.output.standardizedFileURL
        let lands = written.deletingLastPathComponent().resolvingSymlinksInPath().appending(path: written.lastPathComponent).path
        if !options.force, !inside(lands, site) {
            return ("the output folder \(lands) is outside the site folder \(site) and would be replaced whole",
                    "pass --force to build there anyway, or leave out --output to build into \(site)/public")
        }
        // A folder Bantin did not make may hold someone's files: replace it only when told to.
        let fm = FileManager.default
        if !options.force, let entries = try? fm.contentsOfDirectory(atPath: output), !entries.isEmpty,
           !fm.fileExists(atPath: output + "/" + StagingOutput.marker) {
            return ("the output folder \(output) was not made by Bantin (it has no \(StagingOutput.marker)) and would be replaced; move it away or pass --force",
                    replaced)
        }
        return nil
    }

    public static func build(_ options: Options) -> Report {
        let started = Date()
        var diagnostics = Diagnostics()
        var printed = PrintStage.Result()
        var printNote: String?
        var bundles: [BundleStage.Made] = []
        var bundleReferences: [String: [String]] = [:]
        var cacheNote: String?
        var stages: [Stage] = []
        var lapStarted = started, lapCPU = Stage.cpuSeconds()
        func lap(_ stage: String) {
            let now = Date(), cpu = Stage.cpuSeconds()
            stages.append(Stage(name: stage, seconds: now.timeIntervalSince(lapStarted), cpuSeconds: cpu - lapCPU,
                                peakBytes: Stage.peakResidentBytes()))
            (lapStarted, lapCPU) = (now, cpu)
        }
        // The parse cache and the known files, being saved (see below): never left half-written.
        var inputCaches: Background<Bool>?
        // A spare output no build can take, being deleted.
        var spareDeletion: Background<Void>?
        func finish(pages: Int = 0, files: Int = 0) -> Report {
            _ = inputCaches?.value()
            spareDeletion?.value()
            let report = Report(diagnostics: diagnostics, pages: pages, files: files, seconds: Date().timeIntervalSince(started),
                                pdfs: printed.pdfs, pngs: printed.pngs, bundles: bundles, printNote: printNote, cacheNote: cacheNote,
                                stages: stages)
            if let exitWithReport = options.exitWithReport { exitWithReport(report) }
            return report
        }

        if let refusal = unsafeOutput(options) {
            diagnostics.error(SourceRef(file: options.output.path), refusal.problem, hint: refusal.hint)
            return finish()
        }
        // Whatever killed builds left beside the output goes first, whether or not this one writes.
        StagingOutput.removeLeftovers(beside: options.output.standardizedFileURL)
        let asOf = options.asOf ?? BuildDate.resolve()
        var chromium: URL?
        if options.print != .off {
            chromium = ChromiumDriver.locate()
            if chromium == nil {
                printNote = "PDFs skipped: Chromium is not installed (apt-get install chromium)"
                if options.print == .required {
                    diagnostics.error(SourceRef(file: "bantin print"), "PDFs need Chromium, which is not installed",
                                      hint: "install it with `apt-get install chromium` (or set BANTIN_CHROMIUM to its path)")
                }
            }
        }

        // Nothing changed since the last build into this folder: it is already what a build would make.
        let cacheFolder = BuildCache.folder(siteRoot: options.siteRoot, output: options.output)
        let useCache = options.cache && !options.clean
        if options.clean && options.cache { BuildCache.remove(siteRoot: options.siteRoot, output: options.output) }
        // The last build's caches are read while the inputs are scanned: read after the scan, the
        // parse cache alone was a fifteenth of a rebuild after one edit at 10,000 pages. A build
        // with nothing to do does not wait for the parse cache, which it has no use for: waiting
        // was a fifth of such a build at 10,000 pages. (In the background, not in `inParallel`: a
        // concurrentMap nested in that, as the scan's is, runs on one core.)
        let binary = BuildInputs.binaryIdentity()
        let earlierBuild = Background { useCache ? BuildCache.load(siteRoot: options.siteRoot, output: options.output) : nil }
        // Not for an output folder that is not there (deleted, or never built), which no cache describes.
        let outputThere = useCache && access(options.output.path, F_OK) == 0
        let earlierParse = Background {
            outputThere ? LoadCache.load(from: cacheFolder, binary: binary, content: options.siteRoot.appending(path: "content")) : nil
        }
        let inputs = BuildInputs.scan(siteRoot: options.siteRoot, environment: [
            "as-of \(asOf.iso)", "printing \(chromium != nil)", "output \(options.output.standardizedFileURL.path)"],
            known: useCache ? KnownFiles.load(from: cacheFolder) : nil, binary: binary)
        let previous = earlierBuild.value()
        lap("hash inputs")
        if let previous, previous.inputs == inputs.total, !diagnostics.hasErrors {
            diagnostics.append(contentsOf: previous.diagnostics)
            printed = PrintStage.Result(pdfs: previous.summary.pdfs, pngs: previous.summary.pngs)
            bundles = previous.summary.bundles
            printNote = previous.summary.printNote
            cacheNote = "nothing changed since the last build"
            return finish(pages: previous.summary.pages, files: previous.summary.files)
        }

        // Files parsed by the last build into this folder are not parsed again if their bytes are the same.
        let parseCache = options.cache ? LoadCache.Use(digests: inputs.files, binary: inputs.binary,
                                                       previous: previous == nil ? nil : earlierParse.value(),
                                                       listing: inputs.content) : nil
        // The spare output's list (20,000 paths at 10,000 pages) is read while the content loads,
        // which leaves a core to spare, and not by a build with nothing to do.
        let earlierSpare = Background { previous == nil ? nil : SpareOutput.load(from: cacheFolder) }
        // The templates are read and parsed beside the content: on one core, after it, they were
        // a seventieth of a rebuild after one edit.
        let themeLoad = Background { () -> (Theme?, Diagnostics) in
            var found = Diagnostics()
            return (Theme.load(siteRoot: options.siteRoot, into: &found), found)
        }
        let (loaded, loadDiagnostics, parsed) = SiteLoader.load(siteRoot: options.siteRoot, asOf: asOf, cache: parseCache)
        let (theme, themeDiagnostics) = themeLoad.value()
        diagnostics.append(contentsOf: loadDiagnostics)
        diagnostics.append(contentsOf: themeDiagnostics)
        guard let site = loaded, let theme else {
            if !diagnostics.hasErrors {
                diagnostics.error(SourceRef(file: "content/site.yaml"), "the site could not be loaded")
            }
            return finish()
        }
        lap("load")
        // The last output replaced is recycled only by a build replacing the output it was kept
        // beside: its list says which of its files that one shares.
        let spare = earlierSpare.value().flatMap { $0.live == previous?.outputIdentity ? $0 : nil }
        if options.cache, spare == nil, access(SpareOutput.folder(in: cacheFolder), F_OK) == 0 {
            spareDeletion = Background { SpareOutput.discard(in: cacheFolder) }
        }
        let output: StagingOutput
        do {
            output = try StagingOutput(destination: options.output, spare: spare.map { ($0, SpareOutput.folder(in: cacheFolder)) })
        } catch {
            diagnostics.error(SourceRef(file: options.output.path), "cannot write the output folder: \(WriteFailure.reason(error, writingUnder: options.output.deletingLastPathComponent()))")
            return finish()
        }

        options.progress?("rendering pages")
        // Single-threaded and independent, in two even shares: on a rebuild after one edit, one
        // after the other, they were a fifth of it. (After one edit at 1,000 pages: the renderer
        // 2.1–2.3 ms and the pages 0.6; the keys 1.6–2.1 and the search records' places 0.3.)
        let printing = chromium != nil
        let ((renderer, pages), (keys, lastRecords)) = inParallel({
            (PageRenderer(site: site, theme: theme, printing: printing), Page.all(in: site))
        }, {
            (PageKeys(inputs: inputs, site: site), previous?.searchRecords(siteRoot: options.siteRoot))
        })
        // A file of the last build's output is reused only when the cache vouches for the folder.
        let lastOutput = previous == nil ? nil : options.output
        // Without somewhere to keep them, the next build renders every article again.
        var searchRecords = options.cache ? try? SearchRecords.Writer(url: BuildCache.newSearchRecords(siteRoot: options.siteRoot, output: options.output)) : nil
        let lastBuild = previous.map { RenderStage.Previous(cache: $0, output: options.output, search: lastRecords) }
        var searchIndex = SearchIndex.Writer(environment: inputs.environment, last: lastBuild.map {
            SearchIndex.Writer.Last(output: $0.output, keys: $0.cache.files, records: $0.search)
        })
        // Saved while the pages are rendered, on whatever a core has to spare. After the zips,
        // beside the deletion of the old output, it made a rebuild after one edit wait; begun
        // after loading, it took a core from the renderer's set-up, whose two halves then ran one
        // after the other; beside the zips, it slowed them. Side by side, rebuilds after one edit
        // at 1,000 pages took 63.2 ms saving after loading, 61.6 beside the zips, 60.2 here.
        if options.cache {
            let known = inputs.known
            inputCaches = Background {
                (try? BuildCache.saveInputCaches(siteRoot: options.siteRoot, output: options.output, parsed: parsed, known: known)) != nil
            }
        }
        let rendered = RenderStage.run(pages, renderer: renderer, keys: keys, output: output, previous: lastBuild,
                                       searchIndex: &searchIndex, searchRecords: &searchRecords, into: &diagnostics)
        if searchRecords != nil, (try? searchRecords?.flush()) == nil { searchRecords = nil }
        lap("render pages")

        // Zip entries are copied compressed only from zips this same bantin wrote: another one
        // may compress differently, and the zips must be the bytes a clean build makes.
        // The whole-site zip's directory and manifest are read while the site files are written.
        // Left to the bundle stage, the read queued behind the search index part being deflated
        // (the build itself holds one of the two threads the system gives such work), and the
        // zip waited for both: 1.8 ms of a rebuild after one edit at 1,000 pages, side by side.
        let zipsToReuse = previous.flatMap { $0.binary == inputs.binary ? $0 : nil }
            .map { (cache: $0, siteZip: BundleStage.readLastSiteZip(of: site, in: options.output)) }
        var files = pages.count + rendered.filter { $0.fragment != nil }.count
        var siteFiles = SiteFiles.Written()
        do {
            siteFiles = try SiteFiles.write(site, theme: theme, progress: { renderer.progress }, pages: pages, searchIndex: &searchIndex,
                                            shared: keys.shared, last: previous, lastOutput: lastOutput, to: output)
            files += siteFiles.files
        } catch {
            diagnostics.error(SourceRef(file: options.output.path), "cannot write the output: \(WriteFailure.reason(error, writingUnder: output.staging))")
        }

        // The search index's parts a rebuild wrote anew are deflated for the site's zip now, each
        // on whatever core is free: after one edit at 1,000 pages, the changed part (800 KB) took
        // 5 ms of the zips on one core while the other had nothing to do. A full build, or a
        // rebuild that wrote many parts (a template changed), leaves them to the zip, which
        // deflates everything on both cores without holding the parts' bytes meanwhile. A part is
        // read back from the staging folder (the page cache) rather than kept by the search index's
        // writer, which cannot hold every part it writes (200 MB at 50,000 pages) before it knows
        // how many a build writes anew.
        var preparedParts: [String: @Sendable () -> ZipWriter.Prepared?] = [:]
        if lastOutput != nil, searchIndex.written.count <= 4 {
            for path in searchIndex.written {
                let file = output.staging.appending(path: path).path
                let ready = Background { FileManager.default.contents(atPath: file).flatMap { try? ZipWriter.prepare(path, data: $0, level: BundleStage.siteLevel) } }
                preparedParts[path] = { ready.value() }
            }
        }
        // What a recycled staging folder holds that this build did not put back goes, before the
        // prints and the bundles look at the folder.
        output.sweep()
        lap("write assets, feeds, search index")
        var prints = CachedPrints()
        if let chromium, !diagnostics.hasErrors {
            prints = CachedPrints.run(site, chromium: chromium, rendered: rendered, everything: keys.everything, previous: previous,
                                      lastOutput: options.output, output: output, progress: options.progress, into: &diagnostics)
            printed = prints.printed
            files += printed.pdfs + printed.pngs
        }
        if chromium != nil { lap("print") }
        if !diagnostics.hasErrors {
            options.progress?("zipping bundles")
            var unchanged = Set(prints.reused)
            // Files with the bytes the last build's had (the feed, most search index parts), but no
            // page: a bundle rewrites a page's links, which its key, not its bytes, says are the same.
            unchanged.formUnion(siteFiles.linked.filter { !$0.hasSuffix(".html") })
            for outcome in rendered where outcome.reused {
                unchanged.insert(outcome.path)
                if let fragment = outcome.fragment { unchanged.insert(fragment) }
            }
            let lastZips = zipsToReuse.map {
                BundleStage.Previous(output: options.output, bundles: $0.cache.summary.bundles, unchanged: unchanged,
                                     references: $0.cache.summary.bundleReferences, siteZip: $0.siteZip)
            }
            (bundles, bundleReferences) = BundleStage.run(site, output: output, date: site.asOf, previous: lastZips, prepared: preparedParts,
                                                          into: &diagnostics)
            output.adopt(bundles.map(\.path))
            if let page = renderer.bundleList(bundles, into: &diagnostics) {
                do { try output.write(page, to: Routes.bundles) } catch {
                    diagnostics.error(SourceRef(file: Routes.bundles), "cannot write the page: \(WriteFailure.reason(error, writingUnder: output.staging))")
                }
            }
            files += bundles.count + 1
        }
        lap("zip bundles")
        if diagnostics.hasErrors {
            output.discard()
            searchRecords?.discard()
            return finish()
        }
        let oldSite: String?
        do {
            oldSite = try output.commit()
        } catch {
            output.discard()
            searchRecords?.discard()
            diagnostics.error(SourceRef(file: options.output.path), "cannot replace the output folder: \(WriteFailure.reason(error, writingUnder: options.output))")
            return finish()
        }
        let reused = rendered.filter(\.reused).count + prints.reused.count
        if previous != nil { cacheNote = "\(reused) of \(pages.count + prints.keys.count) pages and prints reused from the last build" }

        lap("publish")
        let identity = options.cache ? BuildCache.identity(of: options.output) : nil
        // The old site becomes the spare output, for the next build to recycle, when this build
        // knows its files (the last build's cache listed them); else it is deleted. Either is done
        // while the cache is saved: unlinks in one folder take turns at its lock, so a deletion
        // keeps about one core busy and the save gets the other. Its time is in "save cache",
        // which waits for it.
        let deletion = DispatchGroup()
        if let oldSite {
            let discarding = spareDeletion
            DispatchQueue.global().async(group: deletion) {
                discarding?.value()
                if let identity, let previous, SpareOutput.keep(oldSite, files: previous.outputFiles, shared: output.sharedWithLive,
                                                                 live: identity, in: cacheFolder) { return }
                FileTree.remove(oldSite)
            }
        }
        // Remember what this output was made from, for the next build.
        if let identity {
            let cache = BuildCache(output: options.output, identity: identity, inputs: inputs, rendered: rendered, prints: prints,
                                   searchParts: searchIndex.keys, siteFiles: siteFiles.keys, outputFiles: Array(output.written.all),
                                   diagnostics: diagnostics,
                                   summary: BuildCache.Summary(pages: pages.count + 1, files: files, pdfs: printed.pdfs, pngs: printed.pngs,
                                                               bundles: bundles, bundleReferences: bundleReferences, printNote: printNote))
            do {
                guard inputCaches?.value() == true else { throw WriteFailure("the parse cache could not be saved") }
                try cache.save(siteRoot: options.siteRoot, searchRecords: searchRecords)
            } catch {
                searchRecords?.discard()
            }
        } else {
            searchRecords?.discard()
        }
        deletion.wait()
        lap("save cache")
        return finish(pages: pages.count + 1, files: files)   // + the bundle list
    }

    public struct Stage: Sendable {
        public let name: String
        public let seconds: Double
        /// Processor time of every thread (user and system): twice `seconds` means both cores were busy.
        public let cpuSeconds: Double
        public let peakBytes: Int

        static func cpuSeconds() -> Double {
            var usage = rusage()
            guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }

        /// The most memory the process has held so far (getrusage's ru_maxrss is in kilobytes on Linux).
        static func peakResidentBytes() -> Int {
            var usage = rusage()
            return getrusage(RUSAGE_SELF.rawValue, &usage) == 0 ? usage.ru_maxrss * 1024 : 0
        }
    }
}

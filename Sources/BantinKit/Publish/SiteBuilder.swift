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
        /// Told what the build is doing ("in PDF 12/36"), for a progress line on a terminal.
        public var progress: (@Sendable (String) -> Void)?
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
        var cacheNote: String?
        var stages: [Stage] = []
        var lapStarted = started
        func lap(_ stage: String) {
            let now = Date()
            stages.append(Stage(name: stage, seconds: now.timeIntervalSince(lapStarted), peakBytes: Stage.peakResidentBytes()))
            lapStarted = now
        }
        func finish(pages: Int = 0, files: Int = 0) -> Report {
            Report(diagnostics: diagnostics, pages: pages, files: files, seconds: Date().timeIntervalSince(started),
                   pdfs: printed.pdfs, pngs: printed.pngs, bundles: bundles, printNote: printNote, cacheNote: cacheNote,
                   stages: stages)
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
        let inputs = BuildInputs.scan(siteRoot: options.siteRoot, environment: [
            "as-of \(asOf.iso)", "printing \(chromium != nil)", "output \(options.output.standardizedFileURL.path)"])
        lap("hash inputs")
        if options.clean { BuildCache.remove(siteRoot: options.siteRoot, output: options.output) }
        let previous = options.clean ? nil : BuildCache.load(siteRoot: options.siteRoot, output: options.output)
        if let previous, previous.inputs == inputs.total, !diagnostics.hasErrors {
            diagnostics.append(contentsOf: previous.diagnostics)
            printed = PrintStage.Result(pdfs: previous.summary.pdfs, pngs: previous.summary.pngs)
            bundles = previous.summary.bundles
            printNote = previous.summary.printNote
            cacheNote = "nothing changed since the last build"
            return finish(pages: previous.summary.pages, files: previous.summary.files)
        }

        let (loaded, loadDiagnostics) = SiteLoader.load(siteRoot: options.siteRoot, asOf: asOf)
        diagnostics.append(contentsOf: loadDiagnostics)
        let theme = Theme.load(siteRoot: options.siteRoot, into: &diagnostics)
        guard let site = loaded, let theme else {
            if !diagnostics.hasErrors {
                diagnostics.error(SourceRef(file: "content/site.yaml"), "the site could not be loaded")
            }
            return finish()
        }
        lap("load")
        let output: StagingOutput
        do {
            output = try StagingOutput(destination: options.output)
        } catch {
            diagnostics.error(SourceRef(file: options.output.path), "cannot write the output folder: \(WriteFailure.reason(error, writingUnder: options.output.deletingLastPathComponent()))")
            return finish()
        }

        options.progress?("rendering pages")
        let pages = Page.all(in: site)
        let renderer = PageRenderer(site: site, theme: theme, printing: chromium != nil)
        let keys = PageKeys(inputs: inputs, site: site)
        let oldSearch = previous?.searchRecords(siteRoot: options.siteRoot)
        let oldOutput = options.output
        var searchIndex = SearchIndex.Writer()
        // Without somewhere to keep them, the next build renders every article again.
        var searchRecords = try? SearchRecords.Writer(url: BuildCache.newSearchRecords(siteRoot: options.siteRoot, output: options.output))
        var rendered: [PageOutcome] = []
        rendered.reserveCapacity(pages.count)
        // Pages are independent: render and write them on every core, keeping no page's HTML after it
        // is written. An article's body is rendered once for its page, its fragment and its search entry.
        // A page whose key is unchanged is linked from the last build's output instead. A thousand pages
        // at a time, whose search entries are then written out: at 50,000 pages they are 400 MB.
        for start in stride(from: 0, to: pages.count, by: 1024) {
            let chunk = Array(pages[start..<min(start + 1024, pages.count)]).concurrentMap { page -> PageOutcome in
                let key = keys.key(for: page)
                var outcome = PageOutcome(path: page.path, key: key)
                var article: Article?
                if case let .article(own) = page { article = own }
                // An article page is reused with its fragment and its search entry, or made afresh.
                let fragmentPath = article.flatMap { renderer.fragmentPaths[$0.id] }
                let entry = article == nil ? nil : oldSearch?[key]
                if let previous, previous.has(page.path, key: key), fragmentPath.map({ previous.has($0, key: key) }) ?? true,
                   article == nil || entry != nil, output.link(page.path, from: oldOutput),
                   fragmentPath.map({ output.link($0, from: oldOutput) }) ?? true {
                    outcome.reused = true
                    outcome.diagnostics.append(contentsOf: previous.reports[page.path] ?? [])
                    outcome.searchEntry = entry
                    outcome.fragment = fragmentPath
                    return outcome
                }
                let body = article.map { renderer.body($0, into: &outcome.diagnostics) }
                if let html = renderer.render(page, body: body, into: &outcome.diagnostics) {
                    do { try output.write(html, to: page.path) } catch {
                        outcome.diagnostics.error(SourceRef(file: page.path), "cannot write the page: \(WriteFailure.reason(error, writingUnder: output.staging))")
                    }
                }
                guard let article, let body else { return outcome }
                if let fragment = renderer.fragment(article, body: body) {
                    do { try output.write(fragment.html, to: fragment.path) } catch {
                        outcome.diagnostics.error(SourceRef(file: fragment.path), "cannot write the fragment: \(WriteFailure.reason(error, writingUnder: output.staging))")
                    }
                    outcome.fragment = fragment.path
                }
                outcome.searchEntry = SearchIndex.encoded(SearchIndex.entry(article, text: body.plainText))
                return outcome
            }
            for var outcome in chunk {
                if let entry = outcome.searchEntry {
                    do { try searchIndex.add(entry, to: output) } catch {
                        outcome.diagnostics.error(SourceRef(file: Routes.searchIndex), "cannot write the search index: \(WriteFailure.reason(error, writingUnder: output.staging))")
                    }
                    if (try? searchRecords?.add(key: outcome.key, entry: entry)) == nil { searchRecords = nil }
                    outcome.searchEntry = nil
                }
                diagnostics.append(contentsOf: outcome.diagnostics)
                rendered.append(outcome)
            }
        }
        lap("render pages")

        var files = pages.count + rendered.filter { $0.fragment != nil }.count
        do {
            for (path, data) in theme.assets.sorted(by: { $0.key < $1.key }) { try output.write(data, to: path); files += 1 }
            for asset in site.assets {
                try output.write(try Data(contentsOf: asset.source), to: asset.path)
                files += 1
            }
            for edition in site.articles(in: .editions) {
                try output.write(EditionStyle.css(edition, site: site), to: Routes.editionStylesheet(edition))
                files += 1
            }
            for campaign in site.campaigns {
                let tally = renderer.progress[campaign.id]!
                try output.write(TallyExport.csv(tally), to: Routes.tallyCSV(campaign.id))
                try output.write(TallyExport.json(tally), to: Routes.tallyJSON(campaign.id))
                files += 2
            }
            try searchIndex.finish(site, to: output)
            files += searchIndex.files
            try output.write(Feeds.atom(site), to: Routes.feed)
            try output.write(Feeds.sitemap(site, pages: pages.map(\.path) + [Routes.bundles]), to: Routes.sitemap)
            try output.write(Feeds.robots(site), to: Routes.robots)
            files += 3
        } catch {
            diagnostics.error(SourceRef(file: options.output.path), "cannot write the output: \(WriteFailure.reason(error, writingUnder: output.staging))")
        }

        lap("write assets, feeds, search index")
        // PDFs and PNGs of unchanged print layouts come from the last build too.
        var printKeys: [String: String] = [:]
        var reusedPrints: [String: [Diagnostic]] = [:]
        if let chromium, !diagnostics.hasErrors {
            let printables = Printable.all(in: site)
            let pageKeys = Dictionary(rendered.map { ($0.path, $0.key) }, uniquingKeysWith: { first, _ in first })
            var toPrint: [Printable] = []
            for item in printables {
                let key = pageKeys[item.page] ?? keys.everything
                let pdf = Routes.pdf(item.name), png = Routes.png(item.name)
                printKeys[pdf] = key
                if item.poster != nil { printKeys[png] = key }
                if let previous, previous.has(pdf, key: key), item.poster == nil || previous.has(png, key: key),
                   output.link(pdf, from: oldOutput), item.poster == nil || output.link(png, from: oldOutput) {
                    reusedPrints[pdf] = previous.reports[pdf] ?? []
                    diagnostics.append(contentsOf: reusedPrints[pdf]!)
                } else {
                    toPrint.append(item)
                }
            }
            printed = PrintStage.run(toPrint, chromium: chromium, staging: output.staging, date: site.asOf,
                                     progress: options.progress, into: &diagnostics)
            printed.pdfs += reusedPrints.count
            printed.pngs += printables.filter { $0.poster != nil && reusedPrints[Routes.pdf($0.name)] != nil }.count
            printed.reports.merge(reusedPrints) { new, _ in new }
            files += printed.pdfs + printed.pngs
        }
        if chromium != nil { lap("print") }
        if !diagnostics.hasErrors {
            options.progress?("zipping bundles")
            var unchanged = Set(reusedPrints.keys)
            for outcome in rendered where outcome.reused {
                unchanged.insert(outcome.path)
                if let fragment = outcome.fragment { unchanged.insert(fragment) }
            }
            // Zip entries are copied compressed only from zips this same bantin wrote: another one
            // may compress differently, and the zips must be the bytes a clean build makes.
            let last = previous.flatMap { $0.binary == inputs.binary ? $0 : nil }
                .map { BundleStage.Previous(output: oldOutput, bundles: $0.summary.bundles, unchanged: unchanged) }
            bundles = BundleStage.run(site, staging: output.staging, date: site.asOf, previous: last, into: &diagnostics)
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
        do {
            try output.commit()
        } catch {
            output.discard()
            searchRecords?.discard()
            diagnostics.error(SourceRef(file: options.output.path), "cannot replace the output folder: \(WriteFailure.reason(error, writingUnder: options.output))")
            return finish()
        }
        let reused = rendered.filter(\.reused).count + reusedPrints.count
        if previous != nil { cacheNote = "\(reused) of \(pages.count + printKeys.count) pages and prints reused from the last build" }

        lap("publish")
        // Remember what this output was made from, for the next build.
        if let identity = BuildCache.identity(of: options.output) {
            var cache = BuildCache(output: options.output.standardizedFileURL.path, outputIdentity: identity, inputs: inputs.total,
                                   binary: inputs.binary)
            for outcome in rendered {
                cache.files[outcome.path] = outcome.key
                if let fragment = outcome.fragment { cache.files[fragment] = outcome.key }
                if !outcome.diagnostics.all.isEmpty { cache.reports[outcome.path] = outcome.diagnostics.all }
            }
            cache.files.merge(printKeys) { _, print in print }
            for (path, reports) in printed.reports where !reports.isEmpty { cache.reports[path] = reports }
            cache.diagnostics = diagnostics.all
            cache.summary = BuildCache.Summary(pages: pages.count + 1, files: files, pdfs: printed.pdfs, pngs: printed.pngs,
                                               bundles: bundles, printNote: printNote)
            do { try cache.save(siteRoot: options.siteRoot, searchRecords: searchRecords) } catch { searchRecords?.discard() }
        } else {
            searchRecords?.discard()
        }
        lap("save cache")
        return finish(pages: pages.count + 1, files: files)   // + the bundle list
    }

    public struct Stage: Sendable {
        public let name: String
        public let seconds: Double
        public let peakBytes: Int

        /// The most memory the process has held so far (getrusage's ru_maxrss is in kilobytes on Linux).
        static func peakResidentBytes() -> Int {
            var usage = rusage()
            return getrusage(RUSAGE_SELF.rawValue, &usage) == 0 ? usage.ru_maxrss * 1024 : 0
        }
    }

    /// What rendering one page did, for the report and the next build's cache.
    private struct PageOutcome: Sendable {
        let path: String
        let key: String
        var diagnostics = Diagnostics()
        var searchEntry: Data?
        var fragment: String?
        var reused = false
    }
}

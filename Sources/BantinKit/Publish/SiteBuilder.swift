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
        func finish(pages: Int = 0, files: Int = 0) -> Report {
            Report(diagnostics: diagnostics, pages: pages, files: files, seconds: Date().timeIntervalSince(started),
                   pdfs: printed.pdfs, pngs: printed.pngs, bundles: bundles, printNote: printNote)
        }

        let (loaded, loadDiagnostics) = SiteLoader.load(siteRoot: options.siteRoot, asOf: options.asOf ?? BuildDate.resolve())
        diagnostics.append(contentsOf: loadDiagnostics)
        let theme = Theme.load(siteRoot: options.siteRoot, into: &diagnostics)
        guard let site = loaded, let theme else {
            if !diagnostics.hasErrors {
                diagnostics.error(SourceRef(file: "content/site.yaml"), "the site could not be loaded")
            }
            return finish()
        }

        if let refusal = unsafeOutput(options) {
            diagnostics.error(SourceRef(file: options.output.path), refusal.problem, hint: refusal.hint)
            return finish()
        }
        let output: StagingOutput
        do {
            output = try StagingOutput(destination: options.output)
        } catch {
            diagnostics.error(SourceRef(file: options.output.path), "cannot write the output folder: \(WriteFailure.reason(error, writingUnder: options.output.deletingLastPathComponent()))")
            return finish()
        }

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
        options.progress?("rendering pages")
        let pages = Page.all(in: site)
        let renderer = PageRenderer(site: site, theme: theme, printing: chromium != nil)
        let shared = LockedBox(Diagnostics())
        // Pages are independent: render and write them on every core, keeping no page's HTML after it is written.
        DispatchQueue.concurrentPerform(iterations: pages.count) { index in
            var found = Diagnostics()
            let page = pages[index]
            if let html = renderer.render(page, into: &found) {
                do { try output.write(html, to: page.path) } catch {
                    found.error(SourceRef(file: page.path), "cannot write the page: \(WriteFailure.reason(error, writingUnder: output.staging))")
                }
            }
            if !found.all.isEmpty { shared.withValue { $0.append(contentsOf: found) } }
        }
        diagnostics.append(contentsOf: shared.withValue { $0 })

        var files = pages.count
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
            var fragmentDiagnostics = Diagnostics()
            for article in site.articles {
                if let fragment = renderer.fragment(article, into: &fragmentDiagnostics) {
                    try output.write(fragment.html, to: fragment.path)
                    files += 1
                }
            }
            diagnostics.append(contentsOf: fragmentDiagnostics)
            for campaign in site.campaigns {
                let tally = renderer.progress[campaign.id]!
                try output.write(TallyExport.csv(tally), to: Routes.tallyCSV(campaign.id))
                try output.write(TallyExport.json(tally), to: Routes.tallyJSON(campaign.id))
                files += 2
            }
            let texts = Dictionary(uniqueKeysWithValues: site.articles.map { ($0.id, renderer.plainText($0)) })
            try output.write(SearchIndex.script(site, texts: texts), to: Routes.searchIndex)
            files += 1
            try output.write(Feeds.atom(site), to: Routes.feed)
            try output.write(Feeds.sitemap(site, pages: pages.map(\.path) + [Routes.bundles]), to: Routes.sitemap)
            try output.write(Feeds.robots(site), to: Routes.robots)
            files += 3
        } catch {
            diagnostics.error(SourceRef(file: options.output.path), "cannot write the output: \(WriteFailure.reason(error, writingUnder: output.staging))")
        }

        if let chromium, !diagnostics.hasErrors {
            printed = PrintStage.run(Printable.all(in: site), chromium: chromium, staging: output.staging, date: site.asOf,
                                     progress: options.progress, into: &diagnostics)
            files += printed.pdfs + printed.pngs
        }
        if !diagnostics.hasErrors {
            options.progress?("zipping bundles")
            bundles = BundleStage.run(site, staging: output.staging, date: site.asOf, into: &diagnostics)
            if let page = renderer.bundleList(bundles, into: &diagnostics) {
                do { try output.write(page, to: Routes.bundles) } catch {
                    diagnostics.error(SourceRef(file: Routes.bundles), "cannot write the page: \(WriteFailure.reason(error, writingUnder: output.staging))")
                }
            }
            files += bundles.count + 1
        }
        if diagnostics.hasErrors {
            output.discard()
            return finish()
        }
        do {
            try output.commit()
        } catch {
            output.discard()
            diagnostics.error(SourceRef(file: options.output.path), "cannot replace the output folder: \(WriteFailure.reason(error, writingUnder: options.output))")
        }
        return finish(pages: pages.count + 1, files: files)   // + the bundle list
    }
}

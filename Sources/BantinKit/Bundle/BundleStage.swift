import Foundation
import VietText

/// bundle: zips for offline use, made from what publish (and print) wrote to the staging folder.
/// A unit's zip opens at its unit page and holds exactly the pages, PDFs, images and styles
/// it needs; the site's zip holds every page of the site, for reading offline.
public enum BundleStage {
    public struct Made: Sendable, Codable {
        public let name: String
        public let title: String
        public let path: String
        public let bytes: Int
        public let files: Int
        /// Digest of which files it holds under which names, so the next build can tell that an
        /// unchanged page would come out of the link rewriting the same.
        public let contents: String
    }

    /// The last build, when the build cache vouches for its output folder.
    struct Previous: Sendable {
        let output: URL
        let bundles: [Made]
        /// Output paths linked unchanged from the last build.
        let unchanged: Set<String>
        /// What each page or style sheet the last build's bundles followed refers to (`assets`).
        var references: [String: [String]] = [:]
        /// The last build's whole-site zip (`readLastSiteZip`), being read.
        let siteZip: Background<PreviousZip?>
    }

    static func siteBundlePath(_ site: Site) -> String { "bundles/\(siteBundleName(site)).zip" }

    /// Begins reading the whole-site zip in the last build's `output`, whose unchanged entries
    /// the new one copies: its directory and manifest, 2,000 entries at 1,000 pages.
    static func readLastSiteZip(of site: Site, in output: URL) -> Background<PreviousZip?> {
        let url = output.appending(path: siteBundlePath(site))
        return Background { PreviousZip(url: url) }
    }

    static func siteBundleName(_ site: Site) -> String { VietText.slug(site.config.title) }

    /// Unit bundles travel over Zalo and are squeezed hardest; the site's, which holds every page
    /// and goes on USB sticks, is made at the fastest level: half the time for 4 % more bytes.
    static let unitLevel: Int32 = 6, siteLevel: Int32 = 1

    /// The site's bundle is the site to read offline. The portal fragments stay out: they are
    /// pasted into a portal, which is online, so a page's link to its fragment goes to the web
    /// address; at 10,000 posts they were 79 of its 286 MB and a third of its compressed size.
    static func siteBundleHolds(_ file: String) -> Bool { !file.hasPrefix("bundles/") && !file.hasPrefix("fragments/") }

    /// `previous`: the last build's output, when the build cache vouches for it; its zips lend
    /// their unchanged entries, already compressed. Also returns what each page or style sheet
    /// followed refers to, for the next build.
    /// The files are those `output` noted as written (debug builds check them against a listing
    /// of the folder).
    /// `prepared`: entries of the site's zip compressed ahead at `siteLevel`, by site path.
    static func run(_ site: Site, output: StagingOutput, date: VietDate, previous: Previous? = nil,
                    prepared: [String: @Sendable () -> ZipWriter.Prepared?] = [:],
                    into diagnostics: inout Diagnostics) -> (made: [Made], references: [String: [String]]) {
        let staging = output.staging, files = output.written.all
        let zipDate = Date(timeIntervalSince1970: TimeInterval(date.dayNumber) * 86_400 + 12 * 3600)
        assert(files == listStaging(staging), "the files noted as written are not the files in the staging folder")
        let seeds = seedPages(in: site).map { $0.filter { files.contains($0) } }
        let references = assets(from: Set(seeds.joined()), files: files, staging: staging, previous: previous)
        // Unit bundles are independent and small: one per core at a time.
        let units = Array(Swift.zip(site.units, seeds)).concurrentMap { unit, seeds -> (Made?, Diagnostics) in
            var found = Diagnostics()
            var included = ["\(Routes.unit(unit.id))": "index.html"]
            for page in seeds where included[page] == nil { included[page] = page }
            var queue = Array(included.keys)
            while let next = queue.popLast() {
                for target in references[next] ?? [] where included[target] == nil && files.contains(target) {
                    included[target] = target
                    queue.append(target)
                }
            }
            let bundle = zip(name: unit.id, title: unit.name, included: included, site: site, output: output, date: zipDate, level: unitLevel,
                             previous: previous, lastZip: { previous.flatMap { PreviousZip(url: $0.output.appending(path: "bundles/\(unit.id).zip")) } },
                             into: &found)
            return (bundle, found)
        }
        var everything: [String: String] = [:]
        everything.reserveCapacity(files.count)
        for file in files where siteBundleHolds(file) { everything[file] = file }
        var made: [Made] = []
        for (bundle, found) in units {
            diagnostics.append(contentsOf: found)
            if let bundle { made.append(bundle) }
        }
        if let bundle = zip(name: siteBundleName(site), title: site.config.title, included: everything, site: site, output: output,
                            date: zipDate, level: siteLevel, previous: previous, lastZip: { previous?.siteZip.value() }, prepared: prepared,
                            into: &diagnostics) {
            made.append(bundle)
        }
        return (made, references)
    }

    /// The pages each unit needs (in the order of `site.units`): its own page and task sheet, the
    /// latest edition, and for each of its campaigns the letter, the key messages and the handouts,
    /// with their print layouts. The articles are gone through once for all units, not once per
    /// unit and campaign.
    static func seedPages(in site: Site) -> [[String]] {
        var shared: [String] = []
        // The latest edition goes to every unit: it is what they put up at the meeting house.
        if let latest = site.articles(in: .editions).max(by: { ($0.date!, $0.slug) < ($1.date!, $1.slug) }) {
            shared = [Routes.article(latest), Routes.printVersion(of: Routes.article(latest))]
        }
        var byCampaign: [String: [String]] = [:]
        for campaign in site.campaigns { byCampaign[campaign.id] = [] }
        for article in site.articles where [.documents, .messages, .handouts].contains(article.section) {
            var pages = [Routes.article(article)]
            if article.isPrintable { pages.append(Routes.printVersion(of: pages[0])) }
            for campaign in site.campaigns where article.campaign == campaign.id || article.slug == campaign.documentID && article.section == .documents {
                byCampaign[campaign.id]! += pages
            }
        }
        return site.units.map { unit in
            [Routes.unit(unit.id), Routes.printVersion(of: Routes.unit(unit.id))] + shared
                + site.campaigns.filter { $0.addresses(unit) }.flatMap { byCampaign[$0.id]! }
        }
    }

    /// `lastZip`: the last build's zip of this name, whose entries are copied where unchanged.
    private static func zip(name: String, title: String, included: [String: String], site: Site, output: StagingOutput, date: Date,
                            level: Int32, previous: Previous?, lastZip: () -> PreviousZip?,
                            prepared: [String: @Sendable () -> ZipWriter.Prepared?] = [:], into diagnostics: inout Diagnostics) -> Made? {
        let baseURL = site.config.baseURL, staging = output.staging
        // Sorted once, for the digest and for the zip: in the site's zip every file keeps its
        // path, so the entries reach ZipWriter in order and it need not sort them again.
        let ordered = included.sorted { $0.key.precedesBytewise($1.key) }
        // The date and level are the zip's too: the same contents are the same bytes.
        let contents = BuildInputs.digest(["\(date.timeIntervalSince1970) \(level)"] + ordered.map { "\($0.key)\u{0}\($0.value)" })
        // An unchanged page in a bundle holding the same files comes out of the rewriting as before.
        let last = previous?.bundles.first { $0.name == name && $0.contents == contents }
        let sameFiles = last != nil
        let entries = ordered.map { sitePath, bundlePath in
            ZipWriter.Entry(path: bundlePath, unchanged: sameFiles && previous!.unchanged.contains(sitePath), prepared: prepared[sitePath]) {
                guard let data = FileManager.default.contents(atPath: staging.appending(path: sitePath).path) else { return nil }
                guard sitePath.hasSuffix(".html") else { return data }
                return BundleLinks.rewrite([UInt8](data), sitePath: sitePath, bundlePath: bundlePath, included: included, baseURL: baseURL)
                    .map { Data($0) } ?? data
            }
        }
        let path = "bundles/\(name).zip"
        let url = staging.appending(path: path)
        let files: Int
        do {
            // Every file unchanged too (and the zip made by this same bantin, or there is no
            // `previous`): the last build's zip is these bytes, linked instead of put together
            // again. After one edit, most unit bundles hold nothing that changed.
            if let previous, let last, ordered.allSatisfy({ previous.unchanged.contains($0.key) }), output.link(path, from: previous.output) {
                files = last.files
            } else {
                files = try ZipWriter.write(entries, to: url, date: date, level: level, reusing: lastZip())
            }
        } catch {
            diagnostics.error(SourceRef(file: path), "cannot write the bundle: \(WriteFailure.reason(error, writingUnder: staging))")
            return nil
        }
        // stat, not FileManager's attributes, which look the owner up in /etc/passwd and /etc/group.
        var info = stat()
        let bytes = stat(url.path, &info) == 0 ? Int(info.st_size) : 0
        let limit = site.config.bundleWarningBytes
        if bytes > limit {
            let (size, max) = sizeTexts(bytes, over: limit)
            diagnostics.warning(site.config.bundleWarningRef, "the bundle \(path) is \(size), over the \(max) limit",
                                hint: "Zalo refuses large files; shrink images or raise `bundle_max_mb` in site.yaml")
        }
        return Made(name: name, title: title, path: path, bytes: bytes, files: files, contents: contents)
    }

    /// A size as the bundle list shows it: "46 KB" under a megabyte, else "2,3 MB".
    static func sizeText(_ bytes: Int, fractionDigits: Int = 0) -> String {
        bytes < 1_048_576 ? VietNumber.format(Swift.max(1, Double(bytes) / 1024), maxFractionDigits: fractionDigits) + " KB"
            : VietNumber.format(Double(bytes) / 1_048_576, maxFractionDigits: fractionDigits + 1) + " MB"
    }

    /// A bundle's size and the limit it passed, with as many digits as it takes for them to differ
    /// (not "0,3 MB, over the 0,3 MB limit").
    static func sizeTexts(_ bytes: Int, over limit: Int) -> (String, String) {
        for digits in 0...3 {
            let texts = (sizeText(bytes, fractionDigits: digits), sizeText(limit, fractionDigits: digits))
            if texts.0 != texts.1 { return texts }
        }
        return ("\(VietNumber.format(bytes)) bytes", "\(VietNumber.format(limit)) bytes")
    }

    /// Every file that is not a page (PDFs, images, CSS) a page or style sheet refers to, followed
    /// from `pages` on, each file read once: units share their campaign's letter, messages and handouts.
    /// A file linked unchanged from the last build is not read at all: its references are the ones
    /// the last build found (the unit pages of a big site list all their posts: 13 MB at 10,000
    /// pages). Targets that are not in `files` are kept, for the next build, and not followed.
    private static func assets(from pages: Set<String>, files: Set<String>, staging: URL, previous: Previous?) -> [String: [String]] {
        var references: [String: [String]] = [:]
        var frontier = pages.sorted()
        while !frontier.isEmpty {
            let scanned = frontier.concurrentMap { path -> [String] in
                if let previous, previous.unchanged.contains(path), let known = previous.references[path] { return known }
                guard path.hasSuffix(".html") || path.hasSuffix(".css"),
                      let text = try? String(contentsOf: staging.appending(path: path), encoding: .utf8) else { return [] }
                return BundleLinks.references(in: text, from: path).filter { !$0.hasSuffix(".html") && !$0.hasPrefix("bundles/") }
            }
            var next = Set<String>()
            for (path, targets) in Swift.zip(frontier, scanned) {
                references[path] = targets
                next.formUnion(targets.filter(files.contains))
            }
            frontier = next.filter { references[$0] == nil }.sorted()
        }
        return references
    }

    private static func listStaging(_ staging: URL) -> Set<String> {
        Set(SiteLoader.listFiles(under: staging, sorted: false).map(\.path))
    }
}

import Foundation
import VietText

/// bundle: zips for offline use, made from what publish (and print) wrote to the staging folder.
/// A unit's zip opens at its unit page and holds exactly the pages, PDFs, images and styles
/// it needs; the site's zip holds the whole site.
public enum BundleStage {
    public struct Made: Sendable {
        public let name: String
        public let title: String
        public let path: String
        public let bytes: Int
        public let files: Int
    }

    static func siteBundleName(_ site: Site) -> String { VietText.slug(site.config.title) }

    static func run(_ site: Site, staging: URL, date: VietDate, into diagnostics: inout Diagnostics) -> [Made] {
        var made: [Made] = []
        let zipDate = Date(timeIntervalSince1970: TimeInterval(date.dayNumber) * 86_400 + 12 * 3600)
        let files = listStaging(staging)
        for unit in site.units {
            let seeds = seedPages(for: unit, in: site).filter { files.contains($0) }
            var included = ["\(Routes.unit(unit.id))": "index.html"]
            for page in seeds where included[page] == nil { included[page] = page }
            // Follow every link and style reference to files that are not pages: PDFs, images, CSS.
            var queue = Array(included.keys)
            while let next = queue.popLast() {
                guard let text = try? String(contentsOf: staging.appending(path: next), encoding: .utf8),
                      next.hasSuffix(".html") || next.hasSuffix(".css") else { continue }
                for target in BundleLinks.references(in: text, from: next)
                where included[target] == nil && files.contains(target) && !target.hasSuffix(".html") && !target.hasPrefix("bundles/") {
                    included[target] = target
                    queue.append(target)
                }
            }
            if let bundle = zip(name: unit.id, title: unit.name, included: included, site: site, staging: staging,
                                date: zipDate, into: &diagnostics) {
                made.append(bundle)
            }
        }
        var everything: [String: String] = [:]
        for file in files where !file.hasPrefix("bundles/") { everything[file] = file }
        if let bundle = zip(name: siteBundleName(site), title: site.config.title, included: everything, site: site,
                            staging: staging, date: zipDate, into: &diagnostics) {
            made.append(bundle)
        }
        return made
    }

    /// The pages a unit needs: its own page and task sheet, the latest edition, and for each of
    /// its campaigns the letter, the key messages and the handouts, with their print layouts.
    static func seedPages(for unit: Unit, in site: Site) -> [String] {
        var pages = [Routes.unit(unit.id), Routes.printVersion(of: Routes.unit(unit.id))]
        // The latest edition goes to every unit: it is what they put up at the meeting house.
        if let latest = site.articles(in: .editions).max(by: { ($0.date!, $0.slug) < ($1.date!, $1.slug) }) {
            pages += [Routes.article(latest), Routes.printVersion(of: Routes.article(latest))]
        }
        for campaign in site.campaigns where campaign.addresses(unit) {
            for article in site.articles where article.campaign == campaign.id || article.slug == campaign.documentID && article.section == .documents {
                guard [.documents, .messages, .handouts].contains(article.section) else { continue }
                pages.append(Routes.article(article))
                if article.isPrintable { pages.append(Routes.printVersion(of: Routes.article(article))) }
            }
        }
        return pages
    }

    private static func zip(name: String, title: String, included: [String: String], site: Site, staging: URL, date: Date,
                            into diagnostics: inout Diagnostics) -> Made? {
        var entries: [(path: String, data: Data)] = []
        for (sitePath, bundlePath) in included {
            guard var data = FileManager.default.contents(atPath: staging.appending(path: sitePath).path) else { continue }
            if sitePath.hasSuffix(".html"), let html = String(data: data, encoding: .utf8) {
                data = Data(BundleLinks.rewrite(html, sitePath: sitePath, bundlePath: bundlePath, included: included,
                                                baseURL: site.config.baseURL).utf8)
            }
            entries.append((bundlePath, data))
        }
        let path = "bundles/\(name).zip"
        let url = staging.appending(path: path)
        do {
            try ZipWriter.write(entries, to: url, date: date)
        } catch {
            diagnostics.error(SourceRef(file: path), "cannot write the bundle: \(WriteFailure.reason(error, writingUnder: staging))")
            return nil
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        let limit = site.config.bundleWarningBytes
        if bytes > limit {
            diagnostics.warning(SourceRef(file: "content/site.yaml"),
                                "the bundle \(path) is \(VietNumber.format(Double(bytes) / 1_048_576)) MB, over the \(VietNumber.format(Double(limit) / 1_048_576)) MB limit",
                                hint: "Zalo refuses large files; shrink images or raise `bundle_max_mb` in site.yaml")
        }
        return Made(name: name, title: title, path: path, bytes: bytes, files: entries.count + 1)
    }

    private static func listStaging(_ staging: URL) -> Set<String> {
        Set(SiteLoader.listFiles(under: staging).map(\.path))
    }
}

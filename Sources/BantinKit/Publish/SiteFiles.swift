import Foundation

/// publish, besides the pages: the theme's and the site's assets, the editions' style sheets, the
/// tallies as CSV and JSON, the search index's last parts, the feed, the sitemap and robots.txt.
enum SiteFiles {
    struct Written {
        var files = 0
        /// Linked from the last build's output, which held the same bytes (search index parts included).
        var linked: [String] = []
        /// The files made from `shared` alone, with it as their key, for the build cache.
        var keys: [String: String] = [:]
    }

    /// `lastOutput`: the last build's output, when the build cache (`last`) vouches for it.
    /// `shared`: the key of everything but the articles' bodies (`PageKeys.shared`), which is all
    /// the tallies, the feed, the sitemap and robots.txt are made from: when the last build made
    /// them from the same, they are linked without being made (at 1,000 pages, making the tallies
    /// and the sitemap took 3 ms of a 65 ms rebuild after one edit). `progress`: the tallies,
    /// asked for only when they are made.
    static func write(_ site: Site, theme: Theme, progress: () -> [String: CampaignProgress], pages: [Page],
                      searchIndex: inout SearchIndex.Writer, shared: String, last: BuildCache?, lastOutput: URL?,
                      to output: StagingOutput) throws -> Written {
        var written = Written()
        func put(_ data: Data, _ path: String) throws {
            if try output.write(data, to: path, orLinkFrom: lastOutput) { written.linked.append(path) }
            written.files += 1
        }
        func put(_ path: String, fromShared make: () throws -> Data) throws {
            written.keys[path] = shared
            if let last, let lastOutput, last.has(path, key: shared), output.link(path, from: lastOutput) {
                written.linked.append(path)
                written.files += 1
            } else {
                try put(try make(), path)
            }
        }
        for (path, data) in theme.assets.sorted(by: { $0.key < $1.key }) { try put(data, path) }
        for asset in site.assets { try put(try Data(contentsOf: asset.source), asset.path) }
        for edition in site.articles(in: .editions) { try put(Data(EditionStyle.css(edition, site: site).utf8), Routes.editionStylesheet(edition)) }
        for campaign in site.campaigns {
            try put(Routes.tallyCSV(campaign.id), fromShared: { TallyExport.csv(progress()[campaign.id]!) })
            try put(Routes.tallyJSON(campaign.id), fromShared: { TallyExport.json(progress()[campaign.id]!) })
        }
        try searchIndex.finish(site, to: output)
        written.files += searchIndex.parts
        written.linked += searchIndex.linked
        try put(Routes.feed, fromShared: { Data(Feeds.atom(site).utf8) })
        try put(Routes.sitemap, fromShared: { Data(Feeds.sitemap(site, pages: pages.map(\.path) + [Routes.bundles]).utf8) })
        try put(Routes.robots, fromShared: { Data(Feeds.robots(site).utf8) })
        return written
    }
}

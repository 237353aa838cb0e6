import Foundation

/// publish, besides the pages: the theme's and the site's assets, the editions' style sheets, the
/// tallies as CSV and JSON, the search index's last parts, the feed, the sitemap and robots.txt.
enum SiteFiles {
    struct Written {
        var files = 0
        /// Linked from the last build's output, which held the same bytes (search index parts included).
        var linked: [String] = []
    }

    /// `lastOutput`: the last build's output, when the build cache vouches for it.
    static func write(_ site: Site, theme: Theme, progress: [String: CampaignProgress], pages: [Page],
                      searchIndex: inout SearchIndex.Writer, lastOutput: URL?, to output: StagingOutput) throws -> Written {
        var written = Written()
        func put(_ data: Data, _ path: String) throws {
            if try output.write(data, to: path, orLinkFrom: lastOutput) { written.linked.append(path) }
            written.files += 1
        }
        for (path, data) in theme.assets.sorted(by: { $0.key < $1.key }) { try put(data, path) }
        for asset in site.assets { try put(try Data(contentsOf: asset.source), asset.path) }
        for edition in site.articles(in: .editions) { try put(Data(EditionStyle.css(edition, site: site).utf8), Routes.editionStylesheet(edition)) }
        for campaign in site.campaigns {
            let tally = progress[campaign.id]!
            try put(TallyExport.csv(tally), Routes.tallyCSV(campaign.id))
            try put(TallyExport.json(tally), Routes.tallyJSON(campaign.id))
        }
        try searchIndex.finish(site, to: output)
        written.files += searchIndex.parts
        written.linked += searchIndex.linked
        try put(Data(Feeds.atom(site).utf8), Routes.feed)
        try put(Data(Feeds.sitemap(site, pages: pages.map(\.path) + [Routes.bundles]).utf8), Routes.sitemap)
        try put(Data(Feeds.robots(site).utf8), Routes.robots)
        return written
    }
}

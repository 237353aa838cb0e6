import Foundation

/// publish, besides the pages: the theme's and the site's assets, the editions' style sheets, the
/// tallies as CSV and JSON, the search index's last parts, the feed, the sitemap and robots.txt.
enum SiteFiles {
    /// Returns how many files it wrote.
    static func write(_ site: Site, theme: Theme, progress: [String: CampaignProgress], pages: [Page],
                      searchIndex: inout SearchIndex.Writer, to output: StagingOutput) throws -> Int {
        var files = 0
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
            let tally = progress[campaign.id]!
            try output.write(TallyExport.csv(tally), to: Routes.tallyCSV(campaign.id))
            try output.write(TallyExport.json(tally), to: Routes.tallyJSON(campaign.id))
            files += 2
        }
        try searchIndex.finish(site, to: output)
        files += searchIndex.parts
        try output.write(Feeds.atom(site), to: Routes.feed)
        try output.write(Feeds.sitemap(site, pages: pages.map(\.path) + [Routes.bundles]), to: Routes.sitemap)
        try output.write(Feeds.robots(site), to: Routes.robots)
        files += 3
        return files
    }
}

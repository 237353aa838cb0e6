import Foundation
import VietText

/// Everything loaded and validated from a site folder; immutable from here on.
public struct Site: Sendable {
    public var config: SiteConfig
    public var kinds: [UnitKind]
    /// In Vietnamese collation order within each kind.
    public var units: [Unit]
    public var campaigns: [Campaign]
    public var articles: [Article] { didSet { index = ArticleIndex(articles) } }
    /// Lookups by section and id: pages ask for them thousands of times, so no linear scans.
    private var index: ArticleIndex
    /// Files under content/ that are copied as they are (images, PDFs), content-relative.
    public var assets: [Asset]
    /// Every reported activity of every campaign, in file and row order: from the parse cache,
    /// decoded when first asked for (a rebuild after one edit shows none).
    public var activities: [Activity] {
        get { activityRows.value }
        set { activityRows = Once(value: newValue) }
    }
    private var activityRows: Once<[Activity]>
    /// The day progress is measured on ("số liệu tính đến ngày"): decides what is overdue.
    public var asOf: VietDate
    /// Campaigns whose campaign.yaml is there but has errors, already reported: a reference to
    /// one is not reported again as unknown.
    public var brokenCampaigns: Set<String> = []
    /// False when units.yaml is there but could not be read: references to units and kinds are not checked.
    public var unitsAreKnown = true
    /// Markdown files of the sections that failed to load (content-relative), already reported:
    /// a link to one or an edition including one is not reported again as missing.
    public var brokenArticles: Set<String> = []

    public init(config: SiteConfig, kinds: [UnitKind], units: [Unit], campaigns: [Campaign], articles: [Article],
                assets: [Asset], activities: [Activity], asOf: VietDate) {
        self.init(config: config, kinds: kinds, units: units, campaigns: campaigns, articles: articles, assets: assets,
                  activityRows: Once(value: activities), asOf: asOf)
    }

    init(config: SiteConfig, kinds: [UnitKind], units: [Unit], campaigns: [Campaign], articles: [Article],
         assets: [Asset], activityRows: Once<[Activity]>, asOf: VietDate) {
        self.config = config
        self.kinds = kinds
        self.units = units
        self.campaigns = campaigns
        self.articles = articles
        self.index = ArticleIndex(articles)
        self.assets = assets
        self.activityRows = activityRows
        self.asOf = asOf
    }

    /// Tallies are computed on demand; they are cheap next to rendering.
    public func progress(_ campaign: Campaign) -> CampaignProgress {
        Tally.compute(campaign, site: self, asOf: asOf)
    }

    public func unit(_ id: String) -> Unit? { units.first { $0.id == id } }
    public func kind(_ id: String) -> UnitKind? { kinds.first { $0.id == id } }
    public func campaign(_ id: String) -> Campaign? { campaigns.first { $0.id == id } }
    /// A slice of `articles` when the section is one run of them, as in a loaded site.
    public func articles(in section: Article.Section) -> ArraySlice<Article> { index.bySection[section] ?? [] }
    public func article(_ section: Article.Section, _ slug: String) -> Article? { article(id: "\(section.rawValue)/\(slug)") }
    public func article(id: String) -> Article? { index.byID[id].map { articles[$0] } }
}

/// Articles grouped by section (in site order) and positions by id.
struct ArticleIndex: Sendable {
    let bySection: [Article.Section: ArraySlice<Article>]
    let byID: [String: Int]

    init(_ articles: [Article]) {
        // A loaded site's articles are sorted by section, so each section is one run of them and
        // its slice shares their storage. Copying the 10,000 articles into arrays of their own
        // was a fifth of loading a rebuild after one edit. Sections in several runs are copied.
        var runs: [Article.Section: [Range<Int>]] = [:]
        var start = articles.startIndex
        while start < articles.endIndex {
            let section = articles[start].section
            var end = start + 1
            while end < articles.endIndex, articles[end].section == section { end += 1 }
            runs[section, default: []].append(start..<end)
            start = end
        }
        bySection = runs.mapValues { ranges in
            ranges.count == 1 ? articles[ranges[0]] : ArraySlice(ranges.flatMap { articles[$0] })
        }
        // By position, reading each id in place: pairs of (position, article) copied every article.
        // Last to first, so that of two articles with one id the first is the one kept.
        var byID: [String: Int] = [:]
        byID.reserveCapacity(articles.count)
        for index in articles.indices.reversed() { byID[Article.id(articles[index].section, articles[index].slug)] = index }
        self.byID = byID
    }
}

/// A file of content/ published as it is (an image, a PDF).
public struct Asset: Sendable {
    /// NFC path inside content/, which is also its path in the output.
    public var path: String
    /// Where it is on disk.
    public var source: URL
}

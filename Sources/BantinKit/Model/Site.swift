/// Everything loaded and validated from a site folder; immutable from here on.
public struct Site: Sendable {
    public var config: SiteConfig
    public var kinds: [UnitKind]
    /// In Vietnamese collation order within each kind.
    public var units: [Unit]
    public var campaigns: [Campaign]
    public var articles: [Article]
    /// Files under content/ that are copied as they are (images, PDFs), content-relative.
    public var assets: [String]

    public func unit(_ id: String) -> Unit? { units.first { $0.id == id } }
    public func kind(_ id: String) -> UnitKind? { kinds.first { $0.id == id } }
    public func campaign(_ id: String) -> Campaign? { campaigns.first { $0.id == id } }
    public func articles(in section: Article.Section) -> [Article] { articles.filter { $0.section == section } }
    public func article(_ section: Article.Section, _ slug: String) -> Article? {
        articles.first { $0.section == section && $0.slug == slug }
    }
}

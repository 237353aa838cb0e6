/// One page of the site, before rendering: what it shows and where it goes.
enum Page: Sendable {
    case home
    case list(Article.Section)
    case article(Article)
    case units
    case unit(Unit)
    case campaigns
    case campaign(Campaign)
    case progress(Campaign)
    /// The print layout of a letter, report or handout.
    case printArticle(Article)
    /// A unit's A4 task sheet.
    case taskSheet(Unit)
    case search
    case notFound

    var path: String {
        switch self {
        case .home: return Routes.home
        case let .list(section): return Routes.list(section)
        case let .article(article): return Routes.article(article)
        case .units: return Routes.units
        case let .unit(unit): return Routes.unit(unit.id)
        case .campaigns: return Routes.campaigns
        case let .campaign(campaign): return Routes.campaign(campaign.id)
        case let .progress(campaign): return Routes.progress(campaign.id)
        case let .printArticle(article): return Routes.printVersion(of: Routes.article(article))
        case let .taskSheet(unit): return Routes.printVersion(of: Routes.unit(unit.id))
        case .search: return Routes.search
        case .notFound: return Routes.notFound
        }
    }

    static func all(in site: Site) -> [Page] {
        var pages: [Page] = [.home, .units, .campaigns, .search, .notFound]
        // The articles' pages added where they go: an array of 10,000 pages made first and then
        // copied in was half of listing them.
        pages.reserveCapacity(pages.count + Article.Section.allCases.count + site.articles.count + 2 * (site.units.count + site.campaigns.count))
        pages += Article.Section.allCases.map { .list($0) }
        for index in site.articles.indices { pages.append(.article(site.articles[index])) }
        pages += site.units.map { .unit($0) }
        pages += site.campaigns.map { .campaign($0) }
        pages += site.campaigns.map { .progress($0) }
        for index in site.articles.indices where site.articles[index].isPrintable { pages.append(.printArticle(site.articles[index])) }
        pages += site.units.filter { unit in site.campaigns.contains { $0.addresses(unit) } }.map { .taskSheet($0) }
        return pages
    }
}

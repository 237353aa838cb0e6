import Mustache
import VietText

/// An edition's page: its masthead, editorial and the articles it includes, rendered with the
/// numbers as they stood on the edition's date, so a published edition never changes.
struct EditionContexts {
    let site: Site
    let linkIndex: LinkIndex

    /// Progress of every campaign as of the edition's date (or the build's, if earlier).
    func frozenProgress(_ date: VietDate) -> [String: CampaignProgress] {
        let day = min(date, site.asOf)
        return Dictionary(uniqueKeysWithValues: site.campaigns.map { ($0.id, Tally.compute($0, site: site, asOf: day)) })
    }

    static func tocID(_ index: Int) -> String { "trang-bai-\(index + 1)" }
    static func anchor(_ index: Int) -> String { "bai-\(index + 1)" }

    func edition(_ article: Article, edition: Edition, path: String, editorialHTML: UTF8Text,
                 diagnostics: inout Diagnostics) -> [String: Any] {
        let date = article.date ?? site.asOf
        let progress = frozenProgress(date)
        let blocks = DataBlockRenderer(site: site, progress: progress)
        let sectionNames: [Article.Section: String] = [.posts: "Tin tức", .messages: "Thông điệp", .handouts: "Tài liệu tuyên truyền",
                                                       .documents: "Văn bản", .reports: "Báo cáo"]
        let included = edition.articles.compactMap { site.article(id: $0) }
        let entries = included.enumerated().map { index, item -> [String: Any] in
            let body = ArticleBody.render(item, onPage: path, site: site, linkIndex: linkIndex, dataBlocks: blocks,
                                          idPrefix: "b\(index + 1)-", into: &diagnostics)
            var entry: [String: Any] = [
                "title": item.title, "anchor": Self.anchor(index), "toc_id": Self.tocID(index),
                "section": sectionNames[item.section] ?? "", "html": body.html, "summary": item.summary ?? "",
                "href": Routes.link(from: path, to: Routes.article(item)), "sample": item.sample,
            ]
            if let day = item.date { entry["date"] = day.short }
            return entry
        }
        var context: [String: Any] = [
            "number": edition.number, "period": edition.period, "date": date.official, "date_short": date.short,
            "editorial": editorialHTML, "entries": entries,
            "running_head": "\(site.config.title) · Số \(edition.number) · \(edition.period)",
        ]
        if let cover = edition.cover { context["cover"] = Routes.link(from: path, to: cover) }
        if let campaignID = article.campaign, let snapshot = progress[campaignID] {
            let tables = DataBlockTables(site: site, page: path)
            context["snapshot"] = [
                "title": snapshot.campaign.title, "as_of": snapshot.asOf.short,
                "html": tables.totals(snapshot, kind: nil) + tables.coverage(snapshot),
            ] as [String: Any]
        }
        return context
    }

    /// The editions an article appears in, for "Đã đăng trong" links.
    func appearances(of article: Article, from path: String) -> [[String: Any]] {
        site.articles(in: .editions).filter { $0.edition?.articles.contains(article.id) == true }.map { edition in
            ["title": "Số \(edition.edition!.number), \(edition.edition!.period)", "href": Routes.link(from: path, to: Routes.article(edition))]
        }
    }
}

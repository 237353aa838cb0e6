import Foundation
import VietText

/// Builds the values each template sees. Templates escape every `{{value}}`; only the
/// Markdown HTML (rendered in safe mode) and generated tables go through `{{{…}}}`.
/// Sendable by hand: its shared fields are dictionaries of strings and flags, made once and
/// never changed.
struct PageContexts: @unchecked Sendable {
    let site: Site
    /// The site's fields and the navigation (by current section, "" for none) are the same on
    /// every page: made once for the build, not for each of 10,000 pages.
    private let siteFields: [String: Any]
    private let navigations: [String: [[String: Any]]]

    init(site: Site) {
        self.site = site
        let config = site.config
        siteFields = [
            "title": config.title,
            "description": config.description,
            "language": config.language,
            "base_url": config.baseURL,
            "parent": config.organization.parent,
            "organization": config.organization.name,
            "place": config.organization.place,
            "address": config.organization.address ?? "",
            "sample_notice": config.sampleNotice ?? "",
            "feed": Routes.feed,
        ]
        let items = Self.navigationItems(site)
        navigations = Dictionary(uniqueKeysWithValues: ([""] + items.map(\.0)).map { current in
            (current, items.map { ["label": $0.1, "href": $0.2, "current": $0.0 == current] as [String: Any] })
        })
    }

    // MARK: Shared by every page

    func base(page: String, title: String, description: String? = nil, section: String? = nil) -> [String: Any] {
        let config = site.config
        return [
            "site": siteFields,
            "root": Routes.rootPrefix(from: page),
            "page": [
                "title": title,
                "description": description ?? config.description,
                "path": page,
                "url": Routes.absolute(page, baseURL: config.baseURL),
                "is_home": page == Routes.home,
            ] as [String: Any],
            "nav": navigation(current: section),
        ]
    }

    /// A section that is not in the navigation (or none) marks no item as current.
    private func navigation(current: String?) -> [[String: Any]] {
        navigations[current ?? ""] ?? navigations[""]!
    }

    private static func navigationItems(_ site: Site) -> [(String, String, String)] {
        var items: [(String, String, String)] = [("home", "Trang chủ", Routes.home)]
        if !site.campaigns.isEmpty { items.append(("campaigns", "Chiến dịch", Routes.campaigns)) }
        items += [
            ("messages", "Thông điệp", Routes.list(.messages)),
            ("documents", "Văn bản", Routes.list(.documents)),
            ("posts", "Tin tức", Routes.list(.posts)),
            ("handouts", "Tài liệu", Routes.list(.handouts)),
            ("editions", "Bản tin", Routes.list(.editions)),
            ("reports", "Báo cáo", Routes.list(.reports)),
            ("units", "Đơn vị", Routes.units),
            ("search", "Tìm kiếm", Routes.search),
        ]
        return items
    }

    // MARK: Pieces

    func articleSummary(_ article: Article, from page: String) -> [String: Any] {
        var item: [String: Any] = [
            "title": article.title,
            "href": Routes.link(from: page, to: Routes.article(article)),
            "summary": article.summary ?? "",
            "sample": article.sample,
            "order": article.order.map(String.init) ?? "",
        ]
        if let date = article.date { item["date"] = date.short; item["date_iso"] = date.iso }
        if let edition = article.edition {
            item["edition_number"] = edition.number
            item["edition_period"] = edition.period
        }
        if let letter = article.letter {
            item["number"] = letter.number
            item["subject"] = letter.subject ?? ""
            item["kind_name"] = letter.kindName
        }
        return item
    }

    func campaignSummary(_ campaign: Campaign, from page: String) -> [String: Any] {
        var item: [String: Any] = [
            "id": campaign.id,
            "title": campaign.title,
            "href": Routes.link(from: page, to: Routes.campaign(campaign.id)),
            "summary": campaign.summary ?? "",
            "directive": campaign.directive ?? "",
            "start": campaign.start.short,
            "deadline": campaign.deadline.short,
            "start_iso": campaign.start.iso,
            "deadline_iso": campaign.deadline.iso,
            "unit_count": site.units.filter { campaign.addresses($0) }.count,
        ]
        if let id = campaign.documentID, let document = site.article(.documents, id) {
            item["document"] = articleSummary(document, from: page)
        }
        return item
    }

    func messages(of campaign: String?, from page: String) -> [[String: Any]] {
        site.articles(in: .messages).filter { campaign == nil || $0.campaign == campaign }.map { articleSummary($0, from: page) }
    }

    /// One row per indicator with the unit's target, for "what the campaign asks of you".
    func targets(_ campaign: Campaign, for unit: Unit) -> [[String: Any]] {
        let values = campaign.targets(for: unit)
        return campaign.indicators.compactMap { indicator in
            guard let value = values[indicator.key] else { return nil }
            return ["label": indicator.label, "value": VietNumber.format(value), "unit": indicator.unit]
        }
    }

    /// "- A;" … "- Z." as Decree 30 punctuates a list of recipients or of "Nơi nhận".
    static func punctuated(_ items: [String]) -> [[String: Any]] {
        items.enumerated().map { index, text in
            let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: ";."))
            return ["text": trimmed, "punct": index == items.count - 1 ? "." : ";"]
        }
    }
}

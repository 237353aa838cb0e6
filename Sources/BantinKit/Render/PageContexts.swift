import Foundation
import VietText

/// Builds the values each template sees. Templates escape every `{{value}}`; only the
/// Markdown HTML (rendered in safe mode) and generated tables go through `{{{…}}}`.
struct PageContexts {
    let site: Site

    // MARK: Shared by every page

    func base(page: String, title: String, description: String? = nil, section: String? = nil) -> [String: Any] {
        let config = site.config
        return [
            "site": [
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
            ] as [String: Any],
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

    private func navigation(current: String?) -> [[String: Any]] {
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
        return items.map { ["label": $0.1, "href": $0.2, "current": $0.0 == current] }
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

import Foundation
import VietText

/// The search index, written as a script (`assets/search-index.js`) rather than JSON so the search
/// page can load it with a plain <script src> from `file://` too, where fetch() is not allowed.
/// Each entry carries its text both as written and folded (no accents, đ→d), so "an ninh mang"
/// finds "an ninh mạng" while exact matches can still rank first.
enum SearchIndex {
    struct Entry: Encodable {
        let t: String   // title
        let u: String   // output path, from the site root
        let k: String   // kind of page
        let s: String   // snippet
        let x: String   // searchable text, lowercased, as written
        let ft: String  // folded title
        let fx: String  // folded text
    }

    static let textLimit = 4_000

    static func script(_ site: Site, texts: [String: String]) -> String {
        var entries: [Entry] = []
        func add(_ title: String, _ path: String, _ kind: String, _ text: String) {
            let body = String(text.prefix(textLimit))
            let snippet = body.split(separator: "\n").first.map(String.init) ?? ""
            entries.append(Entry(t: title, u: path, k: kind, s: String(snippet.prefix(200)), x: (title + " " + body).lowercased(),
                                 ft: VietText.fold(title), fx: VietText.fold(title + " " + body)))
        }
        let kinds: [Article.Section: String] = [.documents: "Văn bản", .messages: "Thông điệp", .posts: "Tin tức",
                                                .reports: "Báo cáo", .handouts: "Tài liệu", .editions: "Bản tin"]
        for article in site.articles {
            add(article.title, Routes.article(article), kinds[article.section] ?? "", [article.summary ?? "", texts[article.id] ?? ""].joined(separator: "\n"))
        }
        for unit in site.units {
            let kind = site.kind(unit.kind)?.label ?? unit.kind
            add(unit.name, Routes.unit(unit.id), "Đơn vị", [kind, unit.group ?? "", unit.contact ?? ""].joined(separator: "\n"))
        }
        for campaign in site.campaigns {
            add(campaign.title, Routes.campaign(campaign.id), "Chiến dịch", [campaign.directive ?? "", campaign.summary ?? ""].joined(separator: "\n"))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(entries)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        // "</" never appears raw, so the file stays safe even if someone inlines it.
        return "window.BANTIN_SEARCH = " + json.replacingOccurrences(of: "</", with: "<\\/") + ";\n"
    }
}

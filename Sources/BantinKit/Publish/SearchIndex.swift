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

    static let kinds: [Article.Section: String] = [.documents: "Văn bản", .messages: "Thông điệp", .posts: "Tin tức",
                                                   .reports: "Báo cáo", .handouts: "Tài liệu", .editions: "Bản tin"]

    /// Folding is most of the cost, so entries are made where the page is rendered, on every core.
    static func entry(_ title: String, _ path: String, _ kind: String, _ text: String) -> Entry {
        // No text is longer in characters than in bytes: most need no counting of characters.
        let body = text.utf8.count <= textLimit ? text : String(text.prefix(textLimit))
        let snippet = body.drop { $0 == "\n" }.prefix { $0 != "\n" }   // the first line that is not empty
        return Entry(t: title, u: path, k: kind, s: String(snippet.prefix(200)), x: VietText.lowercase(title + " " + body),
                     ft: VietText.fold(title), fx: VietText.fold(title + " " + body))
    }

    static func entry(_ article: Article, text: String) -> Entry {
        entry(article.title, Routes.article(article), kinds[article.section] ?? "", [article.summary ?? "", text].joined(separator: "\n"))
    }

    /// An entry as it appears in the index: entries are encoded one by one, so the build cache
    /// can keep those of unchanged articles (an array's JSON is its items' JSON joined by commas).
    static func encoded(_ entry: Entry) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(entry)) ?? Data("{}".utf8)
    }

    /// `articles`: one encoded entry per article, in the site's order. The script is handed to
    /// `write` a piece at a time: on a big site it is tens of megabytes, not worth holding twice.
    static func script(_ site: Site, articles: [Data], write: (Data) throws -> Void) rethrows {
        var others: [Data] = []
        for unit in site.units {
            let kind = site.kind(unit.kind)?.label ?? unit.kind
            others.append(encoded(entry(unit.name, Routes.unit(unit.id), "Đơn vị", [kind, unit.group ?? "", unit.contact ?? ""].joined(separator: "\n"))))
        }
        for campaign in site.campaigns {
            others.append(encoded(entry(campaign.title, Routes.campaign(campaign.id), "Chiến dịch",
                                        [campaign.directive ?? "", campaign.summary ?? ""].joined(separator: "\n"))))
        }
        var out = Data("window.BANTIN_SEARCH = [".utf8)
        for (index, entry) in (articles + others).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            // "</" never appears raw, so the file stays safe even if someone inlines it.
            entry.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                var start = 0
                for position in bytes.indices.dropFirst() where bytes[position] == UInt8(ascii: "/") && bytes[position - 1] == UInt8(ascii: "<") {
                    out.append(contentsOf: bytes[start..<position])
                    out.append(UInt8(ascii: "\\"))
                    start = position
                }
                out.append(contentsOf: bytes[start...])
            }
            if out.count > 1 << 20 {
                try write(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        out.append(contentsOf: "];\n".utf8)
        try write(out)
    }
}

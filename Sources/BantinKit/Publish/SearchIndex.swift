import Foundation

/// The search index, written as a script (`assets/search-index.js`) rather than JSON so the search
/// page can load it with a plain <script src> from `file://` too, where fetch() is not allowed.
/// Each entry carries its text as written; search.js lowercases and folds it (no accents, đ→d)
/// as the entry arrives, with the functions it applies to the query, so "an ninh mang" finds "an
/// ninh mạng" while exact matches can still rank first. The folded text was in the index too,
/// which made it 1.7 times as big: a phone downloads, and a whole-site bundle holds, 40 MB
/// instead of 67 MB at 10,000 pages.
enum SearchIndex {
    /// Encodable only so SearchIndexTests can hold `encoded` to JSONEncoder's bytes.
    struct Entry: Encodable {
        let t: String   // title
        let u: String   // output path, from the site root
        let k: String   // kind of page
        let s: String   // snippet
        let x: String   // searchable text, as written
    }

    /// Bytes of an article's text the index holds (about 2,500 Vietnamese letters).
    static let textLimit = 4_000

    static let kinds: [Article.Section: String] = [.documents: "Văn bản", .messages: "Thông điệp", .posts: "Tin tức",
                                                   .reports: "Báo cáo", .handouts: "Tài liệu", .editions: "Bản tin"]

    /// Made where the page is rendered, on every core.
    static func entry(_ title: String, _ path: String, _ kind: String, _ text: String) -> Entry {
        let body = text.utf8.count <= textLimit ? text : cut(text, at: textLimit)
        return Entry(t: title, u: path, k: kind, s: snippet(body), x: title + " " + body)
    }

    /// The first 200 characters of the first line that is not empty. The line is found on the
    /// bytes (a line feed is always a character of its own, unless after a carriage return).
    static func snippet(_ body: String) -> String {
        let utf8 = body.utf8
        guard let start = utf8.firstIndex(where: { $0 != 0x0A }) else { return "" }
        let end = utf8[start...].firstIndex(of: 0x0A) ?? utf8.endIndex
        guard !utf8[start..<end].contains(0x0D) else {
            return String(body.drop { $0 == "\n" }.prefix { $0 != "\n" }.prefix(200))
        }
        return String(body[start..<end].prefix(200))
    }

    /// The text up to the last space within `limit` bytes, so no word or letter is cut; counted
    /// in bytes, not characters: finding character 4,000 of every long article was a tenth of the
    /// index's cost.
    static func cut(_ text: String, at limit: Int) -> String {
        let utf8 = text.utf8
        let end = utf8.index(utf8.startIndex, offsetBy: limit)
        guard let space = utf8[..<end].lastIndex(where: { $0 == 0x20 || $0 == 0x0A }) else {
            // One word of 4,000 bytes: cut before the first byte that is not a letter's first.
            var cut = end
            while cut > utf8.startIndex, utf8[cut] & 0xC0 == 0x80 { cut = utf8.index(before: cut) }
            return String(String.UnicodeScalarView(text.unicodeScalars[..<cut]))
        }
        return String(text[..<space])
    }

    static func entry(_ article: Article, text: String) -> Entry {
        entry(article.title, Routes.article(article), kinds[article.section] ?? "", [article.summary ?? "", text].joined(separator: "\n"))
    }

    /// An entry as it appears in the index: entries are encoded one by one, so the build cache
    /// can keep those of unchanged articles (an array's JSON is its items' JSON joined by commas).
    ///
    /// Written by hand, byte for byte what JSONEncoder wrote with `[.sortedKeys, .withoutEscapingSlashes]`
    /// (checked against it by SearchIndexTests) at a fraction of its cost: keys in its sorted order
    /// (k, s, t, u, x), strings escaped as it escapes them.
    static func encoded(_ entry: Entry) -> Data {
        let fields = [("k", entry.k), ("s", entry.s), ("t", entry.t), ("u", entry.u), ("x", entry.x)]
        var out: [UInt8] = []
        out.reserveCapacity(fields.reduce(32) { $0 + $1.1.utf8.count + 8 })
        for (index, (key, value)) in fields.enumerated() {
            out.append(index == 0 ? UInt8(ascii: "{") : UInt8(ascii: ","))
            appendJSON(key, to: &out)
            out.append(UInt8(ascii: ":"))
            appendJSON(value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return Data(out)
    }

    /// A JSON string as JSONEncoder writes it (FoundationEssentials, slashes not escaped): `"` and
    /// `\` escaped, \b \t \n \f \r for those controls, \u00xx in lowercase hex for the other
    /// controls below U+0020; everything else, U+007F and U+2028/U+2029 included, as it is.
    private static func appendJSON(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var start = 0   // the first byte not yet copied
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x00..<0x20:
                    out.append(contentsOf: "u00".utf8)
                    for nibble in [byte >> 4, byte & 0xF] { out.append(nibble < 10 ? 0x30 + nibble : 0x57 + nibble) }   // 0x57 + 10 = "a"
                default: out.append(byte)   // " or \
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Entries per file. A big site's index comes in parts of under 2 MB (the text of an entry is
    /// at most 4,000 bytes): an edit rewrites and re-zips one part instead of an index of
    /// 80 MB at 10,000 pages, and no part is a big entry for a zip or a phone to hold whole.
    static let partSize = 200

    /// `assets/search-index.js`, then `assets/search-index-2.js`, …
    static func partPath(_ number: Int) -> String {
        number == 1 ? Routes.searchIndex : Routes.searchIndex.replacingOccurrences(of: ".js", with: "-\(number).js")
    }

    /// Writes the index while pages are rendered: a part as soon as it is full, the first (which
    /// lists the others) at the end, so a big site's entries are never all held at once. Articles
    /// come in the site's order; `finish` adds units and campaigns. The first part declares
    /// `window.BANTIN_SEARCH` and lists the others in `BANTIN_SEARCH_PARTS` (paths from the site
    /// root), which search.js loads in order; each adds its entries.
    struct Writer {
        /// An entry, or the key the last build's records keep it under (an article reused whole).
        struct Item {
            let key: String
            let entry: Data?
        }

        /// The last build, when the build cache vouches for its output: its output folder, the
        /// key of each of its parts, and its records.
        struct Last {
            let output: URL
            let keys: [String: String]
            let records: SearchRecords?
        }

        private var first: [Item] = []
        private var pending: [Item] = []
        /// Parts begun; all of them are written once `finish` returns.
        private(set) var parts = 1
        private let last: Last?
        /// What each part is made from, for the next build: the build's environment and the keys
        /// of its entries. A part whose key is the last build's is linked from it without being
        /// put together (an edit changes one part of 200 entries), so reused articles' entries
        /// are never read.
        private(set) var keys: [String: String] = [:]
        private let environment: String
        /// The parts linked from the last build, and those written anew.
        private(set) var linked: [String] = []
        private(set) var written: [String] = []

        init(environment: String, last: Last? = nil) {
            (self.environment, self.last) = (environment, last)
        }

        mutating func add(_ item: Item, to output: StagingOutput) throws {
            if first.count < partSize { first.append(item); return }
            pending.append(item)
            if pending.count == partSize { try flush(to: output) }
        }

        mutating func finish(_ site: Site, to output: StagingOutput) throws {
            func add(_ entry: Entry) throws {
                let data = encoded(entry)
                try self.add(Item(key: Digest.sha256(data), entry: data), to: output)
            }
            for unit in site.units {
                let kind = site.kind(unit.kind)?.label ?? unit.kind
                try add(entry(unit.name, Routes.unit(unit.id), "Đơn vị", [kind, unit.group ?? "", unit.contact ?? ""].joined(separator: "\n")))
            }
            for campaign in site.campaigns {
                try add(entry(campaign.title, Routes.campaign(campaign.id), "Chiến dịch",
                              [campaign.directive ?? "", campaign.summary ?? ""].joined(separator: "\n")))
            }
            if !pending.isEmpty { try flush(to: output) }
            var closing = "];\n"
            if parts > 1 {
                let others = (2...parts).map { "\"\(partPath($0))\"" }.joined(separator: ",")
                closing += "window.BANTIN_SEARCH_PARTS = [\(others)];\n"
            }
            try write(first, to: partPath(1), opening: "window.BANTIN_SEARCH = [", closing: closing, output)
        }

        private mutating func flush(to output: StagingOutput) throws {
            parts += 1
            try write(pending, to: partPath(parts), opening: "window.BANTIN_SEARCH.push(", closing: ");\n", output)
            pending.removeAll(keepingCapacity: true)
        }

        private mutating func write(_ items: [Item], to path: String, opening: String, closing: String, _ output: StagingOutput) throws {
            let key = BuildInputs.digest([environment, opening, closing] + items.map(\.key))
            keys[path] = key
            if let last, last.keys[path] == key, output.link(path, from: last.output) {
                linked.append(path)
                return
            }
            let entries = try items.map { item in
                guard let entry = item.entry ?? last?.records?[item.key] else {
                    throw WriteFailure("the last build's search entries could not be read; build again with --clean")
                }
                return entry
            }
            try output.write(SearchIndex.script(entries, opening: opening, closing: closing), to: path)
            written.append(path)
        }
    }

    static func script(_ entries: [Data], opening: String, closing: String) -> Data {
        var out = Data(opening.utf8)
        for (position, entry) in entries.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            appendEscapingTagEnds(entry, to: &out)
        }
        out.append(contentsOf: closing.utf8)
        return out
    }

    /// "</" never appears raw, so the file stays safe even if someone inlines it.
    /// Each "<" found with memchr: a loop over every byte of a 40 MB index was most of writing it.
    private static func appendEscapingTagEnds(_ entry: Data, to out: inout Data) {
        entry.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            guard let base = bytes.baseAddress else { return }
            var start = 0, from = 0
            while from < bytes.count, let found = memchr(base + from, Int32(UInt8(ascii: "<")), bytes.count - from) {
                let slash = base.distance(to: UnsafeRawPointer(found)) + 1
                from = slash
                guard slash < bytes.count, bytes[slash] == UInt8(ascii: "/") else { continue }
                out.append(contentsOf: bytes[start..<slash])
                out.append(UInt8(ascii: "\\"))
                start = slash
            }
            out.append(contentsOf: bytes[start...])
        }
    }
}

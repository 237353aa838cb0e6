import Foundation
import Testing
@testable import BantinKit

@Suite("Keep together")
struct KeepTogetherTests {
    /// The page as written to disk, read back as text.
    static func kept(_ page: String) -> String { String(decoding: KeepTogether.bytes(Array(page.utf8)), as: UTF8.self) }

    @Test(arguments: [
        ("<p>Số: 246/CV-VHXXH ngày 25 tháng 3 năm 2026</p>",
         #"<p><span class="nowrap">Số: 246/CV-VHXXH</span> <span class="nowrap">ngày 25 tháng 3 năm 2026</span></p>"#),
        ("<p>Chỉ thị 57-CT/TW và Nghị định 30/2020/NĐ-CP.</p>",
         #"<p>Chỉ thị <span class="nowrap">57-CT/TW</span> và Nghị định <span class="nowrap">30/2020/NĐ-CP</span>.</p>"#),
        ("<p>ngày 2019-01-05, tỉ lệ 1/2, mã A57-CT</p>", "<p>ngày 2019-01-05, tỉ lệ 1/2, mã A57-CT</p>"),
        (#"<title>57-CT/TW</title><span class="nowrap">57-CT/TW</span><svg><text>57-CT/TW</text></svg>"#,
         #"<title>57-CT/TW</title><span class="nowrap">57-CT/TW</span><svg><text>57-CT/TW</text></svg>"#),
        ("<p>Không có số nào.</p>", "<p>Không có số nào.</p>"),
    ])
    func wrapsNumbersAndDatesOutsideTagsAndRawText(input: String, expected: String) {
        #expect(Self.kept(input) == expected)
    }

    /// Random pages of tags, raw-text elements, spans and texts that do and do not match give
    /// what the reference gives, byte for byte.
    @Test func equalsTheReferenceOnRandomPages() {
        let pieces = ["<p>", "</p>", "<span class=\"nowrap\">", "<span>", "</span>", "<script>", "</script>", "<svg/>", "<svg>", "</svg>",
                      "<title>", "</title>", "<a href=\"57-CT/TW.html\">", "</a>", "<!-- 1-A -->", "<br/>", "<", ">",
                      "Số: 246/CV-VHXXH", "57-CT/TW", "30/2020/NĐ-CP", "ngày 25 tháng 3 năm 2026", "Ngày 1 tháng 12 năm 2025",
                      "3 tháng 4 năm 2026", "2019-01-05", "1/2", "tháng", "12-Ạ", "7/Đ", "1//A", "9-a", "x1-A", "1-AB.C", "Đồng Tâm",
                      " ", "\n", "an ninh mạng", "٢-A", "2026", "-", "/", "12", "tháng", "năm", "\u{00A0}", "\u{3000}", "\u{2003}", "\t",
                      "hằng tháng", "ngày", "5"]
        var generator = SeededGenerator(state: 57)
        for _ in 0..<4_000 {
            let page = (0..<Int.random(in: 1...24, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(Self.kept(page) == ReferenceKeepTogether.html(page), "\(page)")
        }
        // Dates written out, with every kind of space the pattern allows between their words.
        let spaces = [" ", "\u{00A0}", "\u{3000}", "\u{2003}", "\u{202F}", "\u{1680}", "\u{205F}", "\t", "\n", "x"]
        let junk = ["", "x", "<b>", "</b>", "5", "hằng tháng "]
        for _ in 0..<6_000 {
            func space() -> String { (0..<Int.random(in: 0...3, using: &generator)).map { _ in spaces.randomElement(using: &generator)! }.joined() }
            func pick(_ options: [String]) -> String { options.randomElement(using: &generator)! }
            let page = pick(junk) + pick(["", "ngày" + space(), "Ngày" + space()]) + pick(["1", "12", "123"]) + space() + "tháng" + space()
                + pick(["3", "12", "123"]) + space() + "năm" + space() + pick(["2026", "202"]) + pick(junk)
            #expect(Self.kept(page) == ReferenceKeepTogether.html(page), "\(page)")
        }
    }
}

/// Knuth's MMIX linear congruential generator, seeded: the same pages on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 33)
    }
}

/// The implementation before it moved to bytes and a tighter pre-check (with the same pattern): the reference.
private enum ReferenceKeepTogether {
    static var pattern: NSRegularExpression { KeepTogether.pattern }
    private static let rawText: Set<String> = ["script", "style", "title", "textarea", "svg"]

    static func html(_ page: String) -> String {
        // Scanned as UTF-8 bytes: tags are ASCII, and a page is mostly text the pattern cannot match.
        let bytes = Array(page.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1024)
        var skipping: [String] = []     // open raw-text elements
        var spans: [Bool] = []          // open spans: does it keep its text together?
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            wrap(bytes[index..<open], active: skipping.isEmpty && !spans.contains(true), into: &out)
            guard let close = bytes[open...].firstIndex(of: UInt8(ascii: ">")) else {
                out += bytes[open...]
                return String(decoding: out, as: UTF8.self)
            }
            let tag = bytes[open...close]
            out += tag
            index = close + 1
            let closing = bytes[open + 1] == UInt8(ascii: "/")
            let name = String(decoding: tag.dropFirst(closing ? 2 : 1).prefix { HTMLTags.isLetter($0) || HTMLTags.isDigit($0) }, as: UTF8.self).lowercased()
            if rawText.contains(name) {
                if closing { if let i = skipping.lastIndex(of: name) { skipping.remove(at: i) } }
                else if tag.suffix(2) != [UInt8(ascii: "/"), UInt8(ascii: ">")] { skipping.append(name) }
            } else if name == "span" {
                if closing { _ = spans.popLast() } else { spans.append(contains(tag, #"class="nowrap""#)) }
            }
        }
        wrap(bytes[index...], active: skipping.isEmpty && !spans.contains(true), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func contains(_ bytes: ArraySlice<UInt8>, _ needle: String) -> Bool {
        let needle = Array(needle.utf8)
        guard needle.count <= bytes.count else { return false }
        return (bytes.startIndex...(bytes.endIndex - needle.count)).contains { bytes[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    /// Text the pattern can match has a digit right before "/" or "-" (a number) or "tháng" (a date).
    private static func mayMatch(_ text: ArraySlice<UInt8>) -> Bool {
        var previousIsDigit = false
        for byte in text {
            if previousIsDigit, byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-") { return true }
            previousIsDigit = (0x30...0x39).contains(byte)
        }
        return contains(text, "tháng")
    }

    private static func wrap(_ text: ArraySlice<UInt8>, active: Bool, into out: inout [UInt8]) {
        guard active, mayMatch(text) else { out += text; return }
        let text = String(decoding: text, as: UTF8.self)
        let range = NSRange(text.startIndex..., in: text)
        out += pattern.stringByReplacingMatches(in: text, range: range, withTemplate: #"<span class="nowrap">$0</span>"#).utf8
    }
}

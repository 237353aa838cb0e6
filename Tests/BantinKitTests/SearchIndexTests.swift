import Foundation
import Testing
@testable import BantinKit

/// Search index entries are written by hand; they must stay JSONEncoder's bytes exactly (the build
/// cache keeps encoded entries, and a reader may compare indexes byte for byte).
@Suite struct SearchIndexTests {
    static func byJSONEncoder(_ entry: SearchIndex.Entry) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(entry)
    }

    static func entry(_ fields: [String]) -> SearchIndex.Entry {
        SearchIndex.Entry(t: fields[0], u: fields[1], k: fields[2], s: fields[3], x: fields[4])
    }

    /// "</" never appears raw in the index script, wherever it falls in an entry; nothing else changes.
    @Test func tagEndsAreEscapedEverywhere() {
        let entries = ["</script>", "a</b", "<</", "x<", "<", "/", "<<//>>", "Tổ </ dân"].map { Data($0.utf8) }
        let script = String(decoding: SearchIndex.script(entries, opening: "[", closing: "]"), as: UTF8.self)
        #expect(script == #"[<\/script>,a<\/b,<<\/,x<,<,/,<<\//>>,Tổ <\/ dân]"#)
    }

    /// A long article is indexed up to its last whole word within the limit, never cut in a letter.
    @Test func longTextIsCutAtAWordWithinTheLimit() {
        let words = ["Tổ", "dân", "phố", "Đồng", "Tâm", "tuyên", "truyền", "an", "ninh", "mạng"]
        let text = (0..<2_000).map { words[$0 % words.count] }.joined(separator: " ")
        let cut = SearchIndex.cut(text, at: SearchIndex.textLimit)
        #expect(cut.utf8.count <= SearchIndex.textLimit && cut.utf8.count > SearchIndex.textLimit - 20)
        #expect(text.hasPrefix(cut + " "))
        #expect(Set(cut.split(separator: " ").map(String.init)).isSubset(of: words))
        let entry = SearchIndex.entry("Tiêu đề", "tin-tuc/a/index.html", "Tin tức", text)
        #expect(entry.x == "Tiêu đề " + cut)
        // One word longer than the limit: cut between letters, never inside one.
        let word = String(repeating: "ệ", count: 3_000)
        #expect(SearchIndex.cut(word, at: SearchIndex.textLimit) == String(repeating: "ệ", count: SearchIndex.textLimit / 3))
    }

    /// The snippet, found on bytes, is the first 200 characters of the first line that is not
    /// empty, as the Character-by-Character definition gives it: with carriage returns, combining
    /// marks after a line feed, lines shorter and longer than 200 characters.
    @Test func snippetIsTheFirstLineThatIsNotEmptyCutAt200Characters() {
        let pieces = ["\n", "\r", "\r\n", "Tổ dân phố", " ", "e\u{301}", "\u{301}", "x", String(repeating: "ệ", count: 150), "😀", "\u{2028}"]
        var generator = SeededGenerator(state: 30)
        for _ in 0..<3_000 {
            var body = ""
            for _ in 0..<Int.random(in: 0...8, using: &generator) { body += pieces.randomElement(using: &generator)! }
            let expected = String(body.drop { $0 == "\n" }.prefix { $0 != "\n" }.prefix(200))
            #expect(SearchIndex.snippet(body) == expected, "\(body.debugDescription)")
        }
    }

    @Test func everyASCIICharacterAndTheLineSeparatorsInEveryFieldAsJSONEncoderWritesThem() throws {
        let scalars = (0..<0x80).map { Unicode.Scalar($0)! } + ["\u{80}", "\u{85}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{FEFF}", "😀"]
        var wrong: [String] = []
        for scalar in scalars {
            for field in 0..<5 {
                var fields = ["tiêu đề", "tin-tuc/bai/index.html", "Tin tức", "", "x"]
                fields[field] = "a\(scalar)b\(scalar)"
                let entry = Self.entry(fields)
                if SearchIndex.encoded(entry) != (try Self.byJSONEncoder(entry)) { wrong.append("U+\(String(scalar.value, radix: 16)) in field \(field)") }
            }
        }
        #expect(wrong == [])
    }

    /// What the escaping looks like, so a change to it shows here first.
    @Test func keysAreSortedAndOnlyQuotesBackslashesAndControlsAreEscaped() {
        let entry = Self.entry(["\"Đ\"\\", "a/b</c>", "\u{7F}\u{2028}", "\u{08}\u{09}\u{0A}\u{0C}\u{0D}", "\u{00}\u{0B}\u{1B}\u{1F}"])
        let expected = #"{"k":""# + "\u{7F}\u{2028}" + #"","s":"\b\t\n\f\r","t":"\"Đ\"\\","u":"a/b</c>","x":"\u0000\u000b\u001b\u001f"}"#
        #expect(String(decoding: SearchIndex.encoded(entry), as: UTF8.self) == expected)
    }

    /// Random entries (seeded) of real-looking text, every control character, quotes, backslashes,
    /// slashes, line separators, NFD and emoji.
    @Test func randomEntriesAsJSONEncoderWritesThem() throws {
        let pieces = (0..<0x20).map { String(Unicode.Scalar($0)!) } + [
            "\"", "\\", "/", "</", "\u{7F}", "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFD}", " ", "\r\n",
            "Việt Nam", "Vie\u{0302}\u{0323}t", "ĐẢNG", "đ", "Số: 05/KH-UBND", "“trích”", "—", "😀", "👩‍👩‍👧", "中文", "a", "Z", "0",
        ]
        var state: UInt64 = 0x5EA2C4
        func below(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var wrong: [String] = []
        for _ in 0..<3_000 {
            let entry = Self.entry((0..<5).map { _ in (0..<below(30)).map { _ in pieces[below(pieces.count)] }.joined() })
            let expected = try Self.byJSONEncoder(entry)
            if SearchIndex.encoded(entry) != expected { wrong.append(String(decoding: expected, as: UTF8.self)) }
        }
        #expect(wrong.prefix(3) == [])
    }

    /// An entry's text is its title and text as written, for search.js to lowercase and fold.
    @Test func entryTextIsTheTitleAndTextAsWritten() {
        let title = "ĐẢNG CỘNG SẢN VIỆT NAM — ΟΔΟΣ İ"
        let text = "Thông báo SỐ 5\n\nNội dung “QUAN TRỌNG” 😀 Ǆ"
        let entry = SearchIndex.entry(title, "a/index.html", "Tin tức", text)
        #expect(entry.x == title + " " + text)
        #expect(entry.s == "Thông báo SỐ 5")
    }
}

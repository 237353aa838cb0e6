import Testing
import CommonMark

struct UnicodeTests {
    @Test(arguments: [
        MarkdownOptions(allowRawHTML: false, smartPunctuation: true),
        MarkdownOptions(allowRawHTML: false, smartPunctuation: false),
        MarkdownOptions(allowRawHTML: true, smartPunctuation: true),
    ])
    func vietnameseSurvivesByteExact(options: MarkdownOptions) {
        // NFC and NFD spellings of "Tiếng" differ in bytes but are == as Swift Strings.
        let nfc = "Tiếng Việt: ả ẫ ự ỹ Đ đ, người ở Huế."
        let nfd = "Tie\u{302}\u{301}ng Vie\u{323}\u{302}t"
        let result = MarkdownRenderer(options: options).render("\(nfc)\n\n\(nfd)", slug: testSlug)
        let expected = "<p>\(nfc)</p>\n<p>\(nfd)</p>\n"
        #expect(Array(result.html.utf8) == Array(expected.utf8))
        #expect(Array(result.plainText.utf8) == Array("\(nfc)\n\(nfd)".utf8))
    }

    /// cmark writes the character entities of U+FFFF and U+FFFE as the single bytes 0xFF and 0xFE,
    /// which are not UTF-8; the page's bytes get U+FFFD there, as a String made of them would.
    @Test func entitiesCmarkWritesAsBytesThatAreNotUTF8BecomeReplacementCharacters() {
        let result = MarkdownRenderer().render("a &#xFFFF; b &#xFFFE; c &#65535; d &#xD800; e", slug: testSlug)
        #expect(String(validating: result.htmlUTF8, as: UTF8.self) != nil)
        #expect(Array(result.html.utf8) == Array("<p>a \u{FFFD} b \u{FFFD} c \u{FFFD} d \u{FFFD} e</p>\n".utf8))
        #expect(result.plainText == "a \u{FFFD} b \u{FFFD} c \u{FFFD} d \u{FFFD} e")
    }

    @Test func headingTextKeepsNFDBytes() {
        let nfd = "Tie\u{302}\u{301}ng"
        var seen: [String] = []
        let result = MarkdownRenderer().render("# \(nfd)", slug: { seen.append($0); return testSlug($0) })
        #expect(seen.map { Array($0.utf8) } == [Array(nfd.utf8)])
        #expect(result.headings.map { Array($0.text.utf8) } == [Array(nfd.utf8)])
    }

    @Test func embeddedNULDoesNotTruncateTheDocument() {
        // strlen would stop at the NUL; the exact byte count lets cmark see the rest.
        let html = MarkdownRenderer().render("trước\u{0}sau", slug: testSlug).html
        #expect(html == "<p>trước\u{FFFD}sau</p>\n")
    }

    @Test func emptyDocument() {
        let result = MarkdownRenderer().render("", slug: testSlug)
        #expect(result == RenderedMarkdown(html: "", headings: [], plainText: "", firstParagraph: ""))
    }
}

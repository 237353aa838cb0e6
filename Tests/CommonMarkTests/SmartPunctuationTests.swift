import Testing
import CommonMark

struct SmartPunctuationTests {
    let markdown = #"Anh nói "xin chào" -- rồi 'đi' tiếp... `"mã" -- giữ`"#

    @Test func onByDefault() {
        let html = MarkdownRenderer().render(markdown, slug: testSlug).html
        #expect(html == "<p>Anh nói “xin chào” – rồi ‘đi’ tiếp… <code>&quot;mã&quot; -- giữ</code></p>\n")
    }

    @Test func off() {
        let html = MarkdownRenderer(options: MarkdownOptions(smartPunctuation: false)).render(markdown, slug: testSlug).html
        #expect(html == "<p>Anh nói &quot;xin chào&quot; -- rồi 'đi' tiếp... <code>&quot;mã&quot; -- giữ</code></p>\n")
    }

    @Test func appliesToHeadingText() {
        let result = MarkdownRenderer().render(#"## "Trích dẫn""#, slug: testSlug)
        #expect(result.headings.map(\.text) == ["“Trích dẫn”"])
        #expect(result.headings.map(\.id) == ["trich-dan"])
    }
}

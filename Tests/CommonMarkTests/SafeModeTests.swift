import Testing
import CommonMark

// Swift Testing has its own SourceLocation, hence the qualified name.

struct SafeModeTests {
    let safe = MarkdownRenderer()
    let unsafe = MarkdownRenderer(options: MarkdownOptions(allowRawHTML: true))

    @Test func safeModeIsTheDefault() {
        #expect(MarkdownOptions().allowRawHTML == false)
        #expect(MarkdownRenderer().options.allowRawHTML == false)
    }

    @Test func safeModeDropsRawHTML() {
        let markdown = """
        <script>alert("x")</script>

        Chữ <b>đậm</b> ở đây.
        """
        let html = safe.render(markdown, slug: testSlug).html
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
        #expect(html.contains("đậm"))
    }

    @Test func safeModeEmptiesDangerousURLs() {
        let markdown = """
        [một](javascript:alert(1)) [hai](data:text/html;base64,PHNjcmlwdD4=) [ba](https://example.com/)
        """
        let html = safe.render(markdown, slug: testSlug).html
        #expect(html == "<p><a href=\"\">một</a> <a href=\"\">hai</a> <a href=\"https://example.com/\">ba</a></p>\n")
    }

    @Test func safeModeKeepsImageDataURLs() {
        let html = safe.render("![chấm](data:image/png;base64,iVBORw0KGgo=)", slug: testSlug).html
        #expect(html.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""))
    }

    @Test func allowRawHTMLKeepsEverything() {
        let markdown = """
        <script>alert("x")</script>

        Chữ <b>đậm</b> và [link](javascript:alert(1)).
        """
        let html = unsafe.render(markdown, slug: testSlug).html
        #expect(html.contains("<script>alert(\"x\")</script>"))
        #expect(html.contains("<b>đậm</b>"))
        #expect(html.contains("href=\"javascript:alert(1)\""))
    }

    @Test func rewrittenJavascriptURLIsStillEmptiedInSafeMode() {
        let markdown = "[bài](bai.md)"
        let evil: (String, Bool, CommonMark.SourceLocation) -> String = { _, _, _ in "javascript:alert(1)" }
        let safeHTML = safe.render(markdown, slug: testSlug, rewriteURL: evil).html
        #expect(safeHTML == "<p><a href=\"\">bài</a></p>\n")
        let unsafeHTML = unsafe.render(markdown, slug: testSlug, rewriteURL: evil).html
        #expect(unsafeHTML.contains("href=\"javascript:alert(1)\""))
    }
}

import Testing
import CommonMark

struct HeadingTests {
    let renderer = MarkdownRenderer()

    @Test func headingGetsAnAnchorWithItsSlug() {
        let html = renderer.render("## Giới thiệu về Đà Nẵng", slug: testSlug).html
        #expect(html == """
        <h2><a id="gioi-thieu-ve-da-nang" class="anchor" aria-hidden="true"></a>Giới thiệu về Đà Nẵng</h2>

        """)
    }

    @Test func duplicatesAreNumbered() {
        let result = renderer.render("# Mục tiêu\n\n## Mục tiêu\n\n### Mục tiêu\n", slug: testSlug)
        #expect(result.headings.map(\.id) == ["muc-tieu", "muc-tieu-1", "muc-tieu-2"])
        #expect(result.html.contains(##"<h3><a id="muc-tieu-2" class="anchor" aria-hidden="true"></a>"##))
    }

    @Test func numberedRepeatSkipsAnIdAlreadyTaken() {
        let result = renderer.render("## X\n\n## X 1\n\n## X\n", slug: testSlug)
        #expect(result.headings.map(\.id) == ["x", "x-1", "x-2"])
    }

    @Test func emptySlugFallsBackToMuc() {
        let result = renderer.render("## !!!\n\n## Mục\n\n## ???\n", slug: testSlug)
        #expect(result.headings.map(\.id) == ["muc", "muc-1", "muc-2"])
    }

    @Test func idIsEscaped() {
        let html = renderer.render("# A", slug: { _ in #"a"b<c"# }).html
        #expect(html.contains(##"id="a&quot;b&lt;c" class="anchor" aria-hidden="true""##))
    }

    @Test func headingsListForTableOfContents() {
        let markdown = """
        # Bản tin tháng 5

        Mở đầu.

        ## Cài đặt `bantin` *nhanh*

        Tiêu đề setext
        --------------

        > ### Trong trích dẫn
        """
        let headings = renderer.render(markdown, slug: testSlug).headings
        #expect(headings == [
            Heading(level: 1, text: "Bản tin tháng 5", id: "ban-tin-thang-5"),
            Heading(level: 2, text: "Cài đặt bantin nhanh", id: "cai-dat-bantin-nhanh"),
            Heading(level: 2, text: "Tiêu đề setext", id: "tieu-de-setext"),
            Heading(level: 3, text: "Trong trích dẫn", id: "trong-trich-dan"),
        ])
    }

    @Test func multiLineSetextHeadingTextIsOneLine() {
        let headings = renderer.render("Dòng một\ndòng hai\n===\n", slug: testSlug).headings
        #expect(headings.map(\.text) == ["Dòng một dòng hai"])
    }

    @Test func anchorAppearsInSafeAndUnsafeMode() {
        let unsafe = MarkdownRenderer(options: MarkdownOptions(allowRawHTML: true))
        for candidate in [renderer, unsafe] {
            #expect(candidate.render("# Một", slug: testSlug).html.hasPrefix(#"<h1><a id="mot""#))
        }
    }
}

import Testing
import CommonMark

struct PlainTextTests {
    let renderer = MarkdownRenderer()

    @Test func plainTextHasEveryBlockOnItsOwnLine() {
        let markdown = """
        # Tiêu đề *chính*

        Đoạn có **đậm**, `mã`, <b>thẻ</b> và
        xuống dòng mềm, rồi cứng\\
        ở đây. ![Ảnh mèo](meo.jpg)

        - mục một
        - mục [hai](hai.md)

        ```
        let x = 1

        ```

        <div>khối HTML</div>

        ---
        """
        let result = renderer.render(markdown, slug: testSlug)
        #expect(result.plainText == """
        Tiêu đề chính
        Đoạn có đậm, mã, thẻ và xuống dòng mềm, rồi cứng
        ở đây. Ảnh mèo
        mục một
        mục hai
        let x = 1
        """)
    }

    @Test func firstParagraphSkipsHeadings() {
        let result = renderer.render("# Tiêu đề\n\nĐoạn *một*.\n\nĐoạn hai.", slug: testSlug)
        #expect(result.firstParagraph == "Đoạn một.")
    }

    @Test func firstParagraphPrefersTopLevel() {
        let result = renderer.render("- mục\n\n> trích\n\nĐoạn thật.", slug: testSlug)
        #expect(result.firstParagraph == "Đoạn thật.")
    }

    @Test func firstParagraphFallsBackToNested() {
        #expect(renderer.render("- mục một\n- mục hai", slug: testSlug).firstParagraph == "mục một")
        #expect(renderer.render("# Chỉ có tiêu đề", slug: testSlug).firstParagraph == "")
    }
}

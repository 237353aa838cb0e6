import Testing
import CommonMark

// Swift Testing has its own SourceLocation, hence the qualified name.

struct DataBlockTests {
    let renderer = MarkdownRenderer()

    @Test func blockIsReplacedByCallbackHTML() {
        let markdown = """
        Trước.

        ```bantin progress campaign=chi-thi-57 by=kind status="chưa báo cáo" compact
        đơn vị A: 3
        ```

        Sau.
        """
        var blocks: [DataBlock] = []
        let result = renderer.render(markdown, slug: testSlug, dataBlock: { block in
            blocks.append(block)
            return "<div class=\"progress\">\(block.parameter("campaign") ?? "")</div>"
        })
        #expect(result.html == "<p>Trước.</p>\n<div class=\"progress\">chi-thi-57</div>\n<p>Sau.</p>\n")
        #expect(blocks.count == 1)
        let block = try! #require(blocks.first)
        #expect(block.info == #"bantin progress campaign=chi-thi-57 by=kind status="chưa báo cáo" compact"#)
        #expect(block.name == "progress")
        #expect(block.parameters == [
            DataBlockParameter(key: "campaign", value: "chi-thi-57"),
            DataBlockParameter(key: "by", value: "kind"),
            DataBlockParameter(key: "status", value: "chưa báo cáo"),
        ])
        #expect(block.bareWords == ["compact"])
        #expect(block.body == "đơn vị A: 3\n")
        #expect(block.location == CommonMark.SourceLocation(line: 3, column: 1))
        // The replaced block's data is not prose, so summaries and search skip it.
        #expect(result.plainText == "Trước.\nSau.")
    }

    @Test func nilKeepsAnOrdinaryCodeBlock() {
        var called = 0
        let html = renderer.render("```bantin progress\nx < 1\n```\n", slug: testSlug, dataBlock: { _ in
            called += 1
            return nil
        }).html
        #expect(called == 1)
        #expect(html == "<pre><code class=\"language-bantin\">x &lt; 1\n</code></pre>\n")
    }

    @Test func otherFencesAreNotDataBlocks() {
        let markdown = """
        ```swift
        let a = 1
        ```

        ```bantinx
        b
        ```

        ```
        c
        ```

            bantin indented
        """
        var called = 0
        let result = renderer.render(markdown, slug: testSlug, dataBlock: { _ in
            called += 1
            return "<hr>"
        })
        #expect(called == 0)
        #expect(result == renderer.render(markdown, slug: testSlug))
        #expect(result.html.contains("<code class=\"language-swift\">let a = 1\n</code>"))
    }

    @Test func replacedInsideNestedContainersAtTheRightLine() {
        let markdown = """
        - mục một

          ```bantin chart
          1 2 3
          ```

        > ```bantin quote
        > q
        > ```
        """
        var lines: [Int] = []
        let html = renderer.render(markdown, slug: testSlug, dataBlock: { block in
            lines.append(block.location.line)
            return "<figure>\(block.name)</figure>"
        }).html
        #expect(lines == [3, 7])
        #expect(html == """
        <ul>
        <li>
        <p>mục một</p>
        <figure>chart</figure>
        </li>
        </ul>
        <blockquote>
        <figure>quote</figure>
        </blockquote>

        """)
    }

    @Test func callbackHTMLIsTrustedEvenInSafeMode() {
        let html = renderer.render("```bantin\n```\n", slug: testSlug, dataBlock: { _ in "<script>ok()</script>" }).html
        #expect(html == "<script>ok()</script>\n")
    }

    @Test func infoStringParsing() throws {
        let at = CommonMark.SourceLocation(line: 1, column: 1)
        #expect(DataBlock(info: "swift", body: "", location: at) == nil)
        #expect(DataBlock(info: "bantins", body: "", location: at) == nil)
        #expect(DataBlock(info: "\"bantin\"", body: "", location: at) == nil)

        let bare = try #require(DataBlock(info: "bantin", body: "", location: at))
        #expect(bare.name == "" && bare.parameters.isEmpty && bare.bareWords.isEmpty)

        let noName = try #require(DataBlock(info: "bantin  a=1\tb=\"x  y\" c= d", body: "", location: at))
        #expect(noName.name == "")
        #expect(noName.parameters == [
            DataBlockParameter(key: "a", value: "1"),
            DataBlockParameter(key: "b", value: "x  y"),
            DataBlockParameter(key: "c", value: ""),
        ])
        #expect(noName.bareWords == ["d"])

        let odd = try #require(DataBlock(info: #"bantin list title=don't =x note="a=b" k=v k=w open="không đóng"#, body: "", location: at))
        #expect(odd.name == "list")
        #expect(odd.parameters == [
            DataBlockParameter(key: "title", value: "don't"),
            DataBlockParameter(key: "note", value: "a=b"),
            DataBlockParameter(key: "k", value: "v"),
            DataBlockParameter(key: "k", value: "w"),
            DataBlockParameter(key: "open", value: "không đóng"),
        ])
        #expect(odd.bareWords == ["=x"])
        #expect(odd.parameter("k") == "v")
        #expect(odd.parameter("missing") == nil)
    }
}

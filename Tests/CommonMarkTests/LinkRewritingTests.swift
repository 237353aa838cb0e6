import Testing
import CommonMark

// Swift Testing has its own SourceLocation, hence the qualified name.

struct LinkRewritingTests {
    struct Call: Equatable {
        let url: String
        let isImage: Bool
        let line: Int
    }

    let renderer = MarkdownRenderer()

    @Test func reportsTheLineOfEachLinkAndWritesTheReplacement() {
        let markdown = """
        # Tin tức

        Đoạn đầu không có liên kết,
        kéo dài hai dòng.
        Xem [bài trước](../posts/x.md) nhé.
        """
        var calls: [Call] = []
        var locations: [CommonMark.SourceLocation] = []
        let html = renderer.render(markdown, slug: testSlug, rewriteURL: { url, isImage, at in
            calls.append(Call(url: url, isImage: isImage, line: at.line))
            locations.append(at)
            return url == "../posts/x.md" ? "../../tin-tuc/x/index.html" : url
        }).html
        #expect(calls == [Call(url: "../posts/x.md", isImage: false, line: 5)])
        #expect(locations == [CommonMark.SourceLocation(line: 5, column: 5)])
        #expect(html.contains(#"<a href="../../tin-tuc/x/index.html">bài trước</a>"#))
        #expect(!html.contains("posts/x.md"))
    }

    @Test func seesLinksAndImagesEverywhereInDocumentOrder() {
        let markdown = """
        Mở đầu ![Ảnh bìa](../anh/bia.jpg "Bìa").

        > Trích [a](a.md)
        > tiếp [b](b.md)

        - mục [c][tham-chieu]
          còn <https://example.com/d>

        ## Tiêu đề có [e](e.md)

        [tham-chieu]: c.md
        """
        var calls: [Call] = []
        _ = renderer.render(markdown, slug: testSlug, rewriteURL: { url, isImage, at in
            calls.append(Call(url: url, isImage: isImage, line: at.line))
            return url
        })
        #expect(calls == [
            Call(url: "../anh/bia.jpg", isImage: true, line: 1),
            Call(url: "a.md", isImage: false, line: 3),
            Call(url: "b.md", isImage: false, line: 4),
            Call(url: "c.md", isImage: false, line: 6),
            Call(url: "https://example.com/d", isImage: false, line: 7),
            Call(url: "e.md", isImage: false, line: 9),
        ])
    }

    @Test func rewritesImageSources() {
        let html = renderer.render("![Ảnh](../anh/a.jpg)", slug: testSlug, rewriteURL: { url, isImage, _ in
            isImage ? "/media/a.jpg" : url
        }).html
        #expect(html == "<p><img src=\"/media/a.jpg\" alt=\"Ảnh\" /></p>\n")
    }

    @Test func receivesTheUnescapedDestination() {
        var seen: [String] = []
        let html = renderer.render("[x](<../posts/bài viết.md#phần-1>)", slug: testSlug, rewriteURL: { url, _, _ in
            seen.append(url)
            return url
        }).html
        #expect(seen == ["../posts/bài viết.md#phần-1"])
        // cmark percent-encodes on output, so the callback never has to.
        #expect(html.contains(#"href="../posts/b%C3%A0i%20vi%E1%BA%BFt.md#ph%E1%BA%A7n-1""#))
    }

    @Test func identityLeavesOutputUnchanged() {
        let markdown = "[a](a.md) ![b](b.png)"
        let plain = renderer.render(markdown, slug: testSlug).html
        let identity = renderer.render(markdown, slug: testSlug, rewriteURL: { url, _, _ in url }).html
        #expect(plain == identity)
        #expect(plain.contains(#"href="a.md""#) && plain.contains(#"src="b.png""#))
    }
}

import Foundation
import Testing

/// Bundles and fragments of a starter site changed for one case each: file names that need
/// percent-encoding, a small size limit, raw HTML.
@Suite("Bundles and fragments of small sites")
struct SmallSiteBundleTests {
    /// A 1×1 PNG. Computed, not a `static let`: the address sanitizer's leak check counts a
    /// lazily made global's bytes as leaked.
    static var png: Data { Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")! }

    @Test func imagesNamedWithAccentsAndSpacesTravelInUnitBundles() throws {
        let site = try TempSite.starter()
        try site.write("content/images/ảnh họp.png", Self.png)
        try site.write("content/handouts/to-roi-hop.md", """
            ---
            title: "Tờ rơi họp tổ"
            kind: leaflet
            format: A4
            orientation: portrait
            pages: 1
            campaign: vi-du
            ---

            ![Ảnh họp](<../images/ảnh họp.png>)

            """)
        let built = try Bantin.run(["build", "--no-print", "--site", site.root.path, "--as-of", "2026-02-01"])
        #expect(built.status == 0, "\(built.stderr)")
        let folder = try site.unzip(site.root.appending(path: "public/bundles/tdp-01.zip"))
        let files = try tree(folder)
        #expect(files["images/ảnh họp.png"] == Self.png, "entries: \(files.keys.sorted())")
        let manifest = String(decoding: try #require(files["MANIFEST.txt"]), as: UTF8.self)
        #expect(manifest.contains(" images/ảnh họp.png\n"))
        let page = String(decoding: try #require(files["tai-lieu/to-roi-hop/index.html"]), as: UTF8.self)
        // Encoded as a URL must be, and pointing inside the bundle, not at the web address.
        #expect(page.contains(#"src="../../images/%E1%BA%A3nh%20h%E1%BB%8Dp.png""#))
        #expect(!page.contains("https://example.gov.vn/bantin/images/"))
        #expect(brokenLocalLinks(in: page, page: "tai-lieu/to-roi-hop/index.html", output: folder).isEmpty)
        // The fragment-free handout's page on the site itself is not changed by bundling.
        let published = try site.read("public/tai-lieu/to-roi-hop/index.html")
        #expect(published.contains(#"src="../../images/%E1%BA%A3nh%20h%E1%BB%8Dp.png""#))
    }

    @Test func aBundleOverTheLimitIsAWarningAtTheLimitLineAndMarkedOnTheList() throws {
        let site = try TempSite.starter()
        let yaml = try site.read("content/site.yaml")
        try site.write("content/site.yaml", yaml + "bundle_max_mb: \"0,01\"\n")
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).count   // the added line's number
        let built = try Bantin.run(["build", "--no-print", "--site", site.root.path, "--as-of", "2026-02-01"])
        #expect(built.status == 0, "\(built.stderr)")
        let warning = try #require(built.stderr.split(separator: "\n").first { $0.contains("the bundle bundles/tdp-01.zip") })
        #expect(warning.hasPrefix("content/site.yaml:\(line):"), "\(warning)")
        // 0,01 MB is 10,24 KB: shown as 10 KB, and the bundle with whole KB that differ from it.
        #expect(warning.wholeMatch(of: /content\/site.yaml:\d+:\d+: warning: the bundle bundles\/tdp-01.zip is \d+ KB, over the 10 KB limit/) != nil,
                "\(warning)")
        let list = try site.read("public/bundles/index.html")
        #expect(list.contains(#"<strong class="over-limit">vượt mức 10 KB: Zalo có thể không gửi được</strong>"#))
        // Under the default limit nothing is marked.
        try site.write("content/site.yaml", yaml)
        let again = try Bantin.run(["build", "--no-print", "--site", site.root.path, "--as-of", "2026-02-01"])
        #expect(again.status == 0)
        #expect(!again.stderr.contains("the bundle"))
        #expect(!(try site.read("public/bundles/index.html")).contains("over-limit"))
    }

    @Test func fragmentsAreCleanedEvenWithRawHTMLAllowed() throws {
        let site = try TempSite.starter()
        try site.write("content/site.yaml", try site.read("content/site.yaml") + "allow_raw_html: true\n")
        try site.write("content/posts/tho.md", """
            ---
            title: "Bài có HTML thô"
            date: 2026-01-20
            ---

            <style>p { color: red }</style>
            <script>alert("x")</script>

            <p style="color:red" class="to" onclick="alert(1)" ONMOUSEOVER='alert(2)' onfocus=alert(3)>Đoạn giữ lại</p>

            <iframe src="https://example.org/x"></iframe>
            <object data="x.swf"><param name="a" value="b"></object>
            <embed src="x.swf">
            <a href="javascript:alert(4)">bấm</a> <a href=" JaVaScRiPt:alert(5)">bấm nữa</a>

            <SCRIPT>alert(6)</SCRIPT> </SCRIPT> <Style>p { color: blue }</Style> <IFRAME src="https://example.org/y"></IFRAME> <Meta http-equiv="refresh" content="0">

            <script>never closed

            """)
        let built = try Bantin.run(["build", "--no-print", "--site", site.root.path, "--as-of", "2026-02-01"])
        #expect(built.status == 0, "\(built.stderr)")
        let fragment = try site.read("public/fragments/tho.html")
        #expect(fragment.contains("<p>Đoạn giữ lại</p>"), "\(fragment)")
        #expect(fragment.contains("<a>bấm</a>"))
        for forbidden in ["<script", "<style", "style=", "class=", "onclick", "onmouseover", "onfocus", "alert", "<iframe", "<object",
                          "<param", "<embed", "javascript", "never closed", "color: blue", "<meta", "refresh", "</script"] {
            #expect(!fragment.lowercased().contains(forbidden.lowercased()), "the fragment keeps \(forbidden): \(fragment)")
        }
    }
}

import Testing
@testable import BantinKit

@Suite("Bundle links")
struct BundleLinksTests {
    @Test(arguments: [
        ("../../tin-tuc/bai-2/index.html#muc-1", "tin-tuc/bai-1/index.html", "tin-tuc/bai-2/index.html", "#muc-1"),
        ("assets/style.css", "index.html", "assets/style.css", ""),
        ("./assets/../assets/./logo.png", "index.html", "assets/logo.png", ""),
        ("../../../../x.html", "don-vi/index.html", "x.html", ""),
        ("don-vi/index.html#", "index.html", "don-vi/index.html", "#"),
        // As the file is named on disk: the bundle looks it up by that name.
        ("b%C3%A0i.html", "tin-tuc/index.html", "tin-tuc/bài.html", ""),
        ("../images/%E1%BA%A3nh%20h%E1%BB%8Dp.png#x", "tin-tuc/index.html", "images/ảnh họp.png", "#x"),
        ("100%.png", "index.html", "100%.png", ""),
    ])
    func resolvesRelativeLinks(value: String, page: String, target: String, fragment: String) throws {
        let resolved = try #require(BundleLinks.resolve(value, from: page))
        #expect(resolved.0 == target)
        #expect(resolved.1 == fragment)
    }

    /// The split-based reading the byte walk replaced.
    static func referenceResolve(_ value: String, from sitePath: String) -> (String, String)? {
        if value.isEmpty || value.hasPrefix("#") || value.hasPrefix("//") || value.utf8.contains(UInt8(ascii: ":")) { return nil }
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        let bytes = Array(value.utf8)
        let hash = bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
        var path = Array(sitePath.utf8)
        path.removeSubrange((path.lastIndex(of: slash) ?? 0)...)
        for segment in bytes[..<hash].split(separator: slash) {
            if segment.elementsEqual([dot, dot]) {
                path.removeSubrange((path.lastIndex(of: slash) ?? 0)...)
            } else if !segment.elementsEqual([dot]) {
                if !path.isEmpty { path.append(slash) }
                path += segment
            }
        }
        var target = String(decoding: path, as: UTF8.self)
        if path.contains(UInt8(ascii: "%")) { target = target.removingPercentEncoding ?? target }
        return (target, String(decoding: bytes[hash...], as: UTF8.self))
    }

    /// Random relative links (dots, empty segments, climbing past the root, fragments, escapes)
    /// from pages at every depth resolve as the reference resolves them.
    @Test func resolvesAsTheSplitReading() {
        let pieces = ["..", ".", "", "a", "tin-tuc", "index.html", "%20", "ảnh", "#x", "#", "...", ".a", "a."]
        let pages = ["index.html", "tin-tuc/index.html", "tin-tuc/bai/index.html", "a/b/c/d.html", "x"]
        var generator = SeededGenerator(state: 99)
        for _ in 0..<4_000 {
            let value = (0..<Int.random(in: 1...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: "/")
            let page = pages.randomElement(using: &generator)!
            let got = BundleLinks.resolve(value, from: page), want = Self.referenceResolve(value, from: page)
            #expect(got?.0 == want?.0 && got?.1 == want?.1, "\(value) from \(page)")
        }
    }

    @Test(arguments: ["", "#muc", "//example.org/a", "https://example.org/", "mailto:a@b.vn", "javascript:alert(1)"])
    func leavesAbsoluteAndSamePageLinks(value: String) {
        #expect(BundleLinks.resolve(value, from: "tin-tuc/bai/index.html") == nil)
    }

    @Test func pagesOfTheWholeSiteBundleAreCopiedAsTheyAre() {
        let html = #"<a href="../don-vi/index.html">Đơn vị</a><img src="../assets/logo.png" alt="">"#
        let included = ["don-vi/index.html": "don-vi/index.html", "assets/logo.png": "assets/logo.png", "tin-tuc/index.html": "tin-tuc/index.html"]
        #expect(BundleLinks.rewrite(Array(html.utf8), sitePath: "tin-tuc/index.html", bundlePath: "tin-tuc/index.html",
                                    included: included, baseURL: "https://linhson.example/") == nil)
    }

    /// In the whole-site bundle a link to a file it holds is kept from its bytes alone; only the
    /// links to what it leaves out (the fragments, the bundles, a file that is not there) change.
    @Test func theWholeSiteBundleRepointsOnlyWhatItLeavesOut() throws {
        let page = "tin-tuc/bai/index.html"
        let html = #"<a href="../../don-vi/index.html#a">Đơn vị</a> <img src="../../images/%E1%BA%A3nh.png" alt="">"#
            + #" <a class="c" href="../../fragments/bai.html">Sao chép</a> <a href="../../bundles/index.html">Gói</a>"#
            + #" <link href="../../assets/khong-co.css"> <a href="./#muc">Mục</a> <a href="https://x.vn/">x</a>"#
        let included = [page, "don-vi/index.html", "images/ảnh.png"].reduce(into: [String: String]()) { $0[$1] = $1 }
        let out = try #require(BundleLinks.rewrite(Array(html.utf8), sitePath: page, bundlePath: page, included: included,
                                                   baseURL: "https://linhson.example/"))
        #expect(String(decoding: out, as: UTF8.self) == #"<a href="../../don-vi/index.html#a">Đơn vị</a> <img src="../../images/%E1%BA%A3nh.png" alt="">"#
            + #" <a class="c" data-online="true" href="https://linhson.example/fragments/bai.html">Sao chép</a> <a data-online="true" href="https://linhson.example/bundles/index.html">Gói</a>"#
            + #" <link href="https://linhson.example/assets/khong-co.css"> <a data-online="true" href="https://linhson.example/tin-tuc/bai#muc">Mục</a> <a href="https://x.vn/">x</a>"#)
        // Bytes that are not UTF-8 in a link are read as the replacement character either way.
        let broken = Array(#"<a href="../../don-vi/"#.utf8) + [0xC3] + Array(#"/index.html">x</a>"#.utf8)
        let repointed = try #require(BundleLinks.rewrite(broken, sitePath: page, bundlePath: page, included: included, baseURL: "https://l.vn/"))
        #expect(String(decoding: repointed, as: UTF8.self) == #"<a data-online="true" href="https://l.vn/don-vi/%EF%BF%BD/index.html">x</a>"#)
    }

    @Test func linksAreRepointedInsideAUnitBundleAndMarkedOnlineOutsideIt() throws {
        let html = #"<p><a class="x" href="../../tin-tuc/index.html#dau">Tin</a> <a href="../../thong-diep/a/index.html">A</a> <img src="../../assets/logo.png" alt=""></p>"#
        let included = ["don-vi/to-1/index.html": "index.html", "thong-diep/a/index.html": "thong-diep/a/index.html",
                        "assets/logo.png": "assets/logo.png"]
        let out = try #require(BundleLinks.rewrite(Array(html.utf8), sitePath: "don-vi/to-1/index.html", bundlePath: "index.html",
                                                   included: included, baseURL: "https://linhson.example/"))
        #expect(String(decoding: out, as: UTF8.self) == #"<p><a class="x" data-online="true" href="https://linhson.example/tin-tuc/index.html#dau">Tin</a> <a href="thong-diep/a/index.html">A</a> <img src="assets/logo.png" alt=""></p>"#)
        // From the bundled copy of the message, one level down, back to the entry page.
        let back = try #require(BundleLinks.rewrite(Array(#"<a href="../../don-vi/to-1/index.html">Tổ 1</a>"#.utf8), sitePath: "thong-diep/a/index.html",
                                                    bundlePath: "thong-diep/a/index.html", included: included, baseURL: "https://linhson.example/"))
        #expect(String(decoding: back, as: UTF8.self) == #"<a href="../../index.html">Tổ 1</a>"#)
    }

    @Test func pathsAreEncodedAgainWhenWrittenIntoAPage() {
        #expect(BundleLinks.encode("images/ảnh họp.png") == "images/%E1%BA%A3nh%20h%E1%BB%8Dp.png")
        #expect(BundleLinks.encode("tai-lieu/a-b_c.d~e/index.html") == "tai-lieu/a-b_c.d~e/index.html")
        #expect(BundleLinks.encode("100%#?\"<>.png") == "100%25%23%3F%22%3C%3E.png")
    }

    @Test func aFileWhoseNameNeedsEncodingIsFoundInTheBundle() throws {
        let html = #"<img src="../../images/%E1%BA%A3nh%20h%E1%BB%8Dp.png" alt=""><a href="../../tin-tuc/b%C3%A0i%201/index.html">x</a>"#
        let included = ["tai-lieu/a/index.html": "tai-lieu/a/index.html", "images/ảnh họp.png": "images/ảnh họp.png"]
        let out = try #require(BundleLinks.rewrite(Array(html.utf8), sitePath: "tai-lieu/a/index.html", bundlePath: "index.html",
                                                   included: included, baseURL: "https://linhson.example/"))
        #expect(String(decoding: out, as: UTF8.self)
            == #"<img src="images/%E1%BA%A3nh%20h%E1%BB%8Dp.png" alt=""><a data-online="true" href="https://linhson.example/tin-tuc/b%C3%A0i%201/index.html">x</a>"#)
        #expect(BundleLinks.references(in: html, from: "tai-lieu/a/index.html") == ["images/ảnh họp.png", "tin-tuc/bài 1/index.html"])
    }

    @Test func sizesAreShownWithTheDigitsThatTellThemApart() {
        #expect(BundleStage.sizeText(47_000) == "46 KB")
        #expect(BundleStage.sizeText(2_400_000) == "2,3 MB")
        // 0,3 MB is 307,2 KB: a bundle just over it needs two decimals to differ.
        #expect(BundleStage.sizeTexts(314_600, over: 314_572) == ("307,23 KB", "307,2 KB"))
        #expect(BundleStage.sizeTexts(335_544, over: 314_572) == ("328 KB", "307 KB"))
        #expect(BundleStage.sizeTexts(26_300_000, over: 26_214_400) == ("25,1 MB", "25 MB"))
        #expect(BundleStage.sizeTexts(1_048_577, over: 1_048_576) == ("1.048.577 bytes", "1.048.576 bytes"))
    }
}

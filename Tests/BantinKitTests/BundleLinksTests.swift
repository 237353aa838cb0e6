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
        ("b%C3%A0i.html", "tin-tuc/index.html", "tin-tuc/b%C3%A0i.html", ""),
    ])
    func resolvesRelativeLinks(value: String, page: String, target: String, fragment: String) throws {
        let resolved = try #require(BundleLinks.resolve(value, from: page))
        #expect(resolved.0 == target)
        #expect(resolved.1 == fragment)
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
}

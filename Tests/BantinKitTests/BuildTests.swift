import Foundation
import Testing
import VietText
@testable import BantinKit

@Suite("Build output")
struct BuildTests {
    let site: TestSite
    let report: SiteBuilder.Report
    let output: URL

    init() {
        site = TestSite.good()
        (report, output) = site.build()
    }

    func page(_ path: String) -> String { readText(output.appending(path: path)) }

    static let expectedFiles = [
        "404.html",
        "assets/style.css",
        "chien-dich/cd-hep/index.html",
        "chien-dich/cd-thu/index.html",
        "chien-dich/index.html",
        "don-vi/index.html",
        "don-vi/tdp-2/index.html",
        "don-vi/to-dan-pho-so-10/index.html",
        "don-vi/truong-mam-non-linh-son/index.html",
        "don-vi/truong-thcs-linh-son/index.html",
        "don-vi/truong-tieu-hoc-linh-son/index.html",
        "feed.xml",
        "images/anh hop.png",
        "index.html",
        "robots.txt",
        "sitemap.xml",
        "thong-diep/01-thong-diep/index.html",
        "thong-diep/index.html",
        "tin-tuc/bai-hai/index.html",
        "tin-tuc/bai-mot/index.html",
        "tin-tuc/index.html",
        "van-ban/cv-12/index.html",
        "van-ban/index.html",
    ]

    /// Pages, not the paste-ready fragments (which are deliberately bare).
    var htmlFiles: [String] { listFiles(output).filter { $0.hasSuffix(".html") && !$0.hasPrefix("fragments/") } }

    @Test func succeedsWithoutDiagnostics() {
        #expect(report.succeeded)
        #expect(report.diagnostics.all.isEmpty, "\(report.diagnostics.summary)")
        #expect(report.pages == htmlFiles.count)
        #expect(report.files == listFiles(output).filter { $0 != ".bantin-output" }.count)
        #expect(listFiles(output).contains(".bantin-output"))
        #expect(report.pages >= 18)
    }

    @Test func writesEveryPage() {
        let written = Set(listFiles(output))
        for file in Self.expectedFiles {
            #expect(written.contains(file), "\(file) is missing")
        }
        // Nothing is written outside the known sections.
        let tops = Set(written.map { String($0.split(separator: "/").first!) })
        #expect(tops.isSubset(of: ["404.html", "assets", "bao-cao", "chien-dich", "don-vi", "feed.xml", "images", "index.html",
                                   "robots.txt", "sitemap.xml", "tai-lieu", "thong-diep", "tin-tuc", "van-ban", "bundles", "fragments", "ban-tin", "tim-kiem", ".bantin-output"]), "\(tops.sorted())")
    }

    @Test func copiesAssetsAsTheyAre() throws {
        let data = try #require(FileManager.default.contents(atPath: output.appending(path: "images/anh hop.png").path))
        #expect([UInt8](data) == [0x89, 0x50, 0x4E, 0x47])
    }

    @Test func everyPageIsAccessibleAndLocked() {
        #expect(htmlFiles.count >= 18)
        for path in htmlFiles {
            let html = page(path)
            #expect(html.hasPrefix("<!DOCTYPE html>"), "\(path)")
            #expect(html.contains("<html lang=\"vi\">"), "\(path)")
            #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"), "\(path)")
            #expect(html.contains("<a class=\"skip-link\" href=\"#noi-dung\">"), "\(path)")
            #expect(html.contains("id=\"noi-dung\""), "\(path)")
            // Only the search page runs a script, its own file, allowed by its own CSP.
            if path == "tim-kiem/index.html" {
                #expect(html.contains("script-src 'self'"))
                #expect(!html.contains("<script>"), "no inline script")
            } else {
                #expect(!html.contains("<script"), "\(path)")
            }
        }
    }

    @Test func everyRelativeLinkResolves() throws {
        let pattern = try Regex(##"(?:href|src)="([^"#?]+)"##)
        var checked = 0
        for path in htmlFiles {
            let html = page(path)
            let folder = output.appending(path: path).deletingLastPathComponent()
            for match in html.matches(of: pattern) {
                guard let raw = match.output[1].substring.map(String.init) else { continue }
                let lower = raw.lowercased()
                if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") { continue }
                let decoded = (raw.replacingOccurrences(of: "&amp;", with: "&")).removingPercentEncoding ?? raw
                let target = folder.appending(path: decoded).standardizedFileURL
                #expect(target.path.hasPrefix(output.standardizedFileURL.path + "/"), "\(path) → \(raw) leaves the site")
                #expect(FileManager.default.fileExists(atPath: target.path), "\(path) → \(raw) does not exist")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test func markdownLinksBecomeOutputLinks() {
        let html = page("tin-tuc/bai-mot/index.html")
        #expect(html.contains("<a href=\"../../van-ban/cv-12/index.html#muc-mot\">công văn</a>"))
        #expect(html.contains("<a href=\"https://example.org/x\">trang ngoài</a>"))
        #expect(html.contains("<a href=\"#tai-lieu\">phần dưới</a>"))
        #expect(html.contains("id=\"tai-lieu\""))
        // The target anchor exists on the document page.
        #expect(page("van-ban/cv-12/index.html").contains("id=\"muc-mot\""))

        let two = page("tin-tuc/bai-hai/index.html")
        #expect(two.contains("<a href=\"../../tin-tuc/bai-mot/index.html\">bài một</a>"))
        #expect(two.contains("<a href=\"../../thong-diep/01-thong-diep/index.html\">thông điệp</a>"))
        #expect(two.contains("src=\"../../images/anh%20hop.png\""))
    }

    /// A table row for one indicator holding `value` in a numeric cell and then the unit of measure.
    func targetRow(_ label: String, _ value: String, _ unit: String) throws -> Regex<AnyRegexOutput> {
        let cell = #"(?:<td[^>]*>[^<]*</td>)*?"#
        return try Regex(#"<tr><th scope="row">"# + label + "</th>" + cell + #"<td class="num">"# + value + "</td>" + cell
                         + "<td>" + unit + "</td></tr>")
    }

    @Test func unitPageShowsItsTargets() throws {
        let html = page("don-vi/tdp-2/index.html")
        #expect(html.contains("<h1>Tổ dân phố số 2</h1>"))
        #expect(html.contains("Bà Trần Thị Mai"))
        // The unit's own target overrides its kind's (3, not 2); the kind's other target still applies.
        #expect(html.contains(try targetRow("Buổi tuyên truyền", "3", "buổi")))
        #expect(html.contains(try targetRow("Tờ rơi", "200", "tờ")))
        #expect(html.contains("href=\"../../tin-tuc/bai-mot/index.html\""))
        // Only the campaigns that address the unit.
        let other = page("don-vi/to-dan-pho-so-10/index.html")
        #expect(other.contains("Tuyên truyền Chỉ thị thử"))
        #expect(!other.contains("Chiến dịch hẹp"))
        #expect(other.contains(try targetRow("Buổi tuyên truyền", "2", "buổi")))
    }

    @Test func unitsPageListsUnitsInOrder() throws {
        let html = page("don-vi/index.html")
        let names = ["Trường Mầm non Linh Sơn", "Trường THCS Linh Sơn", "Trường Tiểu học Linh Sơn", "Tổ dân phố số 2", "Tổ dân phố số 10"]
        let positions = try names.map { try #require(html.range(of: ">\($0)<")?.lowerBound, "\($0)") }
        #expect(positions == positions.sorted())
    }

    @Test func documentPageHasTheLetter() {
        let html = page("van-ban/cv-12/index.html")
        #expect(html.contains("12/VHXH"))
        #expect(html.contains("<em>Hoà Bình, <span class=\"nowrap\">ngày 25 tháng 3 năm 2026</span></em>"))
        #expect(html.contains("Nguyễn Văn An"))
    }

    @Test func notFoundPageUsesAbsoluteLinks() {
        let html = page("404.html")
        #expect(html.contains("href=\"https://example.gov.vn/bantin/assets/style.css\""))
        #expect(html.contains("href=\"https://example.gov.vn/bantin/index.html\""))
    }

    @Test func atomFeed() throws {
        let xml = page("feed.xml")
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">"))
        #expect(xml.contains("<link rel=\"self\" href=\"https://example.gov.vn/bantin/feed.xml\"/>"))
        #expect(xml.contains("<updated>2026-04-01T00:00:00+07:00</updated>"))
        let ids = xml.matches(of: try Regex(#"<id>([^<]*)</id>"#)).compactMap { $0.output[1].substring.map(String.init) }
        #expect(ids == [
            "https://example.gov.vn/bantin/",
            "https://example.gov.vn/bantin/tin-tuc/bai-hai/index.html",
            "https://example.gov.vn/bantin/tin-tuc/bai-mot/index.html",
            "https://example.gov.vn/bantin/van-ban/cv-12/index.html",
        ])
        #expect(xml.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.gov.vn/bantin/tin-tuc/bai-mot/index.html\"/>"))
        #expect(xml.contains("<summary>Tóm tắt bài một</summary>"))
        // A document without summary is summarised by its subject.
        #expect(xml.contains("<summary>V/v thử nghiệm</summary>"))
        // Messages have no date and are not in the feed.
        #expect(!xml.contains("thong-diep"))
        #expect(xml.hasSuffix("</feed>\n"))
    }

    @Test func sitemap() throws {
        let xml = page("sitemap.xml")
        let locs = xml.matches(of: try Regex(#"<loc>([^<]*)</loc>"#)).compactMap { $0.output[1].substring.map(String.init) }
        let expected = htmlFiles.filter { $0 != "404.html" }.map { "https://example.gov.vn/bantin/" + $0 }
        #expect(locs == expected)
        #expect(!xml.contains("404"))
    }

    @Test func robotsNamesTheSitemap() {
        #expect(page("robots.txt") == "User-agent: *\nAllow: /\nSitemap: https://example.gov.vn/bantin/sitemap.xml\n")
    }

    @Test func leavesNoStagingFolder() throws {
        // Beside the output a build leaves only its cache.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0 != ".bantin-cache" }
        #expect(siblings.sorted() == ["content", "out"])
    }
}

@Suite("Feed")
struct FeedTests {
    /// The feed carries the newest entries only; every post keeps its page and its place in the lists.
    @Test func theFeedHoldsTheFiftyNewestEntries() throws {
        let site = TestSite.minimal()
        for day in 1...60 {
            let date = VietDate(year: 2026, month: 1, day: 1)!.adding(days: day)
            site.write("content/posts/bai-\(day).md", "---\ntitle: \"Bài số \(day)\"\ndate: \(date.iso)\n---\nNội dung.\n")
        }
        let (report, output) = site.build()
        #expect(report.succeeded, "\(report.diagnostics.summary)")
        let feed = readText(output.appending(path: "feed.xml"))
        let titles = feed.matches(of: /<title>Bài số (\d+)<\/title>/).map { Int($0.1)! }
        #expect(titles == Array((11...60).reversed()), "\(titles)")
        #expect(FileManager.default.fileExists(atPath: output.appending(path: "tin-tuc/bai-1/index.html").path))
    }
}

@Suite("Build safety")
struct BuildSafetyTests {
    @Test func valuesAreEscaped() throws {
        let site = TestSite()
        site.write("content/site.yaml", TestSite.siteYAML)
        site.write("content/units.yaml", """
        units:
          - {id: xau, name: "<script>alert(1)</script> & Tổ", kind: to-dan-pho, contact: "\\"><img src=x>"}

        """)
        let (report, output) = site.build()
        #expect(report.succeeded, "\(report.diagnostics.summary)")
        let html = readText(output.appending(path: "don-vi/xau/index.html"))
        #expect(html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; Tổ</h1>"))
        #expect(html.contains("&quot;&gt;&lt;img src=x&gt;"))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img src=x>"))
    }

    @Test func markdownIsRenderedInSafeMode() throws {
        let site = TestSite.minimal()
        site.write("content/posts/nguy-hiem.md", """
        ---
        title: "Bài <b>đậm</b>"
        date: 2026-01-02
        ---

        [bấm vào đây](javascript:alert(1)) và [cũng vậy](JAVASCRIPT:alert(2))

        <script>alert("x")</script>

        <div onclick="alert(3)">khối</div>

        Chữ <img src=x onerror=alert(4)> giữa dòng.
        """)
        let (report, output) = site.build()
        #expect(report.succeeded, "\(report.diagnostics.summary)")
        let html = readText(output.appending(path: "tin-tuc/nguy-hiem/index.html"))
        #expect(html.contains("<a href=\"\">bấm vào đây</a>"))
        #expect(html.contains("<a href=\"\">cũng vậy</a>"))
        #expect(!html.lowercased().contains("javascript:"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("onerror"))
        #expect(html.contains("<h1>Bài &lt;b&gt;đậm&lt;/b&gt;</h1>"))
    }

    @Test func brokenLinkIsAnErrorAtTheFileLine() throws {
        let site = TestSite.good()
        site.write("content/posts/bai-ba.md", """
        ---
        title: "Bài ba"
        date: 2026-01-02
        ---

        Đoạn một.

        Xem [bài](../posts/khong-co.md) nhé.

        ![ảnh](../images/khong-co.png)
        """)
        let (report, output) = site.build()
        #expect(!report.succeeded)
        let link = try #require(report.diagnostics.matching("content/posts/bai-ba.md", "broken link").first, "\(report.diagnostics.summary)")
        #expect(link.severity == .error)
        #expect(link.line == 8)
        #expect(link.column == 5)
        #expect(link.message == "broken link: `../posts/khong-co.md` → content/posts/khong-co.md does not exist")
        let image = try #require(report.diagnostics.matching("content/posts/bai-ba.md", "broken image").first)
        #expect(image.line == 10)
        #expect(image.column == 1)
        #expect(report.diagnostics.errors.count == 2)
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func brokenLinkSuggestsTheClosestFile() throws {
        let site = TestSite.good()
        site.write("content/posts/bai-ba.md", "---\ntitle: \"Bài ba\"\ndate: 2026-01-02\n---\n[x](../documents/cv-21.md)\n")
        let (report, _) = site.build()
        let error = try #require(report.diagnostics.matching("content/posts/bai-ba.md", "broken link").first)
        #expect(error.line == 5)
        #expect(error.hint == "did you mean `documents/cv-12.md`? Links are relative to the file they are written in")
    }

    @Test func failedBuildLeavesOutputUntouched() throws {
        let site = TestSite.good()
        let (first, output) = site.build()
        #expect(first.succeeded, "\(first.diagnostics.summary)")
        let indexBefore = try #require(FileManager.default.contents(atPath: output.appending(path: "index.html").path))
        let filesBefore = listFiles(output)
        site.write("out/marker.txt", "đánh dấu")

        // A render-stage error (broken link) happens after the staging folder was created.
        site.write("content/posts/bai-ba.md", "---\ntitle: \"Bài ba\"\ndate: 2026-05-02\n---\n[x](khong-co.md)\n")
        let (second, _) = site.build()
        #expect(!second.succeeded)
        #expect(second.diagnostics.errors.count == 1)
        #expect(second.pages == 0)

        // A load-stage error.
        site.write("content/units.yaml", TestSite.unitsYAML + "  - {name: \"X\", kind: khong-co}\n")
        let (third, _) = site.build()
        #expect(!third.succeeded)

        #expect(site.read("out/marker.txt") == "đánh dấu")
        #expect(FileManager.default.contents(atPath: output.appending(path: "index.html").path) == indexBefore)
        #expect(listFiles(output) == (filesBefore + ["marker.txt"]).sorted())
        #expect(!FileManager.default.fileExists(atPath: output.appending(path: "tin-tuc/bai-ba/index.html").path))
        // Beside the output a build leaves only its cache.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0 != ".bantin-cache" }
        #expect(siblings.sorted() == ["content", "out"], "staging or old folders left behind: \(siblings)")
    }

    @Test func successfulBuildReplacesTheOutput() throws {
        let site = TestSite.good()
        let (_, output) = site.build()
        site.write("out/marker.txt", "cũ")
        site.remove("content/posts/bai-hai.md")
        let (report, _) = site.build()
        #expect(report.succeeded, "\(report.diagnostics.summary)")
        #expect(!FileManager.default.fileExists(atPath: output.appending(path: "marker.txt").path))
        #expect(!FileManager.default.fileExists(atPath: output.appending(path: "tin-tuc/bai-hai/index.html").path))
        #expect(FileManager.default.fileExists(atPath: output.appending(path: "tin-tuc/bai-mot/index.html").path))
        // Beside the output a build leaves only its cache.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0 != ".bantin-cache" }
        #expect(siblings.sorted() == ["content", "out"])
    }

    @Test func buildsAreByteIdentical() throws {
        let site = TestSite.good()
        let (a, outA) = site.build(into: "a")
        let (b, outB) = site.build(into: "b")
        #expect(a.succeeded && b.succeeded)
        let files = listFiles(outA)
        #expect(files == listFiles(outB))
        #expect(files.count >= BuildTests.expectedFiles.count)
        for file in files {
            let dataA = FileManager.default.contents(atPath: outA.appending(path: file).path)
            let dataB = FileManager.default.contents(atPath: outB.appending(path: file).path)
            #expect(dataA != nil && dataA == dataB, "\(file) differs between builds")
        }
    }

    @Test func siteTemplateOverridesTheTheme() throws {
        let site = TestSite.good()
        site.write("templates/404.mustache", "<!DOCTYPE html><html lang=\"vi\"><title>Riêng</title>{{site.title}}</html>")
        let (report, output) = site.build()
        #expect(report.succeeded, "\(report.diagnostics.summary)")
        #expect(readText(output.appending(path: "404.html")) == "<!DOCTYPE html><html lang=\"vi\"><title>Riêng</title>Bản tin thử nghiệm</html>")
    }

    @Test func templateSyntaxErrorIsReported() throws {
        let site = TestSite.good()
        site.write("templates/404.mustache", "<p>\n{{#site}}\n</p>\n")
        let (report, output) = site.build()
        #expect(!report.succeeded)
        let error = try #require(report.diagnostics.errors.first)
        #expect(error.file == "templates/404.mustache")
        #expect(error.message.contains("template"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}

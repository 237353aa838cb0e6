import Foundation
import Testing

/// The real site of this repository, built by the real binary.
@Suite("Linh Sơn site", .serialized)
struct LinhSonSiteTests {
    /// A copy of the repository's site, built into its own public/.
    let site: TempSite
    let output: URL
    let result: Bantin.Result

    init() throws {
        site = try TempSite.repositoryCopy()
        output = site.root.appending(path: "public")
        result = try Bantin.run(["build", "--no-print", "--site", site.root.path])
    }

    func page(_ path: String) throws -> String {
        try String(contentsOf: output.appending(path: path), encoding: .utf8)
    }

    @Test func buildsWithOneSummaryLine() throws {
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(!result.stderr.contains("error:"))
        // The line counts what is on disk: pages are the HTML files but the bare fragments, files
        // all of them but Bantin's marker; and it gives the time taken in seconds.
        let line = try #require(lines.first.map(String.init))
        let summary = try #require(line.wholeMatch(of: /bantin: built (\d+) pages \((\d+) files, 31 zip bundles, [\d.]+ MB\) in (\d+\.\d\d) s into public\/, 2 warning\(s\)/),
                                   "\(line)")
        let files = try tree(output).keys.filter { $0 != ".bantin-output" }
        #expect(Int(summary.output.1) == files.filter { $0.hasSuffix(".html") && !$0.hasPrefix("fragments/") }.count)
        #expect(Int(summary.output.2) == files.count)
        #expect(try #require(Double(summary.output.3)) > 0)
    }

    @Test func fiveKeyMessagesAndThePosts() throws {
        func pages(in folder: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: output.appending(path: folder).path)
                .filter { FileManager.default.fileExists(atPath: output.appending(path: "\(folder)/\($0)/index.html").path) }
        }
        // The letter's five propaganda points, each a page of key messages.
        #expect(try pages(in: "thong-diep").sorted() == ["01-quan-triet-chi-thi-57", "02-tu-chu-an-ninh-mang", "03-the-che-ha-tang-du-lieu",
                                                         "04-van-hoa-an-ninh-mang", "05-canh-giac-lua-dao-tin-gia"])
        #expect(try pages(in: "tin-tuc").count >= 2)
    }

    @Test func warnsWhereTheSeedLetterBreaksDecree30() throws {
        #expect(result.stderr.contains(#"content/documents/246-cv-vhxxh.md:6:15: warning: Decree 30 writes this date as "ngày 25 tháng 3 năm 2026""#))
        #expect(result.stderr.contains(#"content/documents/246-cv-vhxxh.md:4:9: warning: a state công văn's symbol has no "CV""#))
    }

    @Test func everyRecipientUnitHasAPage() throws {
        let units = try String(contentsOf: Bantin.packageRoot.appending(path: "content/units.yaml"), encoding: .utf8)
        let ids = units.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "id: ") else { return nil }
            return line[range.upperBound...].split(separator: ",").first.map { String($0).trimmingCharacters(in: .whitespaces) }
        }.filter { !$0.contains("-") || $0.hasPrefix("tdp-") || $0.contains("linh-son") || $0 == "tram-y-te" }
        #expect(ids.count >= 30)
        for id in ids where FileManager.default.fileExists(atPath: output.appending(path: "don-vi/\(id)").path) == false {
            Issue.record("no page for unit \(id)")
        }
        let tdp10 = try page("don-vi/tdp-10/index.html")
        #expect(tdp10.contains("<h1>Tổ dân phố số 10</h1>"))
        // Its kind, and the badge of invented names (every unit of units.yaml has `sample: true`).
        #expect(tdp10.contains("<dt>Loại đơn vị</dt><dd>Tổ dân phố</dd>"))
        #expect(tdp10.contains(#"<p class="badge">Tên và người liên hệ là dữ liệu mẫu</p>"#))
        let school = try page("don-vi/thcs-linh-son/index.html")
        #expect(school.contains("<dt>Loại đơn vị</dt><dd>Cơ sở giáo dục</dd>"))
        #expect(school.contains("<dt>Người liên hệ</dt><dd>Ông Ngô Quang Huy – Hiệu trưởng</dd>"))
        #expect(tdp10.contains("Chỉ tiêu và kết quả của đơn vị"))
        #expect(tdp10.contains(#"<th scope="row">Buổi tuyên truyền</th><td class="num">1</td><td class="num">2</td><td class="num">50%</td><td>buổi</td>"#))
        // tdp-01 has its own targets, which override its kind's.
        let tdp01 = try page("don-vi/tdp-01/index.html")
        #expect(tdp01.contains(#"<th scope="row">Buổi tuyên truyền</th><td class="num">3</td><td class="num">3</td><td class="num">100%</td>"#))
    }

    @Test func unitIndexIsGroupedAndInVietnameseOrder() throws {
        let index = try page("don-vi/index.html")
        let two = try #require(index.range(of: ">Tổ dân phố số 2<"))
        let ten = try #require(index.range(of: ">Tổ dân phố số 10<"))
        #expect(two.lowerBound < ten.lowerBound)
        let schools = try #require(index.range(of: "Cơ sở giáo dục"))
        let groups = try #require(index.range(of: #"<h2 id="to-dan-pho">"#))
        #expect(schools.lowerBound < groups.lowerBound)
    }

    @Test func theLetterIsShownAsWritten() throws {
        let letter = try page("van-ban/246-cv-vhxxh/index.html")
        for text in ["UBND PHƯỜNG LINH SƠN", "PHÒNG VĂN HOÁ - XÃ HỘI", "246/CV-VHXXH",
                     "Linh Sơn, <span class=\"nowrap\">ngày 25 tháng 03 năm 2026</span>",
                     "- Trung tâm Dịch vụ tổng hợp phường;", "- Các tổ dân phố trên địa bàn phường.",
                     "Nơi nhận:", "- Như trên;", "- Lưu: VT.Lynt.", "TRƯỞNG PHÒNG", "Đoàn Việt Dũng",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"] {
            #expect(letter.contains(text), "missing: \(text)")
        }
        // Every body paragraph of the seed appears verbatim: letters skip smart punctuation.
        let seed = try String(contentsOf: Bantin.packageRoot.appending(path: "tests/fixtures/seed/cong-van-246-CV-VHXXH.txt"), encoding: .utf8)
        let start = try #require(seed.range(of: "Thực hiện Công văn")), end = try #require(seed.range(of: "Nơi nhận:"))
        // A line break inside a sentence of the seed ("kỹ năng" / "số").
        let body = seed[start.lowerBound..<end.lowerBound].replacingOccurrences(of: "kỹ năng\n\nsố", with: "kỹ năng số")
        let paragraphs = body.components(separatedBy: "\n\n").map(foldSpaces).filter { !$0.isEmpty }
        #expect(paragraphs.count == 8)
        // The letter's list items are the seed's "- " paragraphs: the stylesheet draws that dash.
        #expect(try page("assets/style.css").contains(#".letter-body li > p:first-child::before, .letter-body li:not(:has(> p))::before { content: "- "; }"#))
        let shown = foldSpaces(plainText(letter, listMarker: "- "))
        for paragraph in paragraphs {
            #expect(shown.contains(paragraph), "not on the page: \(paragraph.prefix(80))")
        }
    }

    @Test func pagesAreSafeAccessibleAndSelfContained() throws {
        let files = try tree(output)
        // Fragments are bare on purpose (checked in BundleTests); every page is checked here.
        let pages = files.keys.filter { $0.hasSuffix(".html") && !$0.hasPrefix("fragments/") }.sorted()
        #expect(pages.count >= 45)
        var broken: [String] = []
        for path in pages {
            let html = String(decoding: files[path]!, as: UTF8.self)
            #expect(html.contains(#"<html lang="vi">"#), "\(path)")
            #expect(html.contains(#"http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'"#), "\(path)")
            #expect(html.contains(##"class="skip-link" href="#noi-dung""##), "\(path)")
            // Landmarks: a web page has all four; a print layout (ban-in/) is paper, with its text in <main>.
            #expect(html.contains(#"<main id="noi-dung""#), "\(path)")
            if !path.contains("/ban-in/") {
                for landmark in ["<header class=\"site-header\"", #"<nav class="site-nav" aria-label="#, "<footer class=\"site-footer\""] {
                    #expect(html.contains(landmark), "\(path) has no \(landmark)")
                }
            }
            // Only the search page runs a script, its own file, allowed by its own CSP.
            if path == "tim-kiem/index.html" {
                #expect(html.contains("script-src 'self'"))
                #expect(!html.contains("<script>"), "no inline script")
            } else {
                #expect(!html.contains("<script"), "\(path)")
            }
            // Nothing is fetched from another host: no absolute src= and no stylesheet from elsewhere.
            #expect(!html.contains(#"src="http"#), "\(path)")
            if path != "404.html" { broken += brokenLocalLinks(in: html, page: path, output: output) }
        }
        #expect(broken.isEmpty, "\(broken.prefix(10))")
    }

    @Test func feedSitemapAndRobotsUseTheBaseURL() throws {
        let feed = try page("feed.xml")
        #expect(feed.contains("<id>https://linhson.thainguyen.gov.vn/bantin/tin-tuc/"))
        #expect(feed.contains("<id>https://linhson.thainguyen.gov.vn/bantin/van-ban/246-cv-vhxxh/index.html</id>"))
        let sitemap = try page("sitemap.xml")
        #expect(sitemap.contains("<loc>https://linhson.thainguyen.gov.vn/bantin/don-vi/tdp-25/index.html</loc>"))
        #expect(!sitemap.contains("404.html"))
        #expect(try page("robots.txt").contains("Sitemap: https://linhson.thainguyen.gov.vn/bantin/sitemap.xml"))
    }

    @Test func markdownLinksPointAtTheirPages() throws {
        let post = try page("tin-tuc/phong-van-hoa-xa-hoi-trien-khai-tuyen-truyen-chi-thi-57/index.html")
        #expect(post.contains(#"href="../../van-ban/246-cv-vhxxh/index.html""#))
        #expect(!post.contains(".md\""))
    }
}

/// Runs of white space as one space, trimmed.
func foldSpaces(_ text: some StringProtocol) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

/// What a reader sees of an HTML page: a block's tags are a space, an inline element's nothing,
/// a list item starts with `listMarker`, character references are decoded.
func plainText(_ html: String, listMarker: String = "") -> String {
    let text = html.replacing(/<li\b[^>]*>/, with: " \(listMarker)")
        .replacing(/<\/?(?:p|li|ul|ol|div|h[1-6]|br|hr|tr|td|th|table|thead|tbody|caption|dl|dt|dd|section|header|footer|nav|main|aside|figure|figcaption|blockquote|title)\b[^>]*>/, with: " ")
        .replacing(/<[^>]*>/, with: "")
    return text.replacing(/&(#[0-9]+|#x[0-9a-fA-F]+|[a-z]+);/) { match -> String in
        let name = match.output.1
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]
        if let value = named[String(name)] { return value }
        let number = name.hasPrefix("#x") ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
        return number.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? String(match.output.0)
    }
}

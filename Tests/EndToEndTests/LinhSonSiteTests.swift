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
        #expect(lines.first?.contains("bantin: built") == true)
        #expect(!result.stderr.contains("error:"))
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
        // The seed's body paragraphs appear verbatim: letters skip smart punctuation.
        let seed = Bantin.packageRoot.deletingLastPathComponent().appending(path: "shared/seed/cong-van-246-CV-VHXXH.txt")
        if let text = try? String(contentsOf: seed, encoding: .utf8) {
            let closing = "Phòng Văn hoá - Xã hội đề nghị các đơn vị quan tâm chỉ đạo, tổ chức triển khai thực hiện theo quy định./."
            #expect(text.contains(closing))
            #expect(letter.contains(closing))
            let third = "an toàn,... coi trọng đầu tư"
            #expect(text.contains(third))
            #expect(letter.contains(third))
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

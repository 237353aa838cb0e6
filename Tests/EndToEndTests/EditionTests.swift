import Foundation
import Testing

/// Numbered editions: what they include, and numbers frozen at their date.
@Suite("Editions")
struct EditionTests {
    /// The starter site with two activity reports around an edition's date.
    func siteWithEdition() throws -> TempSite {
        let site = try TempSite()
        #expect(try Bantin.run(["init", site.root.appending(path: "s").path]).status == 0)
        let root = site.inside("s")
        try root.write("content/campaigns/vi-du/progress/bao-cao.csv", """
            ngày,đơn vị,hoạt động,buổi,lượt người
            10/1/2026,tdp-01,Họp tổ,1,40
            20/2/2026,tdp-01,Họp tổ lần hai,1,65
            """)
        try root.write("content/editions/so-1.md", """
            ---
            title: "Lời ngỏ số 1"
            number: 1
            date: 2026-01-31
            campaign: vi-du
            includes:
              - posts/khai-mac.md
              - 01-thong-diep
            ---
            Số liệu đến cuối tháng 1:

            ```bantin totals campaign=vi-du
            ```
            """)
        try root.write("content/editions/so-2.md", """
            ---
            title: "Lời ngỏ số 2"
            number: 2
            date: 2026-02-28
            campaign: vi-du
            includes: [posts/khai-mac.md]
            ---
            Số 2.
            """)
        return root
    }

    @Test func numbersAreFrozenAtTheEditionsDate() throws {
        let site = try siteWithEdition()
        let result = try Bantin.run(["build", "--no-print", "--site", site.root.path, "--as-of", "2026-03-15"])
        #expect(result.status == 0, "\(result.stderr)")
        let first = try site.read("public/ban-tin/so-1/index.html")
        // Only the January row (40 people) counts in edition 1, though the site is built in March.
        #expect(first.contains(#"<th scope="row">Lượt người tham dự</th><td class="num">40</td>"#), "\(first)")
        #expect(first.contains("Số liệu Tuyên truyền ví dụ đến ngày 31/1/2026"))
        let second = try site.read("public/ban-tin/so-2/index.html")
        #expect(second.contains("đến ngày 28/2/2026"))
        let overview = try site.read("public/chien-dich/vi-du/tien-do/index.html")
        #expect(overview.contains("105/100"))   // the live overview counts both rows
    }

    @Test func editionsListIncludedArticlesAndAreListedNewestFirst() throws {
        let site = try siteWithEdition()
        #expect(try Bantin.run(["build", "--no-print", "--site", site.root.path, "--as-of", "2026-03-15"]).status == 0)
        let first = try site.read("public/ban-tin/so-1/index.html")
        #expect(first.contains("<strong>Số 1</strong> · tháng 1/2026"))
        let titles = ["Tổ dân phố số 1 họp triển khai", "Thông điệp chính"]
        let positions = titles.map { first.range(of: #"">\#($0)</h2>"#)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions[0]! < positions[1]!)
        let archive = try site.read("public/ban-tin/index.html")
        let two = try #require(archive.range(of: "Số 2: Lời ngỏ số 2"))
        let one = try #require(archive.range(of: "Số 1: Lời ngỏ số 1"))
        #expect(two.lowerBound < one.lowerBound)
        let post = try site.read("public/tin-tuc/khai-mac/index.html")
        #expect(post.contains(#"Đã đăng trong: <a href="../../ban-tin/so-1/index.html">Bản tin Số 1, tháng 1/2026</a>, <a href="../../ban-tin/so-2/index.html">"#)
            || post.contains(#"Đã đăng trong: <a href="../../ban-tin/so-2/index.html">Bản tin Số 2, tháng 2/2026</a>, <a href="../../ban-tin/so-1/index.html">"#))
        let feed = try site.read("public/feed.xml")
        #expect(feed.contains("<title>Lời ngỏ số 2</title>"))
        #expect(feed.contains("ban-tin/so-1/index.html</id>"))
    }

    @Test func unknownIncludeIsAnErrorAtItsLine() throws {
        let site = try siteWithEdition()
        try site.write("content/editions/so-3.md", "---\ntitle: \"Số 3\"\nnumber: 3\ndate: 2026-03-31\nincludes:\n  - posts/khong-co.md\n---\nx\n")
        let result = try Bantin.run(["build", "--no-print", "--site", site.root.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/editions/so-3.md:6:5: error: the edition includes `posts/khong-co.md`, which does not exist"))
    }

    @Test func everyUnitBundleCarriesTheLatestEdition() throws {
        let site = try siteWithEdition()
        #expect(try Bantin.run(["build", "--no-print", "--site", site.root.path, "--as-of", "2026-03-15"]).status == 0)
        let listing = Process()
        listing.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        listing.arguments = ["python3", "-m", "zipfile", "-l", site.root.appending(path: "public/bundles/tdp-02.zip").path]
        let pipe = Pipe()
        listing.standardOutput = pipe
        try listing.run()
        let names = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        listing.waitUntilExit()
        #expect(names.contains("ban-tin/so-2/index.html"))
        #expect(names.contains("ban-tin/so-2/ban-in/index.html"))
        #expect(!names.contains("ban-tin/so-1/"))
    }
}

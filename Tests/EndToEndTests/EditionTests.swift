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
        // The editorial's own block is frozen too, on the web and in print: both tables (the
        // editorial's and the snapshot's) count 40, and March's 105 is nowhere in the edition.
        let printed = try site.read("public/ban-tin/so-1/ban-in/index.html")
        for page in [first, printed] {
            #expect(page.components(separatedBy: #"<th scope="row">Lượt người tham dự</th><td class="num">40</td>"#).count == 3, "\(page)")
            #expect(!page.contains(#"<td class="num">105</td>"#))
            #expect(!page.contains("15/3/2026"))
        }
        let second = try site.read("public/ban-tin/so-2/index.html")
        #expect(second.contains("đến ngày 28/2/2026"))
        let overview = try site.read("public/chien-dich/vi-du/tien-do/index.html")
        #expect(overview.contains("105/100"))   // the live overview counts both rows
    }

    @Test func editionsListIncludedArticlesAndAreListedNewestFirst() throws {
        let site = try siteWithEdition()
        try site.write("content/editions/a-dac-biet.md", """
            ---
            title: "Số đặc biệt"
            number: 9
            date: 2026-01-15
            includes: [01-thong-diep]
            ---
            Số đặc biệt.
            """)
        #expect(try Bantin.run(["build", "--no-print", "--site", site.root.path, "--as-of", "2026-03-15"]).status == 0)
        let first = try site.read("public/ban-tin/so-1/index.html")
        #expect(first.contains("<strong>Số 1</strong> · tháng 1/2026"))
        let titles = ["Tổ dân phố số 1 họp triển khai", "Thông điệp chính"]
        let positions = titles.map { first.range(of: #"">\#($0)</h2>"#)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions[0]! < positions[1]!)
        // The archive goes by date: a special issue numbered 9 but dated before both comes last,
        // which neither the numbers (either way), the titles nor the file names would give.
        let archive = try site.read("public/ban-tin/index.html")
        let order = ["Số 2: Lời ngỏ số 2", "Số 1: Lời ngỏ số 1", "Số 9: Số đặc biệt"].map { archive.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil }, "\(archive)")
        #expect(order[0]! < order[1]! && order[1]! < order[2]!)
        let post = try site.read("public/tin-tuc/khai-mac/index.html")
        #expect(post.contains(#"Đã đăng trong: <a href="../../ban-tin/so-1/index.html">Bản tin Số 1, tháng 1/2026</a>, <a href="../../ban-tin/so-2/index.html">"#)
            || post.contains(#"Đã đăng trong: <a href="../../ban-tin/so-2/index.html">Bản tin Số 2, tháng 2/2026</a>, <a href="../../ban-tin/so-1/index.html">"#))
        let feed = try site.read("public/feed.xml")
        // A feed reader shows the title alone: it says which issue this is.
        #expect(feed.contains("<title>Bản tin số 2, tháng 2/2026: Lời ngỏ số 2</title>"), "\(feed)")
        #expect(!feed.contains("<title>Lời ngỏ số 2</title>"))
        #expect(feed.contains("<title>Tổ dân phố số 1 họp triển khai</title>"))   // other entries keep their titles
        #expect(feed.contains("ban-tin/so-1/index.html</id>"))
    }

    @Test func unknownIncludeIsAnErrorAtItsLine() throws {
        let site = try siteWithEdition()
        try site.write("content/editions/so-3.md", "---\ntitle: \"Số 3\"\nnumber: 3\ndate: 2026-03-31\nincludes:\n  - posts/khong-co.md\n---\nx\n")
        let result = try Bantin.run(["build", "--no-print", "--site", site.root.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/editions/so-3.md:6:5: error: the edition includes `posts/khong-co.md`, which does not exist"))
    }

    /// A 1×1 PNG, enough for a cover. Computed, not a `static let`: the address sanitizer's leak check counts a
    /// lazily made global's bytes as leaked.
    static var png: Data { Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")! }

    @Test func theCoverIsUnderThePrintedMasthead() throws {
        let site = try siteWithEdition()
        try site.write("content/images/bia-so-2.png", Self.png)
        let edition = try site.read("content/editions/so-2.md")
        try site.write("content/editions/so-2.md", edition.replacingOccurrences(of: "number: 2\n", with: "number: 2\ncover: images/bia-so-2.png\n"))
        let result = try Bantin.run(["build", "--no-print", "--site", site.root.path])
        #expect(result.status == 0, "\(result.stderr)")
        let printed = try site.read("public/ban-tin/so-2/ban-in/index.html")
        let masthead = try #require(printed.range(of: "</header>"))
        let front = try #require(printed.range(of: #"<div class="front">"#))
        let figure = #"<figure class="edition-cover"><img src="../../../images/bia-so-2.png" alt="Ảnh bìa bản tin số 2"></figure>"#
        let cover = try #require(printed.range(of: figure), "\(printed)")
        #expect(masthead.upperBound <= cover.lowerBound && cover.upperBound <= front.lowerBound)
        // The path is relative to the print layout and leads to the copied image.
        let resolved = site.root.appending(path: "public/ban-tin/so-2/ban-in/../../../images/bia-so-2.png").standardizedFileURL
        #expect(FileManager.default.contents(atPath: resolved.path) == Self.png)
    }

    @Test func aMissingCoverIsAnErrorAtItsLine() throws {
        let site = try siteWithEdition()
        try site.write("content/editions/so-3.md", "---\ntitle: \"Số 3\"\nnumber: 3\ndate: 2026-03-31\ncover: images/khong-co.jpg\nincludes: [01-thong-diep]\n---\nx\n")
        let result = try Bantin.run(["build", "--no-print", "--site", site.root.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/editions/so-3.md:5:8: error: the cover image content/images/khong-co.jpg does not exist"), "\(result.stderr)")
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

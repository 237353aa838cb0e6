import Foundation
import Testing

/// `bantin new` and `bantin check`, used the way an officer edits a site.
@Suite("Authoring commands")
struct AuthoringTests {
    @Test func newNamesTheFileBySlugAndFillsTheFrontMatter() throws {
        let site = try TempSite.starter()
        let made = try Bantin.run(["new", "document", "Triển khai Tháng hành động vì trẻ em", "--site", site.root.path],
                                  environment: ["SOURCE_DATE_EPOCH": "1775001600"])   // 2026-04-01 in Vietnam
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout == "bantin: created content/documents/trien-khai-thang-hanh-dong-vi-tre-em.md\n")
        let text = try site.read("content/documents/trien-khai-thang-hanh-dong-vi-tre-em.md")
        #expect(text.contains("title: \"Triển khai Tháng hành động vì trẻ em\"\ndate: 2026-04-01\n"))
        #expect(text.contains("number: \"02/VHXH\""))   // the starter's letter is 01/VHXH
        #expect(text.contains("name: \"Nguyễn Văn B\""))  // the signer of the latest letter
        // It builds at once.
        #expect(try Bantin.run(["build", "--no-print", "--site", site.root.path]).status == 0)
    }

    @Test func newMakesEveryKindAndTheSiteStillBuilds() throws {
        let site = try TempSite.starter()
        let folders = ["post": "posts", "document": "documents", "handout": "handouts", "report": "reports",
                       "message": "messages", "edition": "editions"]
        for (kind, folder) in folders.sorted(by: { $0.key < $1.key }) {
            let made = try Bantin.run(["new", kind, "Thử \(kind) mới có dấu", "--site", site.root.path],
                                      environment: ["SOURCE_DATE_EPOCH": "1778788800"])   // 2026-05-15 in Vietnam
            #expect(made.status == 0, "\(kind): \(made.stderr)")
            let path = "content/\(folder)/thu-\(kind)-moi-co-dau.md"
            #expect(made.stdout == "bantin: created \(path)\n")
            let text = try site.read(path)
            #expect(text.hasPrefix("---\ntitle: \"Thử \(kind) mới có dấu\"\n"), "\(text)")
            if !["handout", "message"].contains(kind) { #expect(text.contains("\ndate: 2026-05-15\n"), "\(kind)") }
        }
        #expect(try site.read("content/reports/thu-report-moi-co-dau.md").contains("number: \"02/BC-VHXH\""))
        let built = try Bantin.run(["build", "--no-print", "--site", site.root.path])
        #expect(built.status == 0, "\(built.stderr)")
        for page in ["tin-tuc/thu-post-moi-co-dau", "van-ban/thu-document-moi-co-dau", "tai-lieu/thu-handout-moi-co-dau",
                     "bao-cao/thu-report-moi-co-dau", "thong-diep/thu-message-moi-co-dau", "ban-tin/thu-edition-moi-co-dau"] {
            #expect(FileManager.default.fileExists(atPath: site.root.appending(path: "public/\(page)/index.html").path), "\(page)")
        }
    }

    @Test func newRefusesToOverwrite() throws {
        let site = try TempSite.starter()
        #expect(try Bantin.run(["new", "post", "Họp tổ dân phố", "--site", site.root.path]).status == 0)
        try site.write("content/posts/hop-to-dan-pho.md", "---\ntitle: \"Đã sửa\"\ndate: 2026-01-02\n---\nNội dung đã viết.\n")
        let again = try Bantin.run(["new", "post", "Họp tổ dân phố", "--site", site.root.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("content/posts/hop-to-dan-pho.md already exists"))
        #expect(try site.read("content/posts/hop-to-dan-pho.md").contains("Nội dung đã viết."))
    }

    @Test func checkPassesACleanSiteAndWritesNothing() throws {
        let site = try TempSite.starter()
        let result = try Bantin.run(["check", "--site", site.root.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("bantin: checked "))
        #expect(!site.exists("public"))
    }

    @Test func checkCatchesABrokenAnchorAndAMissingImage() throws {
        let site = try TempSite.starter()
        try site.write("content/posts/neo.md", "---\ntitle: \"Neo hỏng\"\ndate: 2026-01-02\n---\n\nXem [mục không có](../documents/01-vi-du.md#khong-co).\n")
        let anchor = try Bantin.run(["check", "--site", site.root.path])
        #expect(anchor.status == 1)
        #expect(anchor.stderr.contains("has no element with id `khong-co`"))
        try site.write("content/posts/anh.md", "---\ntitle: \"Ảnh\"\ndate: 2026-01-02\n---\n\n![Ảnh họp](../images/khong-co.jpg)\n")
        let image = try Bantin.run(["check", "--site", site.root.path])
        #expect(image.status == 1)
        #expect(image.stderr.contains("content/posts/anh.md:6:1: error: broken image: `../images/khong-co.jpg`"))
    }

    /// Every path under the site folder, hidden ones (.bantin-cache/) included, with the bytes of files.
    func listing(_ site: TempSite) throws -> [String: Data?] {
        var found: [String: Data?] = [:]
        let walker = try #require(FileManager.default.enumerator(at: site.root, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in walker {
            let path = String(url.standardizedFileURL.path.dropFirst(site.root.standardizedFileURL.path.count + 1))
            found[path] = try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true ? try Data(contentsOf: url) : nil
        }
        return found
    }

    @Test func checkLeavesTheSiteFolderAsItWas() throws {
        let site = try TempSite.starter()
        #expect(try Bantin.run(["build", "--no-print", "--site", site.root.path]).status == 0)
        let before = try listing(site)
        #expect(before.keys.contains { $0.hasPrefix(".bantin-cache/") })   // the build's own cache, which check must not add to
        let result = try Bantin.run(["check", "--site", site.root.path])
        #expect(result.status == 0, "\(result.stderr)")
        let after = try listing(site)
        #expect(after.keys.sorted() == before.keys.sorted())
        #expect(after == before)
        // And a site never built stays without a cache.
        let fresh = try TempSite.starter()
        #expect(try Bantin.run(["check", "--site", fresh.root.path]).status == 0)
        #expect(!fresh.exists(".bantin-cache"))
    }

    @Test func checkNamesTheFileAndLineOfALinkToAMissingPage() throws {
        let site = try TempSite.starter()
        try site.write("content/posts/lien-ket.md", "---\ntitle: \"Liên kết hỏng\"\ndate: 2026-01-02\n---\n\n[Xem văn bản](../documents/khong-co.md)\n")
        let result = try Bantin.run(["check", "--site", site.root.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/posts/lien-ket.md:6:1: error: broken link: `../documents/khong-co.md` → content/documents/khong-co.md does not exist"),
                "\(result.stderr)")
    }

    @Test func checkCatchesAnImageThatDoesNotExistInAPage() throws {
        let site = try TempSite.starter()
        try site.write("content/posts/anh.md", "---\ntitle: \"Ảnh\"\ndate: 2026-01-02\n---\n\nẢnh buổi họp:\n\n![Ảnh họp](<../images/buổi họp.png>)\n")
        let result = try Bantin.run(["check", "--site", site.root.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/posts/anh.md:8:1: error: broken image: `"), "\(result.stderr)")
        #expect(result.stderr.contains("content/images/buổi họp.png does not exist"), "\(result.stderr)")
        // With the image in place the same page passes.
        try site.write("content/images/buổi họp.png", SmallSiteBundleTests.png)
        let fixed = try Bantin.run(["check", "--site", site.root.path])
        #expect(fixed.status == 0, "\(fixed.stderr)")
    }

    @Test func aBrokenLinkInATemplateIsReportedAtTheTemplateLine() throws {
        let site = try TempSite.starter()
        try site.write("templates/search.mustache", """
            {{<base}}
            {{$content}}
            <h1>Tìm kiếm</h1>
            <p><a href="{{root}}huong-dan/index.html">Hướng dẫn</a> <img src="{{root}}images/logo.png" alt=""></p>
            {{/content}}
            {{/base}}

            """)
        let result = try Bantin.run(["check", "--site", site.root.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("templates/search.mustache:4:13: error: link to `huong-dan/index.html`, which leads to no file, on the page tim-kiem/index.html: it comes from the template"),
                "\(result.stderr)")
        #expect(result.stderr.contains("templates/search.mustache:4:"), "\(result.stderr)")
        #expect(result.stderr.contains("error: link to `images/logo.png`, which leads to no file, on the page tim-kiem/index.html: it comes from the template"))
        // Nothing points into check's scratch folder, which is gone by now.
        #expect(!result.stderr.contains("public/"), "\(result.stderr)")
        #expect(!result.stderr.contains("bantin-check-"))
    }

    @Test func aTemplateLinkNotWrittenOutNamesThePagesItIsOn() throws {
        let site = try TempSite.starter()
        // Written relative to the page, not after {{root}}: the line cannot be found, the pages can.
        try site.write("templates/unit.mustache", """
            {{<base}}
            {{$content}}
            <h1>{{unit.name}}</h1>
            <p><a href="../../huong-dan/index.html">Hướng dẫn</a></p>
            {{/content}}
            {{/base}}

            """)
        let result = try Bantin.run(["check", "--site", site.root.path])
        #expect(result.status == 1)
        let error = try #require(result.stderr.split(separator: "\n").first { $0.contains("huong-dan/index.html") }, "\(result.stderr)")
        #expect(error.hasPrefix("don-vi/"), "\(error)")
        #expect(error.contains("error: link to `huong-dan/index.html`, which leads to no file, on 7 pages (don-vi/"), "\(error)")
        #expect(error.contains("written `../../huong-dan/index.html` there") && error.hasSuffix("it comes from a template"), "\(error)")
        #expect(result.stderr.components(separatedBy: "huong-dan/index.html`, which").count == 2)   // one error, not one per page
        #expect(!result.stderr.contains("public/"), "\(result.stderr)")
    }

    @Test func strictTurnsWarningsIntoFailures() throws {
        let site = try TempSite.starter()
        try site.write("content/posts/la.md", "---\ntitle: \"Khoá lạ\"\ndate: 2026-01-02\ntitel: \"sai chính tả\"\n---\nx\n")
        #expect(try Bantin.run(["check", "--site", site.root.path]).status == 0)
        let strict = try Bantin.run(["check", "--strict", "--site", site.root.path])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("unknown key `titel`"))
    }
}

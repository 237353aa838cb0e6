import Foundation
import Testing

/// `bantin new` and `bantin check`, used the way an officer edits a site.
@Suite("Authoring commands")
struct AuthoringTests {
    func starter() throws -> TempSite {
        let temp = try TempSite()
        let folder = temp.root.appending(path: "site")
        #expect(try Bantin.run(["init", folder.path]).status == 0)
        return temp.inside("site")
    }

    @Test func newNamesTheFileBySlugAndFillsTheFrontMatter() throws {
        let site = try starter()
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

    @Test func newRefusesToOverwrite() throws {
        let site = try starter()
        #expect(try Bantin.run(["new", "post", "Họp tổ dân phố", "--site", site.root.path]).status == 0)
        try site.write("content/posts/hop-to-dan-pho.md", "---\ntitle: \"Đã sửa\"\ndate: 2026-01-02\n---\nNội dung đã viết.\n")
        let again = try Bantin.run(["new", "post", "Họp tổ dân phố", "--site", site.root.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("content/posts/hop-to-dan-pho.md already exists"))
        #expect(try site.read("content/posts/hop-to-dan-pho.md").contains("Nội dung đã viết."))
    }

    @Test func checkPassesACleanSiteAndWritesNothing() throws {
        let site = try starter()
        let result = try Bantin.run(["check", "--site", site.root.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("bantin: checked "))
        #expect(!site.exists("public"))
    }

    @Test func checkCatchesABrokenAnchorAndAMissingImage() throws {
        let site = try starter()
        try site.write("content/posts/neo.md", "---\ntitle: \"Neo hỏng\"\ndate: 2026-01-02\n---\n\nXem [mục không có](../documents/01-vi-du.md#khong-co).\n")
        let anchor = try Bantin.run(["check", "--site", site.root.path])
        #expect(anchor.status == 1)
        #expect(anchor.stderr.contains("has no element with id `khong-co`"))
        try site.write("content/posts/anh.md", "---\ntitle: \"Ảnh\"\ndate: 2026-01-02\n---\n\n![Ảnh họp](../images/khong-co.jpg)\n")
        let image = try Bantin.run(["check", "--site", site.root.path])
        #expect(image.status == 1)
        #expect(image.stderr.contains("content/posts/anh.md:6:1: error: broken image: `../images/khong-co.jpg`"))
    }

    @Test func strictTurnsWarningsIntoFailures() throws {
        let site = try starter()
        try site.write("content/posts/la.md", "---\ntitle: \"Khoá lạ\"\ndate: 2026-01-02\ntitel: \"sai chính tả\"\n---\nx\n")
        #expect(try Bantin.run(["check", "--site", site.root.path]).status == 0)
        let strict = try Bantin.run(["check", "--strict", "--site", site.root.path])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("unknown key `titel`"))
    }
}

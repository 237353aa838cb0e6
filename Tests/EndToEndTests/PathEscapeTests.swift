import Foundation
import Testing

/// Paths written by a user must stay in the site: a link out of content/, a script URL or a
/// control character in a front matter path, a device name Windows reserves. Each is an error
/// at its file and line, in one run, and the last good site stays as it was.
@Suite("Paths that leave the site")
struct PathEscapeTests {
    @Test func everyEscapeIsAnErrorAndNothingIsPublished() throws {
        let temp = try TempSite()
        let folder = temp.root.appending(path: "site")
        #expect(try Bantin.run(["init", folder.path]).status == 0)
        #expect(try Bantin.run(["build", "--no-print", "--site", folder.path]).status == 0)
        let before = try tree(folder.appending(path: "public"))
        let site = temp.inside("site")

        // A link to a file outside content/ (a secret next to the site), in content/ and in templates/.
        let secret = temp.root.appending(path: "secret.txt")
        try Data("mật khẩu".utf8).write(to: secret)
        try FileManager.default.createDirectory(at: folder.appending(path: "content/images"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder.appending(path: "content/images/anh.png"), withDestinationURL: secret)
        try FileManager.default.createDirectory(at: folder.appending(path: "templates"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder.appending(path: "templates/404.mustache"), withDestinationURL: secret)
        // Device names: a file, and a page whose address would be one.
        try site.write("content/images/aux.png", Data([0x89, 0x50, 0x4E, 0x47]))
        try site.write("content/posts/con.md", "---\ntitle: \"Bài\"\ndate: 2026-01-02\n---\nx\n")
        // Paths in front matter: a script URL, a way out of content/, a control character.
        for (name, scan) in [("a", "javascript:alert(1)"), ("b", "../../../../etc/passwd"), ("c", "scan\\u0000.pdf"), ("d", "C:\\\\scan.pdf")] {
            try site.write("content/documents/\(name).md", """
                ---
                title: "Công văn \(name)"
                date: 2026-01-05
                number: "0\(name == "a" ? 1 : name == "b" ? 2 : name == "c" ? 3 : 4)/VHXH"
                place: "Mẫu"
                recipients: ["Các tổ dân phố"]
                signer: {title: "Trưởng phòng", name: "Nguyễn Văn A"}
                signed_scan: "\(scan)"
                ---
                Nội dung.
                """)
        }

        let result = try Bantin.run(["build", "--no-print", "--site", folder.path])
        #expect(result.status == 1)
        let errors = result.stderr
        for expected in [
            "content/images/anh.png:1:1: error: this is a link to a file outside content/, which is never published",
            "templates/404.mustache:1:1: error: this is a link to a file outside templates/, which is never used",
            "content/images/aux.png:1:1: error: `aux.png` is a name Windows keeps for a device",
            "content/posts/con.md:2:1: error: the web address `con` is a name Windows keeps for a device",
            "content/documents/a.md:8:14: error: signed_scan: `javascript:` addresses are not allowed here",
            "content/documents/b.md:8:14: error: signed_scan: `../../../../etc/passwd` points outside content/",
            "content/documents/c.md:8:14: error: signed_scan: `scan\\0.pdf` has a control character in it",
            "content/documents/d.md:8:14: error: signed_scan: `C:\\scan.pdf` is a Windows path",
        ] {
            #expect(errors.contains(expected), "missing: \(expected)\n\(errors)")
        }
        #expect(!errors.contains("mật khẩu"))
        #expect(try tree(folder.appending(path: "public")) == before)
    }

    @Test func aScanInTheSiteOrOnTheWebIsLinked() throws {
        let temp = try TempSite()
        let folder = temp.root.appending(path: "site")
        #expect(try Bantin.run(["init", folder.path]).status == 0)
        let site = temp.inside("site")
        try site.write("content/scans/cv.pdf", Data("%PDF-1.4".utf8))
        let letter = try site.read("content/documents/01-vi-du.md")
        try site.write("content/documents/01-vi-du.md", letter.replacingOccurrences(of: "\n---\n", with: "\nsigned_scan: \"../scans/cv.pdf\"\n---\n"))
        let built = try Bantin.run(["build", "--no-print", "--site", folder.path])
        #expect(built.status == 0, "\(built.stderr)")
        let page = try site.read("public/van-ban/01-vi-du/index.html")
        #expect(page.contains(#"<a href="../../scans/cv.pdf">Bản scan văn bản có chữ ký</a>"#))
        #expect(site.exists("public/scans/cv.pdf"))
    }
}

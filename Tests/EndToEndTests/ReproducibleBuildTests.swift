import Foundation
import Testing
import BantinKit

@Suite("Reproducible builds and init")
struct ReproducibleBuildTests {
    @Test func sameInputSameBytes() throws {
        let site = try TempSite.repositoryCopy()
        let a = site.root.appending(path: "a"), b = site.root.appending(path: "b")
        #expect(try Bantin.run(["build", "--no-print", "--site", site.root.path, "--output", a.path]).status == 0)
        #expect(try Bantin.run(["build", "--no-print", "--site", site.root.path, "--output", b.path]).status == 0)
        let first = try tree(a), second = try tree(b)
        #expect(first.count > 40)
        #expect(first == second)
    }

    @Test func initMakesASiteThatBuildsAtOnce() throws {
        let temp = try TempSite()
        let folder = temp.root.appending(path: "phuong-moi")
        let created = try Bantin.run(["init", folder.path])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "content/site.yaml").path))
        // The theme comes from the binary: the new site has no templates/ folder.
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "templates").path))
        let built = try Bantin.run(["build", "--no-print", "--site", folder.path])
        #expect(built.status == 0, "\(built.stderr)")
        #expect(!built.stderr.contains("error"))
        let home = try String(contentsOf: folder.appending(path: "public/index.html"), encoding: .utf8)
        #expect(home.contains("Bản tin Văn hoá - Xã hội phường Mẫu"))
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "public/assets/style.css").path))
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "public/don-vi/tdp-02/index.html").path))
        // The example has one unit of each kind, a campaign with reports, a letter and a report that uses data blocks.
        let report = try String(contentsOf: folder.appending(path: "public/bao-cao/bao-cao-ket-qua/index.html"), encoding: .utf8)
        #expect(report.contains("Kết quả từng đơn vị"))
        #expect(report.contains("Tổ dân phố số 2"))
        // One unit of each kind the site declares (units.yaml's `kinds`, else the defaults), each with its page.
        let site = try #require(SiteLoader.load(siteRoot: folder).site)
        #expect(site.kinds.count == 6)
        for kind in site.kinds {
            let units = site.units.filter { $0.kind == kind.id }
            #expect(!units.isEmpty, "the starter has no unit of kind \(kind.id)")
            for unit in units {
                #expect(FileManager.default.fileExists(atPath: folder.appending(path: "public/don-vi/\(unit.id)/index.html").path), "\(unit.id)")
                #expect(unit.sample, "\(unit.id) is not marked as sample data")
            }
        }

        let again = try Bantin.run(["init", folder.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("is not empty"))
    }

    @Test func siteTemplatesOverrideTheBuiltInTheme() throws {
        let temp = try TempSite()
        let folder = temp.root.appending(path: "site")
        #expect(try Bantin.run(["init", folder.path]).status == 0)
        let override = folder.appending(path: "templates/404.mustache")
        try FileManager.default.createDirectory(at: override.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("<p>Trang riêng {{site.title}}</p>".utf8).write(to: override)
        #expect(try Bantin.run(["build", "--no-print", "--site", folder.path]).status == 0)
        let page = try String(contentsOf: folder.appending(path: "public/404.html"), encoding: .utf8)
        #expect(page == "<p>Trang riêng Bản tin Văn hoá - Xã hội phường Mẫu</p>")
    }

    @Test func templateSyntaxErrorsPointAtTheTemplateLine() throws {
        let temp = try TempSite()
        let folder = temp.root.appending(path: "site")
        #expect(try Bantin.run(["init", folder.path]).status == 0)
        let override = folder.appending(path: "templates/404.mustache")
        try FileManager.default.createDirectory(at: override.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("<p>\n{{#site}}\n{{/sitex}}</p>".utf8).write(to: override)
        let result = try Bantin.run(["build", "--no-print", "--site", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("templates/404.mustache:3:"))
    }
}

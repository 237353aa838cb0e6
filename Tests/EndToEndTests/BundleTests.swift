import Foundation
import Testing

/// Zips and fragments, checked by unpacking them the way an office would.
@Suite("Bundles and fragments", .serialized)
struct BundleTests {
    /// A copy of the repository's site, bundled into its own public/.
    let site: TempSite
    let output: URL
    let result: Bantin.Result

    init() throws {
        site = try TempSite.repositoryCopy()
        output = site.root.appending(path: "public")
        result = try Bantin.run(["bundle", "--no-print", "--site", site.root.path, "--as-of", "2026-07-15"])
    }

    var zips: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: output.appending(path: "bundles"), includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "zip" }.sorted { $0.path < $1.path }
    }

    @Test func oneBundlePerUnitAndOneForTheSite() throws {
        #expect(result.status == 0, "\(result.stderr)")
        let names = Set(zips.map(\.lastPathComponent))
        #expect(names.count == 31)
        #expect(names.contains("tdp-01.zip") && names.contains("tram-y-te.zip"))
        #expect(names.contains("ban-tin-van-hoa-xa-hoi-phuong-linh-son.zip"))
        #expect(result.stdout.contains("bundles/tdp-19.zip"))
        let list = try String(contentsOf: output.appending(path: "bundles/index.html"), encoding: .utf8)
        #expect(list.contains(#"<a href="../bundles/tdp-19.zip" download>tdp-19.zip</a>"#))
        #expect(list.contains(" KB</td>"))
        let unit = try String(contentsOf: output.appending(path: "don-vi/tdp-19/index.html"), encoding: .utf8)
        #expect(unit.contains(#"href="../../bundles/tdp-19.zip""#))
        #expect(unit.contains(#"href="../../bundles/index.html""#))
    }

    @Test func everyLinkInsideEveryBundleWorksOffline() throws {
        for zip in zips {
            let folder = try site.unzip(zip)
            let files = try tree(folder)
            #expect(files["index.html"] != nil, "\(zip.lastPathComponent) has no index.html")
            for (path, data) in files where path.hasSuffix(".html") {
                let html = String(decoding: data, as: UTF8.self)
                #expect(brokenLocalLinks(in: html, page: path, output: folder).isEmpty, "\(zip.lastPathComponent): \(path)")
                // Relative links never climb out of the bundle.
                let depth = path.split(separator: "/").count - 1
                let climbs = html.components(separatedBy: "\"" + String(repeating: "../", count: depth + 1)).count - 1
                #expect(climbs == 0, "\(zip.lastPathComponent): \(path) links outside the bundle")
                if path != "tim-kiem/index.html" { #expect(!html.contains("<script"), "\(path)") }
            }
        }
    }

    @Test func aUnitBundleHoldsWhatTheUnitNeedsAndNothingElse() throws {
        let folder = try site.unzip(output.appending(path: "bundles/tdp-19.zip"))
        let files = Set(try tree(folder).keys)
        for expected in ["index.html", "MANIFEST.txt", "assets/style.css", "assets/print.css", "don-vi/tdp-19/ban-in/index.html",
                         "van-ban/246-cv-vhxxh/index.html", "thong-diep/01-quan-triet-chi-thi-57/index.html",
                         "tai-lieu/5-viec-can-lam-bao-ve-an-ninh-mang/index.html"] {
            #expect(files.contains(expected), "missing \(expected)")
        }
        #expect(!files.contains { $0.hasPrefix("don-vi/tdp-01/") })
        #expect(!files.contains { $0.hasPrefix("tin-tuc/") })
        let index = try String(contentsOf: folder.appending(path: "index.html"), encoding: .utf8)
        #expect(index.contains("<h1>Tổ dân phố số 19</h1>"))
        #expect(index.contains(#"href="thong-diep/01-quan-triet-chi-thi-57/index.html""#))
        // Pages left out are linked online, and marked.
        #expect(index.contains(#"data-online="true" href="https://linhson.thainguyen.gov.vn/bantin/don-vi/index.html""#))
    }

    @Test func manifestListsEveryEntryWithItsSizeAndHash() throws {
        let folder = try site.unzip(output.appending(path: "bundles/tram-y-te.zip"))
        let files = try tree(folder)
        let manifest = String(decoding: try #require(files["MANIFEST.txt"]), as: UTF8.self)
        let lines = manifest.split(separator: "\n")
        #expect(lines.count == files.count - 1)
        for line in lines {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            let path = String(parts[2]), size = Int(parts[1])!
            let data = try #require(files[path], "manifest names \(path)")
            #expect(data.count == size)
            #expect(parts[0].count == 64)
        }
        // Spot-check one hash with a tool that is not ours.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [folder.appending(path: "index.html").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let digest = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ")[0]
        #expect(manifest.contains("\(digest) "))
    }

    @Test func zipsAreByteIdenticalAcrossBuilds() throws {
        let again = site.root.appending(path: "again")
        let second = try Bantin.run(["build", "--no-print", "--force", "--site", site.root.path, "--output", again.path,
                                     "--as-of", "2026-07-15"])
        #expect(second.status == 0)
        for zip in zips {
            let other = try Data(contentsOf: again.appending(path: "bundles/\(zip.lastPathComponent)"))
            #expect(try Data(contentsOf: zip) == other, "\(zip.lastPathComponent) differs")
        }
    }

    /// The site's bundle is for reading offline: every page, style, image, feed and the search
    /// index, but not the portal fragments (they are pasted into a portal, which is online), nor
    /// the bundles themselves. A page's link to its fragment goes to the web address instead.
    @Test func theSiteBundleHoldsEveryPageButNotTheFragments() throws {
        let folder = try site.unzip(output.appending(path: "bundles/ban-tin-van-hoa-xa-hoi-phuong-linh-son.zip"))
        let bundled = Set(try tree(folder).keys)
        let published = Set(try tree(output).keys)
        let expected = published.filter { !$0.hasPrefix("bundles/") && !$0.hasPrefix("fragments/") && !$0.hasPrefix(".") }
        #expect(expected.count > 100 && expected.contains("tim-kiem/index.html") && expected.contains("feed.xml"))
        #expect(bundled == expected.union(["MANIFEST.txt"]))
        let post = try String(contentsOf: folder.appending(path: "tin-tuc/phong-van-hoa-xa-hoi-trien-khai-tuyen-truyen-chi-thi-57/index.html"),
                              encoding: .utf8)
        #expect(post.contains(#"<a data-online="true" href="https://linhson.thainguyen.gov.vn/bantin/fragments/phong-van-hoa-xa-hoi-trien-khai-tuyen-truyen-chi-thi-57.html">Sao chép để đăng lên cổng thông tin</a>"#))
    }

    @Test func fragmentsArePlainAndAbsolute() throws {
        let folder = output.appending(path: "fragments")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count == 5)   // 4 posts and 1 letter
        for name in names {
            let html = try String(contentsOf: folder.appending(path: name), encoding: .utf8)
            for forbidden in ["<script", "<style", "style=", "class=", "<link", "<svg"] {
                #expect(!html.contains(forbidden), "\(name) contains \(forbidden)")
            }
            let links = html.matches(of: /(?:href|src)="([^"]*)"/).map { String($0.output.1) }
            #expect(!links.isEmpty, "\(name)")
            for link in links { #expect(link.hasPrefix("https://linhson.thainguyen.gov.vn/bantin/"), "\(name): \(link)") }
        }
        let letter = try String(contentsOf: folder.appending(path: "246-cv-vhxxh.html"), encoding: .utf8)
        #expect(letter.contains("<h1>Triển khai tuyên truyền Chỉ thị số 57-CT/TW</h1>"))
        #expect(letter.contains("Phòng Văn hoá - Xã hội đề nghị các đơn vị quan tâm chỉ đạo"))
        let post = try String(contentsOf: output.appending(path: "tin-tuc/phong-van-hoa-xa-hoi-trien-khai-tuyen-truyen-chi-thi-57/index.html"), encoding: .utf8)
        #expect(post.contains(#"href="../../fragments/phong-van-hoa-xa-hoi-trien-khai-tuyen-truyen-chi-thi-57.html">Sao chép để đăng lên cổng thông tin</a>"#))
    }
}

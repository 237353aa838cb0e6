import Foundation
import Testing
@testable import BantinKit

/// Bugs found by review and fixed: NFD file names, empty YAML, `.MD`, empty TOC, id clashes,
/// and an output folder that would have deleted the site's own sources.
@Suite("Regressions")
struct RegressionTests {
    @Test func nfdFileNameIsReadAndSlugged() throws {
        do {
            let site = TestSite.minimal()
            site.write("content/posts/\("Đường làng".decomposedStringWithCanonicalMapping).md", "---\ntitle: \"A\"\ndate: 2026-01-02\n---\n")
            let (loaded, diagnostics) = site.load()
            #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
            let article = try #require(loaded?.articles.first)
            #expect(article.slug == "duong-lang")
            #expect(Array(article.sourcePath.utf8) == Array("posts/Đường làng.md".utf8))
        }
    }

    @Test func nfdAssetIsCopied() throws {
        do {
            let site = TestSite.minimal()
            site.write("content/images/\("ảnh".decomposedStringWithCanonicalMapping).png", "PNG")
            let (report, output) = site.build()
            #expect(report.succeeded, "\(report.diagnostics.summary)")
            #expect(FileManager.default.fileExists(atPath: output.appending(path: "images/ảnh.png").path))
        }
    }

    @Test func emptySiteYAMLIsAnError() throws {
        do {
            let site = TestSite.minimal()
            site.write("content/site.yaml", "# chưa điền\n")
            let (report, _) = site.build()
            #expect(!report.succeeded, "an empty site.yaml builds nothing and reports success")
            #expect(report.diagnostics.matching("content/site.yaml", "is empty").count >= 1)
        }
    }

    @Test func commentOnlyFrontMatterIsAnError() throws {
        do {
            let site = TestSite.minimal()
            site.write("content/posts/bai.md", "---\n# title: \"chưa điền\"\n---\nNội dung.\n")
            let (loaded, diagnostics) = site.load()
            #expect(loaded?.articles.isEmpty == true)
            #expect(diagnostics.matching("content/posts/bai.md", "is empty").count == 1, "the file is dropped without a word")
        }
    }

    @Test func emptyCampaignYAMLIsAnError() throws {
        do {
            let site = TestSite.minimal()
            site.write("content/campaigns/cd/campaign.yaml", "\n")
            let (loaded, diagnostics) = site.load()
            #expect(loaded?.campaigns.isEmpty == true)
            #expect(diagnostics.matching("content/campaigns/cd/campaign.yaml", "is empty").count == 1)
        }
    }

    @Test func upperCaseExtensionIsNotPartOfTheSlug() throws {
        do {
            let site = TestSite.minimal()
            site.write("content/posts/Tin Mới.MD", "---\ntitle: \"A\"\ndate: 2026-01-02\n---\n")
            let article = try #require(site.load().site?.articles.first)
            #expect(article.slug == "tin-moi")
        }
    }

    @Test func noEmptyTableOfContents() throws {
        do {
            let site = TestSite.good()
            let (report, output) = site.build()
            #expect(report.succeeded)
            // bai-mot has one heading, 01-thong-diep none: neither should show "Mục lục".
            for page in ["tin-tuc/bai-mot/index.html", "thong-diep/01-thong-diep/index.html"] {
                #expect(!readText(output.appending(path: page)).contains("class=\"toc\""), "\(page)")
            }
        }
    }

    @Test func headingIDsDoNotCollideWithThePageIDs() throws {
        do {
            let site = TestSite.good()
            site.write("content/posts/bai-ba.md", """
            ---
            title: "Bài ba"
            date: 2026-01-02
            ---

            ## Nội dung

            ## Mục lục

            ## Kết quả

            """)
            let (report, output) = site.build()
            #expect(report.succeeded, "\(report.diagnostics.summary)")
            let html = readText(output.appending(path: "tin-tuc/bai-ba/index.html"))
            let ids = html.matches(of: try Regex(#" id="([^"]+)""#)).compactMap { $0.output[1].substring.map(String.init) }
            #expect(ids.count == Set(ids).count, "duplicate ids: \(ids)")
        }
    }

    @Test func campaignCardIDsAreUnique() throws {
        do {
            let site = TestSite.good()
            site.write("content/campaigns/cd-hep/campaign.yaml",
                       TestSite.narrowCampaignYAML.replacingOccurrences(of: "start: 2026-04-01", with: "start: 2026-03-25"))
            let (report, output) = site.build()
            #expect(report.succeeded, "\(report.diagnostics.summary)")
            for page in ["index.html", "don-vi/tdp-2/index.html"] {
                let html = readText(output.appending(path: page))
                let ids = html.matches(of: try Regex(#" id="([^"]+)""#)).compactMap { $0.output[1].substring.map(String.init) }
                #expect(ids.count == Set(ids).count, "\(page): duplicate ids: \(ids)")
            }
        }
    }

    @Test func collisionWithAGeneratedSlugNamesItsOwner() throws {
        do {
            let site = TestSite.minimal()
            site.write("content/posts/A B.md", "---\ntitle: \"1\"\ndate: 2026-01-01\n---\n")
            site.write("content/posts/a-b.md", "---\ntitle: \"2\"\ndate: 2026-01-01\n---\n")
            site.write("content/posts/z.md", "---\ntitle: \"3\"\ndate: 2026-01-01\nslug: a-b-2\n---\n")
            let diagnostics = site.load().diagnostics
            let warning = try #require(diagnostics.matching("content/posts/z.md", "already used").first)
            #expect(warning.message.contains("content/posts/a-b.md"), "\(warning.message)")
        }
    }

    @Test func outputThatIsTheSiteFolderIsRefused() throws {
        do {
            let site = TestSite.good()
            let report = SiteBuilder.build(.init(siteRoot: site.root, output: site.root, asOf: TestSite.asOf))
            #expect(!report.succeeded, "building into the site folder itself must be refused")
            #expect(site.read("content/site.yaml") == TestSite.siteYAML, "content/ was deleted by the build")
        }
    }

    @Test func outputThatIsContentIsRefused() throws {
        do {
            let site = TestSite.good()
            let report = SiteBuilder.build(.init(siteRoot: site.root, output: site.root.appending(path: "content"), asOf: TestSite.asOf))
            #expect(!report.succeeded, "building into content/ must be refused")
            #expect(site.read("content/site.yaml") == TestSite.siteYAML, "content/ was replaced by the build")
        }
    }
}

import CommonMark
import Foundation
import Testing
@testable import BantinKit

@Suite("Data blocks")
struct DataBlockTests {
    /// A post whose body starts on file line 5; the fence is on line 6.
    func buildPost(_ fence: String) -> (report: SiteBuilder.Report, html: String) {
        let site = TestSite.good()
        site.write("content/posts/danh-sach.md", """
        ---
        title: "Danh sách"
        date: 2026-01-02
        ---

        \(fence)
        ```

        Hết.
        """)
        let (report, output) = site.build()
        return (report, readText(output.appending(path: "tin-tuc/danh-sach/index.html")))
    }

    @Test func unitsTableForAKind() {
        let (report, html) = buildPost("```bantin units kind=to-dan-pho")
        #expect(report.succeeded, "\(report.diagnostics.summary)")
        #expect(html.contains("<caption>Tổ dân phố (2)</caption>"))
        #expect(html.contains("<thead><tr><th scope=\"col\">Đơn vị</th><th scope=\"col\">Khu vực</th><th scope=\"col\">Liên hệ</th></tr></thead>"))
        let two = "<tr><th scope=\"row\"><a href=\"../../don-vi/tdp-2/index.html\">Tổ dân phố số 2</a></th><td>Khu vực 1</td><td>Bà Trần Thị Mai</td></tr>"
        let ten = "<tr><th scope=\"row\"><a href=\"../../don-vi/to-dan-pho-so-10/index.html\">Tổ dân phố số 10</a></th><td>Khu vực 2</td><td></td></tr>"
        #expect(html.contains(two))
        #expect(html.contains(ten))
        if let a = html.range(of: two), let b = html.range(of: ten) { #expect(a.lowerBound < b.lowerBound) }
        #expect(!html.contains("Trường"))
        // The block is replaced, not shown as code.
        #expect(!html.contains("<code"))
        #expect(!html.contains("bantin units"))
    }

    @Test func unitsTableForACampaignAndGroup() {
        let (report, html) = buildPost("```bantin units campaign=cd-hep group=\"Khu vực 1\"")
        #expect(report.succeeded, "\(report.diagnostics.summary)")
        #expect(html.contains("<caption>Danh sách đơn vị thực hiện: Chiến dịch hẹp – Khu vực 1 (1)</caption>"))
        #expect(html.contains("don-vi/tdp-2/index.html"))
        #expect(!html.contains("to-dan-pho-so-10"))
    }

    @Test func unknownBlockIsAnErrorAtTheFenceLine() throws {
        let (report, _) = buildPost("```bantin unknown")
        #expect(!report.succeeded)
        let error = try #require(report.diagnostics.errors.first, "\(report.diagnostics.summary)")
        #expect(report.diagnostics.errors.count == 1)
        #expect(error.file == "content/posts/danh-sach.md")
        #expect(error.line == 6)
        #expect(error.column == 1)
        #expect(error.message == "unknown data block `bantin unknown`")
        #expect(error.hint?.hasPrefix("known blocks: ") == true)
        #expect(error.hint?.contains("units") == true)
    }

    @Test func misspeltBlockGetsASuggestion() throws {
        let (report, _) = buildPost("```bantin unit")
        let error = try #require(report.diagnostics.errors.first)
        #expect(error.hint == "did you mean `bantin units`?")
    }

    @Test func badParameterIsAnError() throws {
        let (report, _) = buildPost("```bantin units kinds=to-dan-pho")
        #expect(!report.succeeded)
        let error = try #require(report.diagnostics.errors.first, "\(report.diagnostics.summary)")
        #expect(error.line == 6)
        #expect(error.message == "`bantin units` has no parameter `kinds`")
        #expect(error.hint?.hasPrefix("it takes: ") == true)
        #expect(error.hint?.contains("kind") == true)
    }

    @Test func unknownKindValueIsAnError() throws {
        let (report, _) = buildPost("```bantin units kind=to-dan-ph")
        let error = try #require(report.diagnostics.errors.first, "\(report.diagnostics.summary)")
        #expect(error.line == 6)
        #expect(error.message == "unknown unit kind `to-dan-ph` in `bantin units`")
        #expect(error.hint == "did you mean `to-dan-pho`?")
    }

    @Test func unknownCampaignValueIsAnError() throws {
        let (report, _) = buildPost("```bantin units campaign=khong-co")
        let error = try #require(report.diagnostics.errors.first, "\(report.diagnostics.summary)")
        #expect(error.message == "unknown campaign `khong-co` in `bantin units`")
    }

    @Test func bareWordIsAnError() throws {
        let (report, _) = buildPost("```bantin units to-dan-pho")
        let error = try #require(report.diagnostics.errors.first, "\(report.diagnostics.summary)")
        #expect(error.line == 6)
        #expect(error.message == "`to-dan-pho` in `bantin units` is not a `key=value` parameter")
    }

    @Test func fenceLineCountsFrontMatterAndBody() throws {
        let site = TestSite.good()
        site.write("content/messages/td.md", "---\ntitle: \"T\"\norder: 2\ncampaign: cd-thu\n---\n\nMột.\n\nHai.\n\n```bantin khong\n```\n")
        let (report, _) = site.build()
        let error = try #require(report.diagnostics.matching("content/messages/td.md", "unknown data block").first,
                                 "\(report.diagnostics.summary)")
        #expect(error.line == 11)
    }

    @Test func rendererDirectly() throws {
        let site = try #require(TestSite.good().load().site)
        let renderer = DataBlockRenderer(site: site, progress: Dictionary(uniqueKeysWithValues: site.campaigns.map { ($0.id, site.progress($0)) }))
        let block = try #require(DataBlock(info: "bantin units kind=truong-hoc", body: "", location: SourceLocation(line: 3, column: 1)))
        var diagnostics = Diagnostics()
        let html = try #require(renderer.render(block, onPage: "index.html", at: SourceRef(file: "x.md", line: 9), into: &diagnostics))
        #expect(diagnostics.all.isEmpty)
        #expect(html.contains("<caption>Cơ sở giáo dục (3)</caption>"))
        #expect(html.contains("<a href=\"don-vi/truong-mam-non-linh-son/index.html\">Trường Mầm non Linh Sơn</a>"))
        let rows = html.components(separatedBy: "<th scope=\"row\">").count - 1
        #expect(rows == 3)

        let bad = try #require(DataBlock(info: "bantin nope", body: "", location: SourceLocation(line: 1, column: 1)))
        #expect(renderer.render(bad, onPage: "index.html", at: SourceRef(file: "x.md", line: 9, column: 2), into: &diagnostics) == nil)
        #expect(diagnostics.errors.map(\.description).first?.hasPrefix("x.md:9:2: error: unknown data block `bantin nope`\n    hint: known blocks: ") == true)
    }
}

import Foundation
import Testing
import VietText
@testable import BantinKit

/// The shortcuts a rebuild after one edit takes must give what the plain way gave.
@Suite("Rebuild fast paths")
struct RebuildFastPathTests {
    @Test(arguments: [
        "site.yaml", "posts/a.md", "campaigns/x/progress/t.csv", "/lead", "trail/", "a//b", "", "/",
        "tin-tức/bài.md", "a/\u{301}b.md", "images/ảnh 1.jpg",
    ])
    func pathPartsAreWhatSplittingByCharactersGives(_ path: String) {
        #expect(SiteLoader.pathParts(path) == path.split(separator: "/").map(String.init))
    }

    @Test func orderDigestIsTheJoinedFieldsDigest() throws {
        let site = TestSite.minimal()
        site.write("content/posts/mot.md", "---\ntitle: \"Một điều\"\ndate: 2026-01-01\n---\n")
        site.write("content/messages/hai.md", "---\ntitle: \"Hai\"\n---\n")
        site.write("content/messages/ba.md", "---\ntitle: \"Ba\"\norder: 3\n---\n")
        let articles = try #require(site.load().site).articles
        #expect(articles.count >= 3)
        // The form the last build's order was saved under.
        let joined = BuildInputs.digest(articles.map {
            $0.section.rawValue + "\u{0}" + String($0.order ?? -1) + "\u{0}" + String($0.date?.dayNumber ?? -1) + "\u{0}" + $0.title + "\u{0}" + $0.slug
        })
        #expect(SiteLoader.orderFieldsDigest(articles) == joined)
        #expect(SiteLoader.orderFieldsDigest([]) == BuildInputs.digest([]))
    }

    @Test func activitiesSurviveTheParseCache() throws {
        let ref = SourceRef(file: "content/campaigns/x/progress/t.csv", line: 2, column: 1)
        let activities = [
            Activity(campaign: "x", date: VietDate(year: 2026, month: 1, day: 2)!, unit: "to-1", title: "họp dân",
                     values: ["nguoi": 12, "to-roi": 1.5], note: nil, ref: ref),
            Activity(campaign: "x", date: VietDate(year: 2026, month: 1, day: 3)!, unit: "to-2", title: "họp dân",
                     values: [:], note: "ghi chú", ref: ref),
            Activity(campaign: "x", date: VietDate(year: 2026, month: 1, day: 4)!, unit: "to-1", title: "treo áp phích",
                     values: ["nguoi": -3], note: "", ref: ref),
        ]
        var writer = CacheWriter()
        writer.list(activities) { $0.activity($1) }
        var reader = CacheReader(writer.bytes)
        let read = try reader.list { try $0.activity() }
        #expect(reader.atEnd)
        #expect(read.count == activities.count)
        for (a, b) in zip(read, activities) {
            #expect(a.campaign == b.campaign && a.date == b.date && a.unit == b.unit && a.title == b.title)
            #expect(a.values == b.values && a.note == b.note && a.ref == b.ref)
        }
        // A row count past the bytes left is refused, not trusted.
        var broken = CacheWriter()
        broken.name("x"); broken.int(1); broken.name("to-1"); broken.name("họp dân"); broken.int(1_000_000)
        var brokenReader = CacheReader(broken.bytes)
        #expect(throws: CacheReader.Malformed.self) { try brokenReader.activity() }
    }

    /// The old site is deleted while the cache is saved: by the time the build returns, nothing
    /// of it is left beside the output.
    @Test func aRebuildLeavesNothingOfTheOldSiteBehind() throws {
        let site = TestSite.minimal()
        site.write("content/posts/mot.md", "---\ntitle: \"Một\"\ndate: 2026-01-01\n---\nMột câu.\n")
        let first = site.build().report
        #expect(first.succeeded, "\(first.diagnostics.summary)")
        site.write("content/posts/mot.md", "---\ntitle: \"Một\"\ndate: 2026-01-01\n---\nMột câu. Thêm một câu.\n")
        let (second, output) = site.build()
        #expect(second.succeeded, "\(second.diagnostics.summary)")
        let beside = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".out") }
        #expect(beside.isEmpty, "\(beside)")
        let page = try String(contentsOf: output.appending(path: "tin-tuc/mot/index.html"), encoding: .utf8)
        #expect(page.contains("Thêm một câu."))
    }
}

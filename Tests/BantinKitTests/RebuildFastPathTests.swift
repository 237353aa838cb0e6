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

    @Test(arguments: [0, 1, 2, 7, 100])
    func reorderingInPlaceIsMappingThePermutation(_ count: Int) {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let items = (0..<count).map { "bài \($0)" }
            let permutation = Array(0..<count).shuffled(using: &generator)
            var reordered = items
            SiteLoader.reorder(&reordered, by: permutation)
            #expect(reordered == permutation.map { items[$0] })
            #expect(SiteLoader.isPermutation(permutation, count: count))
        }
    }

    @Test func aPermutationHoldsEachPositionOnce() {
        #expect(SiteLoader.isPermutation([], count: 0))
        #expect(SiteLoader.isPermutation([2, 0, 1], count: 3))
        #expect(!SiteLoader.isPermutation([0, 1], count: 3))
        #expect(!SiteLoader.isPermutation([0, 0, 1], count: 3))
        #expect(!SiteLoader.isPermutation([0, 1, 3], count: 3))
        #expect(!SiteLoader.isPermutation([0, -1, 1], count: 3))
    }

    /// Articles taken from the parse cache, and the order taken from it, are what parsing gives:
    /// fields, body (read from its file, whose name on disk may be NFD), warnings and order.
    @Test func aLoadFromTheParseCacheIsAPlainLoad() throws {
        let site = TestSite.good()
        site.write("content/posts/\("Đường làng".decomposedStringWithCanonicalMapping).md",
                   "---\ntitle: \"Đường làng\"\ndate: 2026-01-02\nunit: khong-co\n---\nThân bài.\n")
        site.write("content/posts/trung.md", "---\ntitle: \"Trùng\"\ndate: 2026-01-03\nslug: bai-mot\n---\nMột câu.\n")
        site.write("content/posts/khac.md", "---\ntitle: \"Khác\"\ndate: 2026-01-03\n---\nMột câu khác.\n")
        let inputs = BuildInputs.scan(siteRoot: site.root, environment: [])
        func cache(_ previous: LoadCache?) -> LoadCache.Use {
            LoadCache.Use(digests: inputs.files, binary: "test", previous: previous, listing: inputs.content)
        }
        let plain = SiteLoader.load(siteRoot: site.root, asOf: TestSite.asOf, cache: nil)
        let first = SiteLoader.load(siteRoot: site.root, asOf: TestSite.asOf, cache: cache(nil))
        let firstCache = try #require(first.parsed)
        #expect(firstCache.articles.count == 7)
        // With the last build's order, and with one of other fields, which is then sorted again.
        var otherOrder = firstCache
        otherOrder.order = otherOrder.order.map { LoadCache.Order(fields: "", permutation: $0.permutation.reversed()) }
        for previous in [firstCache, otherOrder] {
            let again = SiteLoader.load(siteRoot: site.root, asOf: TestSite.asOf, cache: cache(previous))
            #expect(again.parsed?.articles.count == 7)
            for loaded in [first, again] {
                let expected = try #require(plain.site).articles, got = try #require(loaded.site).articles
                #expect(got.map(\.id) == expected.map(\.id))
                for (a, b) in zip(got, expected) {
                    #expect(a.sourcePath == b.sourcePath && a.title == b.title && a.date == b.date && a.unit == b.unit)
                    #expect(a.letter?.place == b.letter?.place && a.ref == b.ref && a.fieldRefs == b.fieldRefs)
                    #expect(a.readBody() != nil && a.readBody() == b.readBody())
                }
                #expect(loaded.diagnostics.summary == plain.diagnostics.summary)
            }
        }
        #expect(!plain.diagnostics.all.isEmpty)
    }

    /// The index takes a section's run of articles as a slice, joins a section's runs, and fills
    /// its ids from the end: the same as grouping one by one and keeping the first of an id, in
    /// any order of sections.
    @Test func theArticleIndexIsTheGroupingOfTheArticles() throws {
        let loaded = try #require(TestSite.good().load().site).articles
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            // Sorted by section, shuffled, and with an id twice.
            var articles = loaded.shuffled(using: &generator)
            if Bool.random(using: &generator) { articles.sort { $0.section.rawValue < $1.section.rawValue } }
            var twin = articles[0]
            twin.title = "twin"
            articles.insert(twin, at: Int.random(in: 1...articles.count, using: &generator))
            let index = ArticleIndex(articles)
            let grouped = Dictionary(grouping: articles, by: \.section)
            #expect(Set(index.bySection.keys) == Set(grouped.keys))
            for (section, members) in grouped {
                #expect(index.bySection[section]?.map(\.title) == members.map(\.title))
                #expect(index.bySection[section]?.count == members.count)
            }
            let firsts = Dictionary(articles.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            #expect(index.byID == firsts)
        }
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
            // "họp dân" decomposed: the same text to String's ==, other bytes, which the cache keeps.
            Activity(campaign: "x", date: VietDate(year: 2026, month: 1, day: 5)!, unit: "to-1", title: "ho\u{323}p da\u{302}n",
                     values: [:], note: nil, ref: ref),
        ]
        var writer = CacheWriter()
        writer.list(activities) { $0.activity($1) }
        var reader = CacheReader(writer.bytes)
        let read = try reader.list { try $0.activity() }
        #expect(reader.atEnd)
        #expect(read.count == activities.count)
        for (a, b) in zip(read, activities) {
            #expect(a.campaign == b.campaign && a.date == b.date && a.unit == b.unit && Array(a.title.utf8) == Array(b.title.utf8))
            #expect(a.values == b.values && a.note == b.note && a.ref == b.ref)
        }
        // A row count past the bytes left is refused, not trusted.
        var broken = CacheWriter()
        broken.name("x"); broken.int(1); broken.name("to-1"); broken.name("họp dân"); broken.int(1_000_000)
        var brokenReader = CacheReader(broken.bytes)
        #expect(throws: CacheReader.Malformed.self) { try brokenReader.activity() }
    }

    /// A report's rows come back from reports.bin as they went in, with its digest and warnings;
    /// a file whose rows are not the bytes their digest was taken of is not used at all (the rows
    /// are decoded later, when a page first shows them, and must not fail then).
    @Test func reportsSurviveTheParseCacheOnlyAsWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ref = SourceRef(file: "content/campaigns/x/progress/t.csv", line: 2, column: 1)
        let rows = (1...40).map { day in
            Activity(campaign: "x", date: VietDate(year: 2026, month: 1, day: day % 28 + 1)!, unit: "to-\(day % 3)", title: "họp dân",
                     values: ["nguoi": Double(day)], note: day % 2 == 0 ? nil : "ghi chú \(day)", ref: ref)
        }
        let warning = Diagnostic(.warning, ref.file, line: 7, "một dòng trùng")
        var cache = LoadCache(binary: "test")
        cache.reports["campaigns/x/progress/t.csv"] = LoadCache.ParsedReport(digest: "d1", activities: rows, diagnostics: [warning])
        cache.reports["campaigns/x/progress/u.csv"] = LoadCache.ParsedReport(digest: "d2", activities: Array(rows.prefix(3)), diagnostics: [])
        try cache.save(in: folder)
        let read = try #require(LoadCache.load(from: folder, binary: "test", content: folder))
        let t = try #require(read.reports["campaigns/x/progress/t.csv"]), u = try #require(read.reports["campaigns/x/progress/u.csv"])
        #expect(t.digest == "d1" && u.digest == "d2")
        #expect(t.diagnostics.map(\.message) == ["một dòng trùng"] && u.diagnostics.isEmpty)
        for (got, expected) in [(t.activities, rows), (u.activities, Array(rows.prefix(3)))] {
            #expect(got.count == expected.count)
            for (a, b) in zip(got, expected) {
                #expect(a.date == b.date && a.unit == b.unit && a.title == b.title && a.values == b.values && a.note == b.note && a.ref == b.ref)
            }
        }
        #expect(LoadCache.load(from: folder, binary: "another bantin", content: folder) == nil)
        // One byte of the rows changed (the last row's last byte, before the digest), or the digest itself.
        let file = folder.appending(path: LoadCache.reportsFileName)
        let written = try Data(contentsOf: file)
        for position in [written.count - 65, written.count - 1] {
            var damaged = written
            damaged[position] ^= 0x01
            try damaged.write(to: file)
            #expect(LoadCache.load(from: folder, binary: "test", content: folder) == nil)
        }
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

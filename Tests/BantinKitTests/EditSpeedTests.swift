import Foundation
import Testing
import VietText
@testable import BantinKit

/// The faster ways of the edit rebuild (sorting positions, keys hashed from one buffer, mapped
/// search records, zips given in order) must give exactly what the plain ways gave.
@Suite("Rebuild fast paths: keys, tallies, records")
struct EditSpeedTests {
    @Test func activitiesSortedByPositionAreWhatSortingThemWholeGave() {
        let files = ["content/campaigns/x/progress/b.csv", "content/campaigns/x/progress/a.csv", "content/campaigns/x/progress/ă.csv"]
        var all: [Activity] = []
        var generator = SystemRandomNumberGenerator()
        for index in 0..<400 {
            // Few days, rows and files, so every kind of tie happens, whole ties included.
            let ref = SourceRef(file: files[Int.random(in: 0..<3, using: &generator)], line: Int.random(in: 1...4, using: &generator))
            all.append(Activity(campaign: "x", date: VietDate(year: 2026, month: 1, day: Int.random(in: 1...3, using: &generator))!,
                                unit: "to-1", title: String(index), values: [:], note: nil, ref: ref))
        }
        let positions = all.indices.filter { _ in Bool.random(using: &generator) }
        let whole = positions.map { all[$0] }.sorted { ($0.date, $0.ref.line, $0.ref.file) < ($1.date, $1.ref.line, $1.ref.file) }
        #expect(Tally.sortedByReport(positions, in: all).map(\.title) == whole.map(\.title))
        #expect(Tally.sortedByReport([], in: all).isEmpty)
    }

    /// A unit's sums are, to the bit, those of looking every indicator up in every row: values
    /// absent, unknown, negative, zero of either sign, a key asked for twice.
    @Test func unitSumsAreTheSumsOfEveryIndicatorLookedUp() {
        let keys = ["nguoi", "to-roi", "ap-phich", "nguoi"]
        let campaign = Campaign(id: "x", title: "X", start: VietDate(year: 2026, month: 1, day: 1)!, deadline: VietDate(year: 2026, month: 6, day: 1)!,
                                audience: .all, indicators: keys.map { Indicator(key: $0, label: $0, unit: "cái") },
                                kindTargets: [:], unitTargets: ["to-1": ["nguoi": 100]], ref: SourceRef(file: "content/campaigns/x/campaign.yaml"))
        let unit = BantinKit.Unit(id: "to-1", name: "Tổ 1", kind: "to-dan-pho", sample: false, ref: SourceRef(file: "content/units.yaml"))
        let choices: [Double] = [0, -0.0, 1, -1, 0.1, 0.2, 1e300, -1e300, 3.75, .infinity]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let rows = (0..<Int.random(in: 0...40, using: &generator)).map { line in
                var values: [String: Double] = [:]
                for key in ["nguoi", "to-roi", "ap-phich", "khac"] where Bool.random(using: &generator) {
                    values[key] = choices.randomElement(using: &generator)!
                }
                return Activity(campaign: "x", date: VietDate(year: 2026, month: 1, day: 2)!, unit: "to-1", title: "họp",
                                values: values, note: nil, ref: SourceRef(file: "a.csv", line: line))
            }
            let progress = Tally.progress(of: unit, in: campaign, sorted: rows, asOf: VietDate(year: 2026, month: 2, day: 1)!)
            for (slot, key) in keys.enumerated() {
                let plain = rows.reduce(0.0) { $0 + ($1.values[key] ?? 0) }
                #expect(progress.indicators[slot].reported.bitPattern == plain.bitPattern)
            }
        }
    }

    @Test func digestsAreTheKnownOnes() {
        #expect(Digest.sha256(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.sha256(Array("abc".utf8)) == Digest.sha256(Data("abc".utf8)))
        let parts = ["một", "", "hai\u{0}ba"]
        #expect(BuildInputs.digest(parts) == Digest.sha256(Data(parts.joined(separator: "\u{1}").utf8)))
        #expect(BuildInputs.digest([]) == Digest.sha256(Data()))
    }

    /// The keys as they were made before: every file sorted by path, one part each, joined.
    private func plainKeys(_ inputs: BuildInputs, _ site: Site) -> (shared: String, articles: [String: String]) {
        let articlePaths = Set(site.articles.map { "content/" + $0.sourcePath })
        var parts = [inputs.environment]
        for (path, digest) in inputs.files.sorted(by: { $0.key.precedesBytewise($1.key) }) {
            parts.append(path + "\u{0}" + (articlePaths.contains(path) ? "front:" + (inputs.frontMatter[path] ?? digest) : digest))
        }
        let shared = BuildInputs.digest(parts)
        let everything = BuildInputs.digest([shared, inputs.total])
        var articles: [String: String] = [:]
        for article in site.articles {
            articles[article.id] = article.edition != nil
                ? everything : BuildInputs.digest([shared, inputs.files["content/" + article.sourcePath] ?? ""])
        }
        return (shared, articles)
    }

    @Test func pageKeysAreThePlainKeysListedInOrderOrNot() throws {
        let site = TestSite.good()
        // "a-b" sorts before "a/…" by bytes but after it folder by folder.
        site.write("content/posts/a-b.md", "---\ntitle: \"A B\"\ndate: 2026-01-02\n---\nthân\n")
        site.write("content/posts/a/c.jpg", "not really")
        site.write("content/posts/bài.md", "---\ntitle: \"Bài\"\ndate: 2026-01-03\n---\nthân\n")
        let loaded = try #require(site.load().site)
        let inputs = BuildInputs.scan(siteRoot: site.root, environment: ["test"])
        #expect(zip(inputs.listed, inputs.listed.dropFirst()).allSatisfy { $0.path.precedesBytewise($1.path) })
        let plain = plainKeys(inputs, loaded)
        let keys = PageKeys(inputs: inputs, site: loaded)
        #expect(keys.shared == plain.shared)
        #expect(keys.articles == plain.articles)
        #expect(keys.articles.count == Set(loaded.articles.map(\.id)).count)
        // A listing out of order (or with a name twice) is sorted, as before.
        let shuffled = BuildInputs(files: inputs.files, frontMatter: inputs.frontMatter, environment: inputs.environment, binary: inputs.binary,
                                   total: inputs.total, known: inputs.known, content: inputs.content,
                                   listed: inputs.listed.reversed() + [inputs.listed[0]])
        let fallback = PageKeys(inputs: shuffled, site: loaded)
        #expect(fallback.shared == plain.shared)
        #expect(fallback.articles == plain.articles)
    }

    /// The bundles take the staging folder's files from what was noted as they were written,
    /// linked or left there by Chromium, instead of listing the folder: the two must agree.
    @Test func filesNotedAsWrittenAreTheFilesInTheStagingFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "noted-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appending(path: "old")
        try FileManager.default.createDirectory(at: old.appending(path: "tin-tuc/a"), withIntermediateDirectories: true)
        try Data("a".utf8).write(to: old.appending(path: "tin-tuc/a/index.html"))
        try Data("b".utf8).write(to: old.appending(path: "robots.txt"))
        let output = try StagingOutput(destination: folder.appending(path: "public"))
        defer { output.discard() }
        try output.write(Data("x".utf8), to: "index.html")
        try output.write("y", to: "assets/tìm-kiếm.js")
        #expect(output.link("tin-tuc/a/index.html", fromFolder: old.path, ownFolder: true))
        #expect(output.link("robots.txt", from: old))
        #expect(!output.link("missing.html", from: old))
        #expect(try output.write(Data("b".utf8), to: "robots2.txt", orLinkFrom: old) == false)
        try FileManager.default.createDirectory(at: output.staging.appending(path: "in"), withIntermediateDirectories: true)
        try Data("%PDF".utf8).write(to: output.staging.appending(path: "in/a.pdf"))
        output.adopt(["in/a.pdf", "in/none.pdf"])
        let listed = Set(SiteLoader.listFiles(under: output.staging, sorted: false).map(\.path))
        #expect(output.written.all == listed)
        #expect(listed.count == 6, "\(listed.sorted())")
    }

    @Test func searchRecordsReadBackAreTheOnesWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "records-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appending(path: "search.bin")
        var entries: [String: Data] = [:]
        var writer = try SearchRecords.Writer(url: url)
        for index in 0..<300 {
            let key = Digest.sha256(Data(String(index).utf8))
            // Empty, small and bigger than a page, so records cross page boundaries.
            let entry = Data(String(repeating: "tìm \(index) ", count: index % 3 == 0 ? 0 : index * 7).utf8)
            entries[key] = entry
            try writer.add(key: key, entry: entry)
        }
        try writer.finish()
        var records = try #require(SearchRecords(url: url))
        for (key, entry) in entries { #expect(records[key] == entry) }
        #expect(records[String(repeating: "0", count: 64)] == nil)
        // Handed-out entries outlive the records they came from.
        let kept = entries.keys.sorted().prefix(5).map { (records[$0]!, entries[$0]!) }
        records = try #require(SearchRecords(url: folder.appending(path: "search.bin")))
        _ = records
        for (read, written) in kept { #expect(read == written) }
        // The next build's file: records copied from this one in runs (kept in order, skipped, taken
        // out of order) between new ones read back as they were written.
        let keys = entries.keys.sorted()
        let copiedKeys = Array(keys[0..<40]) + Array(keys[45..<50]) + [keys[10], keys[200]]
        var next = try SearchRecords.Writer(url: folder.appending(path: "next.bin"))
        var expected: [String: Data] = [:]
        for (index, key) in copiedKeys.enumerated() {
            #expect(try next.copy(key: key, from: records))
            expected[key] = entries[key]
            if index % 17 == 3 {
                let fresh = Digest.sha256(Data("new \(index)".utf8)), entry = Data("mới \(index)".utf8)
                try next.add(key: fresh, entry: entry)
                expected[fresh] = entry
            }
        }
        #expect(try next.copy(key: String(repeating: "f", count: 64), from: records) == false)
        try next.finish()
        let reread = try #require(SearchRecords(url: folder.appending(path: "next.bin")))
        for (key, entry) in expected { #expect(reread[key] == entry) }
        #expect(reread[keys[44]] == nil)
        // The places are read from the index at the end, not from the records' headers: a file
        // whose records were all overwritten with other bytes of the same length still reads back.
        let whole = try Data(contentsOf: folder.appending(path: "next.bin"))
        let indexStart = whole.count - 24 - (copiedKeys.count + expected.count - Set(copiedKeys).count) * 88
        try (Data(repeating: 0x2A, count: indexStart) + whole[indexStart...]).write(to: folder.appending(path: "blank.bin"))
        let blank = try #require(SearchRecords(url: folder.appending(path: "blank.bin")))
        #expect(blank[copiedKeys[0]] == Data(repeating: 0x2A, count: entries[copiedKeys[0]]!.count))
        // A file cut short, or not one a build finished (no index), is not used at all.
        try whole.dropLast(3).write(to: folder.appending(path: "cut.bin"))
        #expect(SearchRecords(url: folder.appending(path: "cut.bin")) == nil)
        try whole.dropLast(24).write(to: folder.appending(path: "cut.bin"))
        #expect(SearchRecords(url: folder.appending(path: "cut.bin")) == nil)
        // Nor is an empty file; a missing one is no records file at all.
        try Data().write(to: url)
        #expect(SearchRecords(url: url) == nil)
        #expect(SearchRecords(url: folder.appending(path: "missing.bin")) == nil)
    }

    @Test func aZipOfEntriesInOrderIsTheZipOfThemShuffled() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "zip-order-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let date = Date(timeIntervalSince1970: 1_780_000_000)
        let paths = ["a-b.html", "a/b.html", "index.html", "tin-tức/bài.html", "Z.css", "z.css", "ả.png"]
        let entries = paths.map { path in ZipWriter.Entry(path: path) { Data("nội dung \(path)".utf8) } }
        let ordered = entries.sorted { $0.path.precedesBytewise($1.path) }
        try ZipWriter.write(ordered, to: folder.appending(path: "ordered.zip"), date: date)
        try ZipWriter.write(ordered.reversed(), to: folder.appending(path: "reversed.zip"), date: date)
        try ZipWriter.write(entries.shuffled(), to: folder.appending(path: "shuffled.zip"), date: date)
        let bytes = try ["ordered", "reversed", "shuffled"].map { try Data(contentsOf: folder.appending(path: "\($0).zip")) }
        #expect(bytes[0] == bytes[1])
        #expect(bytes[0] == bytes[2])
    }
}

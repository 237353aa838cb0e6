import Foundation
import Testing
@testable import BantinKit

@Suite("Zip writer")
struct ZipWriterTests {
    /// Text that compresses like a search index: words repeating, but not in a fixed cycle.
    private func text(bytes: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        let words = ["an ninh", "mạng", "dữ liệu", "tổ dân phố", "tuyên truyền", "Chỉ thị 57-CT/TW", "{\"t\":", "\"fx\":"]
        var out = ""
        while out.utf8.count < bytes { out += words[Int.random(in: 0..<words.count, using: &generator)] + " " }
        return Data(out.utf8)
    }

    @Test func aBigEntryCompressedInPiecesInflatesToTheSameBytes() throws {
        let data = text(bytes: 5_300_000)
        let deflated = try ZipWriter.deflate(data)
        #expect(deflated.count < data.count / 3)
        #expect(ZipWriter.inflate(deflated, size: data.count) == data)
        // The same input gives the same bytes, however the pieces were scheduled.
        #expect(try ZipWriter.deflate(data) == deflated)
    }

    @Test func unchangedEntriesAreCopiedFromTheLastZipAndTheResultIsTheSame() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "zip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let date = Date(timeIntervalSince1970: 1_780_000_000)
        let files: [String: Data] = ["a.html": Data("<p>Một</p>".utf8), "b/c.css": Data("p{}".utf8), "big.js": text(bytes: 2_500_000)]
        let entries = files.map { path, data in ZipWriter.Entry(path: path) { data } }
        let first = folder.appending(path: "first.zip")
        #expect(try ZipWriter.write(entries, to: first, date: date) == 4)   // with MANIFEST.txt
        let previous = try #require(PreviousZip(url: first))
        let stored = try #require(previous.entry("big.js", sha256: Digest.sha256(files["big.js"]!)))
        #expect(stored.size == files["big.js"]!.count)
        #expect(previous.entry("big.js", sha256: String(repeating: "0", count: 64)) == nil)

        // Copied by digest, or by name when marked unchanged (never read): the same zip either way.
        let second = folder.appending(path: "second.zip")
        let copied = files.map { path, data in
            ZipWriter.Entry(path: path, unchanged: path == "big.js") { path == "big.js" ? nil : data }
        }
        try ZipWriter.write(copied, to: second, date: date, reusing: previous)
        #expect(try Data(contentsOf: second) == Data(contentsOf: first))
    }

    /// What a rebuild's zip is made from: the last build's files, some unchanged (never read, as
    /// the build cache vouches for them), some edited, some gone and some new.
    struct Rewrite: Sendable, CustomTestStringConvertible {
        let name: String
        /// Paths of the first zip's files left unchanged; the others are edited.
        let unchanged: Set<String>
        let removed: Set<String>
        let added: [String]
        var testDescription: String { name }
    }

    static let rewrites: [Rewrite] = {
        let all = Set(first.keys)
        let ends: Set = ["a.html", "z.png"]
        let sorted = first.keys.sorted { $0.precedesBytewise($1) }
        let everyOther = Set(sorted.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
        return [
            Rewrite(name: "nothing changed", unchanged: all, removed: [], added: []),
            Rewrite(name: "the first and last edited", unchanged: all.subtracting(ends), removed: [], added: []),
            Rewrite(name: "the first and last removed, files added before, among and after them",
                    unchanged: all.subtracting(ends), removed: ends, added: ["0.html", "c/d.html", "zz.txt"]),
            Rewrite(name: "every other file edited", unchanged: everyOther, removed: [], added: []),
            Rewrite(name: "runs broken by removed files", unchanged: all.subtracting(["c/b.css", "m.html"]),
                    removed: ["c/b.css", "m.html"], added: []),
        ]
    }()

    /// Pages that compress, and images that do not (stored as they are), under names with accents.
    static let first: [String: Data] = {
        var files: [String: Data] = [:]
        for (index, name) in ["a.html", "b/ảnh một.png", "c/b.css", "c/e.html", "m.html", "n/o/p.html", "q.pdf", "r.html", "z.png"].enumerated() {
            let binary = name.hasSuffix(".png") || name.hasSuffix(".pdf")
            files[name] = binary ? Data((0..<(3_000 + index * 977)).map { _ in UInt8.random(in: 0...255) })
                : Data(String(repeating: "<p>Trang \(index): tổ dân phố \(name)</p>\n", count: 40 + index * 13).utf8)
        }
        return files
    }()

    @Test(arguments: rewrites)
    func aRewriteCopyingRunsOfTheLastZipIsTheBytesOfAFreshOne(_ rewrite: Rewrite) throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "zip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let date = Date(timeIntervalSince1970: 1_780_000_000)
        let old = folder.appending(path: "old.zip")
        try ZipWriter.write(Self.first.map { path, data in ZipWriter.Entry(path: path) { data } }, to: old, date: date)

        var files = Self.first.filter { !rewrite.removed.contains($0.key) }
        for path in files.keys where !rewrite.unchanged.contains(path) { files[path]! += Data(" sửa".utf8) }
        for path in rewrite.added { files[path] = Data("<p>Mới: \(path)</p>".utf8) }
        let fresh = folder.appending(path: "fresh.zip"), copied = folder.appending(path: "copied.zip")
        #expect(try ZipWriter.write(files.map { path, data in ZipWriter.Entry(path: path) { data } }, to: fresh, date: date) == files.count + 1)
        // An unchanged entry is never read: left out unless it is copied from the old zip.
        let entries = files.map { path, data in
            ZipWriter.Entry(path: path, unchanged: rewrite.unchanged.contains(path)) { rewrite.unchanged.contains(path) ? nil : data }
        }
        let previous = try #require(PreviousZip(url: old))
        try ZipWriter.write(entries, to: copied, date: date, reusing: previous)
        #expect(try Data(contentsOf: copied) == Data(contentsOf: fresh))
        #expect(try pythonReads(copied) == files)
    }

    @Test func anOldEntryWhoseLocalHeaderIsNotTheNewOneIsCompressedAgain() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "zip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let date = Date(timeIntervalSince1970: 1_780_000_000)
        let old = folder.appending(path: "old.zip")
        try ZipWriter.write(Self.first.map { path, data in ZipWriter.Entry(path: path) { data } }, to: old, date: date)
        // Another name in one local header (the central directory still says "m.html").
        var bytes = try Data(contentsOf: old)
        let name = try #require(bytes.firstRange(of: Data("m.html".utf8)))
        bytes[name.lowerBound] = UInt8(ascii: "M")
        try bytes.write(to: old)
        let previous = try #require(PreviousZip(url: old))

        // On another day every local header differs in its date; here one in its name.
        let cases: [(day: Date, broken: Set<String>)] = [(date.addingTimeInterval(86_400), Set(Self.first.keys)), (date, ["m.html"])]
        for (day, broken) in cases {
            let fresh = folder.appending(path: "fresh.zip"), copied = folder.appending(path: "copied.zip")
            try ZipWriter.write(Self.first.map { path, data in ZipWriter.Entry(path: path) { data } }, to: fresh, date: day)
            // Read only when it is not copied: the broken ones must be.
            let entries = Self.first.map { path, data in
                ZipWriter.Entry(path: path, unchanged: true) { broken.contains(path) ? data : nil }
            }
            try ZipWriter.write(entries, to: copied, date: day, reusing: previous)
            #expect(try Data(contentsOf: copied) == Data(contentsOf: fresh))
        }
    }

    @Test func aRangeOfAnotherFileIsAppendedExactlyOnOneFileSystemOrTwo() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "zip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let bytes = Data((0..<3_500_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) })
        // Beside the new file (copy_file_range), and where there is one, on tmpfs (another file
        // system: read and write); pieces larger than the buffer, at odd offsets, and empty.
        var sources = [folder.appending(path: "source")]
        if FileManager.default.fileExists(atPath: "/dev/shm") { sources.append(URL(fileURLWithPath: "/dev/shm/bantin-test-\(UUID().uuidString)")) }
        defer { for source in sources { try? FileManager.default.removeItem(at: source) } }
        for source in sources {
            try bytes.write(to: source)
            let target = folder.appending(path: "target")
            let file = try AppendingFile(creating: target)
            let old = try #require(ReadOnlyFile(url: source))
            try file.append(Data("head".utf8))
            for range in [7..<2_500_007, 3_000_000..<3_000_000, 3_000_001..<3_500_000, 0..<1] { try file.append(range, of: old) }
            try file.close()
            let expected = Data("head".utf8) + bytes[7..<2_500_007] + bytes[3_000_001..<3_500_000] + bytes[0..<1]
            #expect(try Data(contentsOf: target) == expected, "from \(source.path)")
            #expect(throws: WriteFailure.self) { try AppendingFile(creating: target).append(0..<3_500_001, of: old) }
        }
    }

    /// Every file of a zip as Python's zipfile reads it, after it checked every entry's CRC.
    private func pythonReads(_ zip: URL) throws -> [String: Data] {
        let folder = zip.deletingLastPathComponent().appending(path: "read-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                assert z.testzip() is None
                z.extractall(sys.argv[2])
            """, zip.path, folder.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) where path != "MANIFEST.txt" {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appending(path: path).path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = try Data(contentsOf: folder.appending(path: path))
            }
        }
        return files
    }
}

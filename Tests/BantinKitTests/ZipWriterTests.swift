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
}

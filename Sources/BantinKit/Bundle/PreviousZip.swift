import Foundation

/// A zip the last build wrote, read back so unchanged entries are copied instead of compressed
/// again: its central directory gives where each entry's bytes are, its MANIFEST.txt their
/// SHA-256. Anything unexpected and it is simply not used.
struct PreviousZip: Sendable {
    /// Where an entry sits in the old zip; nothing of it is read until it is copied.
    struct Stored: Sendable {
        let size: Int
        let crc: UInt32
        let method: UInt16
        /// The offset of its local header, which with the name and the stored bytes runs to `end`.
        let local: Int
        let nameLength: Int
        let compressed: Int
        /// Its line in the old MANIFEST.txt, which is its line in the new one too.
        fileprivate let line: Range<Int>
        var end: Int { local + 30 + nameLength + compressed }
    }

    let file: ReadOnlyFile
    private let entries: [String: Stored]
    private let manifest: [UInt8]

    // Read with pread, a piece at a time: mapping the zip (the whole site again, 100 MB at 10,000
    // pages) made every entry copied from it count as memory the build held. Parsed as bytes: a
    // rebuild reads the whole-site zip's 20,000 names and manifest lines.
    init?(url: URL) {
        guard let file = ReadOnlyFile(url: url), file.size >= 22 else { return nil }
        self.file = file
        let tailStart = max(0, file.size - 65_557)
        guard let tail = file.bytes(at: tailStart, count: file.size - tailStart),
              let end = tail.indices.reversed().first(where: { tail[$0...].starts(with: [0x50, 0x4B, 0x05, 0x06]) }) else { return nil }
        let eocd = tailStart + end
        guard let record = file.bytes(at: eocd, count: 22) else { return nil }
        var count = Int(record.le16(10)), offset = Int(record.le32(16))
        if count == 0xFFFF || offset == 0xFFFF_FFFF {
            // Zip64: the locator sits just before the end record and points at the zip64 end record.
            guard eocd >= 20, let locator = file.bytes(at: eocd - 20, count: 20), locator.le32(0) == 0x0706_4B50,
                  let zip64 = file.bytes(at: Int(locator.le64(8)), count: 56), zip64.le32(0) == 0x0606_4B50 else { return nil }
            count = Int(zip64.le64(32))
            offset = Int(zip64.le64(48))
        }
        guard offset < eocd, let directory = file.bytes(at: offset, count: eocd - offset) else { return nil }
        // The central directory in the writer's order: the entries by name, then MANIFEST.txt.
        var central: [(name: Range<Int>, size: Int, crc: UInt32, method: UInt16, local: Int, compressed: Int)] = []
        central.reserveCapacity(count)
        var position = 0
        for _ in 0..<count {
            guard position + 46 <= directory.count, directory.le32(position) == 0x0201_4B50 else { return nil }
            let method = directory.le16(position + 10), crc = directory.le32(position + 16)
            let compressed = Int(directory.le32(position + 20)), size = Int(directory.le32(position + 24))
            let nameLength = Int(directory.le16(position + 28)), extraLength = Int(directory.le16(position + 30))
            let commentLength = Int(directory.le16(position + 32))
            guard position + 46 + nameLength + extraLength <= directory.count else { return nil }
            var local = Int(directory.le32(position + 42))
            if local == 0xFFFF_FFFF, extraLength >= 12 { local = Int(directory.le64(position + 46 + nameLength + 4)) }
            // Every entry's bytes lie before the directory: a copy never reads past what was parsed.
            guard local + 30 + nameLength + compressed <= offset else { return nil }
            central.append((position + 46..<position + 46 + nameLength, size, crc, method, local, compressed))
            position += 46 + nameLength + extraLength + commentLength
        }
        guard let last = central.last, directory[last.name].elementsEqual("MANIFEST.txt".utf8),
              let raw = file.bytes(at: last.local + 30 + last.name.count, count: last.compressed),
              let text = last.method == 0 ? raw : ZipWriter.inflate(Data(raw), size: last.size).map({ [UInt8]($0) }) else { return nil }
        manifest = text
        // MANIFEST.txt lines, one per entry in the same order: "<sha256>  <size>  <path>". A line that
        // does not name its entry or give its size leaves the entry out.
        var entries: [String: Stored] = [:]
        entries.reserveCapacity(central.count)
        var start = 0, index = 0
        let space = UInt8(ascii: " ")
        while start < text.count, index < central.count - 1 {
            let newline = text[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.count
            defer { start = newline + 1; index += 1 }
            let entry = central[index]
            var cursor = start + 64
            guard cursor + 2 < newline, text[cursor] == space, text[cursor + 1] == space else { continue }
            while cursor < newline, text[cursor] == space { cursor += 1 }
            var size = 0, digits = 0
            while cursor < newline, let digit = text[cursor].digitValue { size = size * 10 + digit; cursor += 1; digits += 1 }
            guard digits > 0, size == entry.size, cursor + 2 <= newline, newline < text.count, text[cursor] == space, text[cursor + 1] == space,
                  text[(cursor + 2)..<newline].elementsEqual(directory[entry.name]) else { continue }
            let name = String(decoding: directory[entry.name], as: UTF8.self)
            entries[name] = Stored(size: entry.size, crc: entry.crc, method: entry.method, local: entry.local,
                                   nameLength: entry.name.count, compressed: entry.compressed, line: start..<min(newline + 1, text.count))
        }
        self.entries = entries
    }

    /// Where the entry is, if the old zip holds exactly these contents under this name (or, with no
    /// digest given, whatever it holds under this name).
    func entry(_ path: String, sha256: String? = nil) -> Stored? {
        guard let entry = entries[path] else { return nil }
        if let sha256, !manifest[entry.line.lowerBound..<(entry.line.lowerBound + 64)].elementsEqual(sha256.utf8) { return nil }
        return entry
    }

    /// The entry's line of MANIFEST.txt, newline included.
    func line(of entry: Stored) -> ArraySlice<UInt8> { manifest[entry.line] }

    /// Whether the entry's local header and name are these bytes: those of the old zip are copied
    /// as they are only when they are what a fresh write would put there.
    func holds(_ entry: Stored, header: [UInt8]) -> Bool {
        header.count == 30 + entry.nameLength && file.bytes(at: entry.local, count: header.count) == header
    }
}

private extension UInt8 {
    var digitValue: Int? { (0x30...0x39).contains(self) ? Int(self - 0x30) : nil }
}

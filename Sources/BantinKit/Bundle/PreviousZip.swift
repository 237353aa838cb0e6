import Foundation

/// A zip the last build wrote, read back so unchanged entries are copied instead of compressed
/// again: its central directory gives where each entry's bytes are, its MANIFEST.txt their
/// SHA-256. Anything unexpected and it is simply not used.
struct PreviousZip: Sendable {
    struct Stored: Sendable {
        let sha256: String
        let size: Int
        let crc: UInt32
        let method: UInt16
        let stored: Data
    }

    private let file: ReadOnlyFile
    private var entries: [String: (sha256: String, size: Int, crc: UInt32, method: UInt16, local: Int, compressed: Int)] = [:]

    // Read with pread, a piece at a time: mapping the zip (the whole site again, 100 MB at 10,000
    // pages) made every entry copied from it count as memory the build held.
    init?(url: URL) {
        guard let file = ReadOnlyFile(url: url), file.size >= 22 else { return nil }
        self.file = file
        let tailStart = max(0, file.size - 65_557)
        guard let tail = file.read(at: tailStart, count: file.size - tailStart),
              let end = tail.indices.reversed().first(where: { tail[$0...].starts(with: [0x50, 0x4B, 0x05, 0x06]) }) else { return nil }
        let eocd = tailStart + (end - tail.startIndex)
        guard let record = file.read(at: eocd, count: 22) else { return nil }
        var count = Int(record.le16(10)), offset = Int(record.le32(16))
        if count == 0xFFFF || offset == 0xFFFF_FFFF {
            // Zip64: the locator sits just before the end record and points at the zip64 end record.
            guard eocd >= 20, let locator = file.read(at: eocd - 20, count: 20), locator.le32(0) == 0x0706_4B50,
                  let zip64 = file.read(at: Int(locator.le64(8)), count: 56), zip64.le32(0) == 0x0606_4B50 else { return nil }
            count = Int(zip64.le64(32))
            offset = Int(zip64.le64(48))
        }
        guard offset < eocd, let directory = file.read(at: offset, count: eocd - offset) else { return nil }
        var manifest: (local: Int, compressed: Int, size: Int, method: UInt16)?
        var found: [String: (crc: UInt32, method: UInt16, local: Int, compressed: Int)] = [:]
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
            let start = directory.startIndex + position + 46
            let name = String(decoding: directory[start..<(start + nameLength)], as: UTF8.self)
            if name == "MANIFEST.txt" { manifest = (local, compressed, size, method) }
            found[name] = (crc, method, local, compressed)
            position += 46 + nameLength + extraLength + commentLength
        }
        guard let manifest, let raw = Self.stored(in: file, local: manifest.local, compressed: manifest.compressed),
              let text = manifest.method == 0 ? raw : ZipWriter.inflate(raw, size: manifest.size) else { return nil }
        // MANIFEST.txt lines: "<sha256>  <size>  <path>".
        for line in String(decoding: text, as: UTF8.self).split(separator: "\n") {
            let sha = line.prefix(64)
            let size = line.dropFirst(64).drop { $0 == " " }
            let digits = size.prefix { $0.isNumber }
            guard sha.count == 64, !digits.isEmpty, size.dropFirst(digits.count).hasPrefix("  ") else { continue }
            let path = String(size.dropFirst(digits.count + 2))
            guard let entry = found[path], let bytes = Int(digits) else { continue }
            entries[path] = (String(sha), bytes, entry.crc, entry.method, entry.local, entry.compressed)
        }
    }

    /// The entry's stored bytes, if the old zip holds exactly these contents under this name
    /// (or, with no digest given, whatever it holds under this name).
    func entry(_ path: String, sha256: String? = nil) -> Stored? {
        guard let entry = entries[path], sha256 == nil || entry.sha256 == sha256,
              let stored = Self.stored(in: file, local: entry.local, compressed: entry.compressed) else { return nil }
        return Stored(sha256: entry.sha256, size: entry.size, crc: entry.crc, method: entry.method, stored: stored)
    }

    /// The bytes after the local header at `local` (whose name and extra field lengths say where they start).
    private static func stored(in file: ReadOnlyFile, local: Int, compressed: Int) -> Data? {
        guard let header = file.read(at: local, count: 30), header.le32(0) == 0x0403_4B50 else { return nil }
        return file.read(at: local + 30 + Int(header.le16(26)) + Int(header.le16(28)), count: compressed)
    }
}

extension Data {
    /// Little-endian integers at an offset from the start of the data.
    func le16(_ at: Int) -> UInt16 { UInt16(self[startIndex + at]) | UInt16(self[startIndex + at + 1]) << 8 }
    func le32(_ at: Int) -> UInt32 { UInt32(le16(at)) | UInt32(le16(at + 2)) << 16 }
    func le64(_ at: Int) -> UInt64 { UInt64(le32(at)) | UInt64(le32(at + 4)) << 32 }
}

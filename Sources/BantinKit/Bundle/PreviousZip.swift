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

    private let data: Data
    private var entries: [String: (sha256: String, size: Int, crc: UInt32, method: UInt16, offset: Int, compressed: Int)] = [:]

    init?(url: URL) {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped), data.count >= 22 else { return nil }
        self.data = data
        let bytes = [UInt8](data.suffix(min(data.count, 65_557)))
        guard let end = bytes.indices.reversed().first(where: { bytes[$0...].starts(with: [0x50, 0x4B, 0x05, 0x06]) }) else { return nil }
        let eocd = data.count - bytes.count + end
        var count = Int(read16(eocd + 10)), offset = Int(read32(eocd + 16))
        if count == 0xFFFF || offset == 0xFFFF_FFFF {
            // Zip64: the locator sits just before the end record and points at the zip64 end record.
            guard eocd >= 20, read32(eocd - 20) == 0x0706_4B50 else { return nil }
            let record = Int(read64(eocd - 12))
            guard record + 56 <= data.count, read32(record) == 0x0606_4B50 else { return nil }
            count = Int(read64(record + 32))
            offset = Int(read64(record + 48))
        }
        var manifest: (offset: Int, compressed: Int, size: Int, method: UInt16)?
        var found: [String: (crc: UInt32, method: UInt16, offset: Int, compressed: Int)] = [:]
        var position = offset
        for _ in 0..<count {
            guard position + 46 <= data.count, read32(position) == 0x0201_4B50 else { return nil }
            let method = read16(position + 10), crc = read32(position + 16)
            let compressed = Int(read32(position + 20)), size = Int(read32(position + 24))
            let nameLength = Int(read16(position + 28)), extraLength = Int(read16(position + 30)), commentLength = Int(read16(position + 32))
            var local = Int(read32(position + 42))
            if local == 0xFFFF_FFFF, extraLength >= 12 { local = Int(read64(position + 46 + nameLength + 4)) }
            guard position + 46 + nameLength <= data.count else { return nil }
            let name = String(decoding: data[(data.startIndex + position + 46)..<(data.startIndex + position + 46 + nameLength)], as: UTF8.self)
            guard local + 30 <= data.count else { return nil }
            let start = local + 30 + Int(read16(local + 26)) + Int(read16(local + 28))
            guard start + compressed <= data.count else { return nil }
            if name == "MANIFEST.txt" { manifest = (start, compressed, size, method) }
            found[name] = (crc, method, start, compressed)
            position += 46 + nameLength + extraLength + commentLength
        }
        guard let manifest else { return nil }
        let raw = data.subdata(in: (data.startIndex + manifest.offset)..<(data.startIndex + manifest.offset + manifest.compressed))
        guard let text = manifest.method == 0 ? raw : ZipWriter.inflate(raw, size: manifest.size) else { return nil }
        // MANIFEST.txt lines: "<sha256>  <size>  <path>".
        for line in String(decoding: text, as: UTF8.self).split(separator: "\n") {
            let sha = line.prefix(64)
            let size = line.dropFirst(64).drop { $0 == " " }
            let digits = size.prefix { $0.isNumber }
            guard sha.count == 64, !digits.isEmpty, size.dropFirst(digits.count).hasPrefix("  ") else { continue }
            let path = String(size.dropFirst(digits.count + 2))
            guard let entry = found[path], let bytes = Int(digits) else { continue }
            entries[path] = (String(sha), bytes, entry.crc, entry.method, entry.offset, entry.compressed)
        }
    }

    /// The entry's stored bytes, if the old zip holds exactly these contents under this name
    /// (or, with no digest given, whatever it holds under this name).
    func entry(_ path: String, sha256: String? = nil) -> Stored? {
        guard let entry = entries[path], sha256 == nil || entry.sha256 == sha256 else { return nil }
        let start = data.startIndex + entry.offset
        return Stored(sha256: entry.sha256, size: entry.size, crc: entry.crc, method: entry.method,
                      stored: data.subdata(in: start..<(start + entry.compressed)))
    }

    private func read16(_ at: Int) -> UInt16 { UInt16(byte(at)) | UInt16(byte(at + 1)) << 8 }
    private func read32(_ at: Int) -> UInt32 { UInt32(read16(at)) | UInt32(read16(at + 2)) << 16 }
    private func read64(_ at: Int) -> UInt64 { UInt64(read32(at)) | UInt64(read32(at + 4)) << 32 }
    private func byte(_ at: Int) -> UInt8 { data[data.startIndex + at] }
}

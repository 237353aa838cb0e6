import CDeflate
import CLibdeflate
import Foundation

/// Writes a zip that is the same bytes for the same files: entries in byte order of their
/// paths, one fixed date, fixed permissions, and a MANIFEST.txt of sizes and SHA-256.
///
/// One streaming pass: entries are read, compressed and hashed a batch at a time on every
/// core and appended to the file, so a whole-site zip of 50,000 pages never holds more than a
/// batch in memory (a zip library that re-reads its central directory per entry made this
/// quadratic). Zip64 records are added only when the entry count or offsets need them.
///
/// An entry the last build's zip holds with the same bytes is not compressed again: a local
/// header holds no offset, so its header and data are copied as they are, a run of such entries
/// as one byte range (a one-page edit leaves the whole-site zip's 20,000 entries in a few runs),
/// and only its central directory record is written anew.
enum ZipWriter {
    struct Entry: Sendable {
        let path: String
        /// Known to be what the previous zip holds under this name: copied without being read.
        var unchanged = false
        /// Read when the entry is written; nil leaves the entry out.
        let contents: @Sendable () -> Data?
        /// The entry compressed ahead (`prepare`), waited for when the entry is written; used
        /// only if compressed at the zip's level, else `contents` is read as usual.
        var prepared: (@Sendable () -> Prepared?)? = nil

        init(path: String, unchanged: Bool = false, prepared: (@Sendable () -> Prepared?)? = nil, contents: @escaping @Sendable () -> Data?) {
            (self.path, self.unchanged, self.prepared, self.contents) = (path, unchanged, prepared, contents)
        }
    }

    /// An entry compressed before its zip is written, exactly as `write` at `level` would
    /// compress it: a file known early (the search index's changed part, after one edit) is
    /// deflated on a core that is free then instead of on the zip's critical path.
    struct Prepared: Sendable {
        fileprivate let compressed: Compressed
        let level: Int32
    }

    static func prepare(_ path: String, data: Data, level: Int32) throws -> Prepared {
        Prepared(compressed: try Compressed(path: path, data: data, sha256: Digest.sha256(data), deflater: Deflater(level: level)), level: level)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes the zip; returns how many files it holds (MANIFEST.txt included). `level`:
    /// libdeflate's, 1 (fastest) to 12; 6 is what zip tools use.
    @discardableResult
    static func write(_ entries: [Entry], to url: URL, date: Date, level: Int32 = 6, reusing previous: PreviousZip? = nil) throws -> Int {
        FileTree.makeFolder(holding: url.path)
        let file = try AppendingFile(creating: url)
        let (time, day) = dosDateTime(date)
        // Callers mostly pass entries in order already (the site's zip: 20,000 of them), and
        // checking that is one comparison per entry.
        let inOrder = zip(entries, entries.dropFirst()).allSatisfy { $0.path.precedesBytewise($1.path) }
        let sorted = inOrder ? entries : entries.sorted { $0.path.precedesBytewise($1.path) }
        var central: [UInt8] = []
        var offset: UInt64 = 0
        var count: UInt64 = 0
        var manifest: [UInt8] = []
        // Bytes of the previous zip that come next in this one, copied in one go when the run ends.
        var copying: Range<Int>?

        func copyPending() throws {
            if let range = copying, let previous { try file.append(range, of: previous.file) }
            copying = nil
        }
        func append(_ entry: Compressed) throws {
            entry.header(local: false, time: time, day: day, offset: offset, into: &central)
            // A local header is a fixed 30 bytes and the name: made only when it is written.
            func local() -> [UInt8] {
                var local: [UInt8] = []
                entry.header(local: true, time: time, day: day, offset: offset, into: &local)
                return local
            }
            switch entry.stored {
            case let .bytes(data, sha256):
                try copyPending()
                try file.append(local())
                try file.append(data)
                manifest += entry.manifestLine(sha256: sha256)
            case let .previous(old, line):
                // A local header holds no offset: the old one is this one unless the entry moved across 4 GB.
                var range = old.local..<old.end
                if needsZip64(UInt64(old.local)) != needsZip64(offset) {
                    try copyPending()
                    let header = local()
                    try file.append(header)
                    range = (old.local + header.count)..<old.end
                }
                if let run = copying, run.upperBound == range.lowerBound {
                    copying = run.lowerBound..<range.upperBound
                } else {
                    try copyPending()
                    copying = range
                }
                manifest += line
            }
            offset += UInt64(30 + entry.path.utf8.count + entry.storedCount)
            count += 1
        }
        /// The previous zip's copy of an entry, if its local header is what this zip would give it there.
        @Sendable func reused(_ path: String, sha256: String? = nil) -> Compressed? {
            guard let previous, let old = previous.entry(path, sha256: sha256) else { return nil }
            let entry = Compressed(path: path, reusing: old, line: previous.line(of: old))
            var header: [UInt8] = []
            entry.header(local: true, time: time, day: day, offset: UInt64(old.local), into: &header)
            return previous.holds(old, header: header) ? entry : nil
        }
        // A batch is held read and compressed at once: small enough for parts of the search index.
        let batch = 64
        // The last zip's copies of the entries known unchanged are found on every core at once,
        // and taken below one by one: sent to the cores a batch at a time, as entries to compress
        // are, the whole-site zip of a rebuild after one edit cost more in waking threads than in work.
        let kept = previous == nil ? nil : sorted.concurrentMap { $0.unchanged ? reused($0.path) : nil }
        var start = 0
        while start < sorted.count {
            if let old = kept?[start] {
                try append(old)
                start += 1
                continue
            }
            // A batch's entries are taken by the cores one at a time, each core with a compressor
            // of its own. Cut into one run per core, the batch holding the search index's parts
            // (1.4 MB each) kept one core busy while the other waited.
            let end = min(start + batch, sorted.count)
            defer { start = end }
            let compressed = Array(sorted[start..<end]).concurrentMap(workerState: { _ in Deflater(level: level) }) {
                deflater, entry -> Result<Compressed?, Failure> in
                if entry.unchanged, let old = reused(entry.path) { return .success(old) }
                if let ready = entry.prepared?(), ready.level == level, ready.compressed.path == entry.path { return .success(ready.compressed) }
                guard let data = entry.contents() else { return .success(nil) }
                // The same bytes under the same name in the last build's zip: copy them compressed.
                let sha256 = Digest.sha256(data)
                if let old = reused(entry.path, sha256: sha256), old.size == data.count { return .success(old) }
                return Result { try Compressed(path: entry.path, data: data, sha256: sha256, deflater: deflater) }
                    .mapError { $0 as? Failure ?? Failure(description: "\($0)") }
            }
            for result in compressed {
                guard let entry = try result.get() else { continue }
                try append(entry)
            }
        }
        let manifestData = Data(manifest)
        try append(try Compressed(path: "MANIFEST.txt", data: manifestData, sha256: Digest.sha256(manifestData), deflater: Deflater(level: level)))
        try copyPending()
        try file.append(central)
        try file.append(endRecords(count: count, centralSize: UInt64(central.count), centralOffset: offset))
        try file.close()
        return Int(count)
    }

    /// Offsets from 4 GB on are written in a zip64 extra field, and entries there need version 4.5.
    private static func needsZip64(_ offset: UInt64) -> Bool { offset >= 0xFFFF_FFFF }

    /// One entry, compressed (or stored, when deflate does not make it smaller: PDFs, PNGs), or
    /// where the last build's zip holds it.
    fileprivate struct Compressed: Sendable {
        enum Stored: Sendable {
            case bytes(Data, sha256: String)
            /// Its local header, name and stored bytes, and its MANIFEST.txt line.
            case previous(PreviousZip.Stored, line: ArraySlice<UInt8>)
        }

        let path: String
        let size: Int
        let crc: UInt32
        let method: UInt16
        let storedCount: Int
        let stored: Stored

        init(path: String, data: Data, sha256: String, deflater: Deflater) throws {
            guard data.count < 0xFFFF_FFFF else { throw Failure(description: "\(path) is over 4 GB") }
            self.path = path
            size = data.count
            crc = data.withUnsafeBytes { libdeflate_crc32(0, $0.baseAddress, $0.count) }
            let deflated = try deflater.deflate(data)
            (method, stored, storedCount) = deflated.count < data.count ? (8, .bytes(deflated, sha256: sha256), deflated.count)
                : (0, .bytes(data, sha256: sha256), data.count)
        }

        init(path: String, reusing old: PreviousZip.Stored, line: ArraySlice<UInt8>) {
            self.path = path
            (size, crc, method, storedCount) = (old.size, old.crc, old.method, old.compressed)
            stored = .previous(old, line: line)
        }

        /// "<sha256>  <size, at least 9 wide>  <path>".
        func manifestLine(sha256: String) -> [UInt8] {
            let size = String(size)
            return Array("\(sha256)  \(String(repeating: " ", count: max(0, 9 - size.count)))\(size)  \(path)\n".utf8)
        }

        func header(local: Bool, time: UInt16, day: UInt16, offset: UInt64, into out: inout [UInt8]) {
            let name = path.utf8
            let needs64 = ZipWriter.needsZip64(offset)
            out.append(le: local ? UInt32(0x0403_4B50) : UInt32(0x0201_4B50))
            if !local { out.append(le: UInt16(0x0314)) }           // made by: Unix, zip 2.0
            out.append(le: UInt16(needs64 ? 45 : 20))                // version needed
            out.append(le: UInt16(0x0800))                           // names are UTF-8
            out.append(le: method)
            out.append(le: time)
            out.append(le: day)
            out.append(le: crc)
            out.append(le: UInt32(storedCount))
            out.append(le: UInt32(size))
            out.append(le: UInt16(name.count))
            let zip64 = needs64 && !local
            out.append(le: UInt16(zip64 ? 12 : 0))                   // extra field
            if !local {
                out.append(le: UInt16(0))                            // comment
                out.append(le: UInt16(0))                            // disk
                out.append(le: UInt16(0))                            // internal attributes
                out.append(le: UInt32(0o100644) << 16)               // a regular file, rw-r--r--
                out.append(le: UInt32(needs64 ? 0xFFFF_FFFF : offset))
            }
            out.append(contentsOf: name)
            if zip64 {                                               // the offset, in a zip64 extra field
                out.append(le: UInt16(0x0001))
                out.append(le: UInt16(8))
                out.append(le: offset)
            }
        }
    }

    /// The end of central directory record, preceded by the zip64 ones when counts or offsets overflow.
    private static func endRecords(count: UInt64, centralSize: UInt64, centralOffset: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        let needs64 = count >= 0xFFFF || centralOffset >= 0xFFFF_FFFF || centralSize >= 0xFFFF_FFFF
        if needs64 {
            let recordOffset = centralOffset + centralSize
            out.append(le: UInt32(0x0606_4B50))
            out.append(le: UInt64(44))
            out.append(le: UInt16(0x032D))
            out.append(le: UInt16(45))
            out.append(le: UInt32(0))
            out.append(le: UInt32(0))
            out.append(le: count)
            out.append(le: count)
            out.append(le: centralSize)
            out.append(le: centralOffset)
            out.append(le: UInt32(0x0706_4B50))
            out.append(le: UInt32(0))
            out.append(le: recordOffset)
            out.append(le: UInt32(1))
        }
        out.append(le: UInt32(0x0605_4B50))
        out.append(le: UInt16(0))
        out.append(le: UInt16(0))
        out.append(le: UInt16(min(count, 0xFFFF)))
        out.append(le: UInt16(min(count, 0xFFFF)))
        out.append(le: UInt32(min(centralSize, 0xFFFF_FFFF)))
        out.append(le: UInt32(min(centralOffset, 0xFFFF_FFFF)))
        out.append(le: UInt16(0))
        return out
    }

    /// Raw deflate (no zlib header) by libdeflate, which compresses a whole buffer at once: at
    /// level 6, as zip tools use, 2.3 times as fast as zlib on the pages of a site for 1 % fewer
    /// bytes; at level 1, twice as fast again for 9 % more. One per core, as its tables take a
    /// while to set up.
    final class Deflater {
        private let compressor: OpaquePointer

        init(level: Int32 = 6) {
            guard let compressor = libdeflate_alloc_compressor(level) else { fatalError("libdeflate could not allocate a compressor") }
            self.compressor = compressor
        }

        deinit { libdeflate_free_compressor(compressor) }

        /// A big entry goes in pieces on every core (`ZipWriter.deflate`); libdeflate cannot
        /// end a stream with a sync flush, which concatenating pieces needs.
        func deflate(_ data: Data) throws -> Data {
            guard data.count <= 2 * ZipWriter.piece else { return try ZipWriter.deflate(data) }
            var out = Data(count: libdeflate_deflate_compress_bound(compressor, data.count))
            let written = data.withUnsafeBytes { input in
                out.withUnsafeMutableBytes { output in
                    libdeflate_deflate_compress(compressor, input.baseAddress, input.count, output.baseAddress, output.count)
                }
            }
            guard written > 0 || data.isEmpty else { throw Failure(description: "libdeflate failed") }
            out.count = written
            return out
        }
    }

    static let piece = 1 << 20

    /// Raw deflate by zlib. A big entry (the search index of a big site: 80 MB at 10,000 pages,
    /// most of a rebuild's time) is compressed at level 1, four times as fast for a third more
    /// bytes, in 1 MB pieces on every core, each primed with the 32 KB before it and ended with
    /// a sync flush, which makes their concatenation one valid stream (as pigz does).
    static func deflate(_ data: Data) throws -> Data {
        guard data.count > 2 * piece else { return try deflatePiece(data, dictionary: Data(), last: true, level: 6) }
        let starts = Array(stride(from: 0, to: data.count, by: piece))
        let parts = starts.concurrentMap { start -> Result<Data, Failure> in
            let end = min(start + piece, data.count)
            let base = data.startIndex
            return Result {
                try deflatePiece(data.subdata(in: (base + start)..<(base + end)),
                                 dictionary: data.subdata(in: (base + max(0, start - 32_768))..<(base + start)),
                                 last: end == data.count, level: 1)
            }.mapError { $0 as? Failure ?? Failure(description: "\($0)") }
        }
        var out = Data()
        for part in parts { out += try part.get() }
        return out
    }

    private static func deflatePiece(_ data: Data, dictionary: Data, last: Bool, level: Int32) throws -> Data {
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw Failure(description: "zlib would not start") }
        defer { deflateEnd(&stream) }
        if !dictionary.isEmpty {
            _ = dictionary.withUnsafeBytes { deflateSetDictionary(&stream, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count)) }
        }
        // deflateBound covers Z_FINISH; a sync flush adds at most a few bytes more.
        var out = Data(count: Int(deflateBound(&stream, uLong(data.count))) + 64)
        let status = pump(&stream, from: data, into: &out) { CDeflate.deflate($0, last ? Z_FINISH : Z_SYNC_FLUSH) }
        guard status == (last ? Z_STREAM_END : Z_OK), stream.avail_in == 0 else { throw Failure(description: "zlib failed (\(status))") }
        out.count = Int(stream.total_out)
        return out
    }

    /// Raw inflate of a stored entry whose size is known.
    static func inflate(_ data: Data, size: Int) -> Data? {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var out = Data(count: size)
        let status = pump(&stream, from: data, into: &out) { CDeflate.inflate($0, Z_FINISH) }
        return status == Z_STREAM_END && Int(stream.total_out) == size ? out : nil
    }

    /// Points the stream at the whole input and output and makes one zlib call over them.
    private static func pump(_ stream: inout z_stream, from input: Data, into output: inout Data,
                             _ call: (UnsafeMutablePointer<z_stream>) -> Int32) -> Int32 {
        input.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { output in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = output.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(output.count)
                return call(&stream)
            }
        }
    }

    /// MS-DOS time and date fields, in UTC so the bytes do not depend on the machine's zone.
    private static func dosDateTime(_ date: Date) -> (UInt16, UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let time = UInt16(c.hour! << 11 | c.minute! << 5 | c.second! / 2)
        let day = UInt16(max(c.year! - 1980, 0) << 9 | c.month! << 5 | c.day!)
        return (time, day)
    }
}

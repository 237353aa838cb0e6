import Foundation
import VietText

/// The few facts Bantin needs from a PDF Chromium wrote, and the one change it makes.
enum PDFFile {
    /// Pages, from the page-tree objects (`/Type /Page`, not `/Pages`).
    static func pageCount(_ data: Data) -> Int {
        let bytes = [UInt8](data)
        let needle = Array("/Type /Page".utf8), compact = Array("/Type/Page".utf8)
        var count = 0
        var index = 0
        while index < bytes.count {
            for pattern in [needle, compact] where index + pattern.count < bytes.count
                && bytes[index] == pattern[0] && Array(bytes[index..<index + pattern.count]) == pattern
                && bytes[index + pattern.count] != UInt8(ascii: "s") {
                count += 1
            }
            index += 1
        }
        return count
    }

    /// Chromium stamps the wall-clock time into /CreationDate and /ModDate; the build's own date
    /// goes there instead, written in the same number of bytes so the cross-reference table stays valid.
    static func stampDates(_ data: Data, date: VietDate) -> Data {
        var bytes = [UInt8](data)
        let stamp = Array(String(format: "D:%04d%02d%02d000000", date.year, date.month, date.day).utf8)
        for key in ["/CreationDate (", "/ModDate ("] {
            let pattern = Array(key.utf8)
            var index = 0
            while let found = firstIndex(of: pattern, in: bytes, from: index) {
                let start = found + pattern.count
                guard let end = bytes[start...].firstIndex(of: UInt8(ascii: ")")) else { break }
                let length = end - start
                var replacement = stamp
                if replacement.count < length {
                    // Keep the zone part Chromium wrote ("+00'00'") so the length matches.
                    replacement += Array(bytes[(start + stamp.count)..<end])
                }
                if replacement.count == length { bytes.replaceSubrange(start..<end, with: replacement) }
                index = end
            }
        }
        return Data(bytes)
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard pattern.count <= bytes.count else { return nil }
        var index = start
        while index <= bytes.count - pattern.count {
            if bytes[index] == pattern[0], Array(bytes[index..<index + pattern.count]) == pattern { return index }
            index += 1
        }
        return nil
    }
}

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

    /// Chromium tags each structure element with its DOM node's number (`/ID (node00002826)`, and
    /// table cells name their headers by it: `/Headers [(node00004913)]`),
    /// which counts every node the browser made since it started: the same page printed after
    /// other pages gets other numbers. The numbers are replaced, in the same order and width, by
    /// 1, 2, 3…, so a PDF is the same bytes whichever pages were printed before it (which the
    /// build cache needs: it prints only what changed). Same width keeps every offset valid.
    static func normalizeNodeIDs(_ data: Data) -> Data {
        var bytes = [UInt8](data)
        let pattern = Array("(node".utf8)
        var found: [(range: Range<Int>, number: Int)] = []
        var index = 0
        while let start = firstIndex(of: pattern, in: bytes, from: index) {
            let digits = start + pattern.count
            let end = bytes[digits...].firstIndex { !(0x30...0x39).contains($0) } ?? bytes.count
            if end > digits, end < bytes.count, bytes[end] == UInt8(ascii: ")"),
               let number = Int(String(decoding: bytes[digits..<end], as: UTF8.self)) {
                found.append((digits..<end, number))
            }
            index = end
        }
        let order = Dictionary(Set(found.map(\.number)).sorted().enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        for (range, number) in found {
            let text = Array(String(order[number]!).utf8)
            guard text.count <= range.count else { continue }
            bytes.replaceSubrange(range, with: Array(repeating: UInt8(ascii: "0"), count: range.count - text.count) + text)
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

    /// The page (1-based) of each named destination: Chromium names one after every element id a
    /// link points at (`/Dests` of the catalog: `/bai-2 [18 0 R /XYZ 0 790 0]`).
    static func destinations(_ data: Data) -> [String: Int] {
        let text = String(decoding: data, as: UTF8.self)
        // Objects by number (Chromium writes no object streams).
        var objects: [Int: String] = [:]
        let objectPattern = try! NSRegularExpression(pattern: #"(?m)^(\d+) 0 obj\n(.*?)\nendobj"#, options: [.dotMatchesLineSeparators])
        let ns = text as NSString
        for match in objectPattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            objects[Int(ns.substring(with: match.range(at: 1)))!] = ns.substring(with: match.range(at: 2))
        }
        func firstMatch(_ pattern: String, in body: String) -> [String]? {
            let regex = try! NSRegularExpression(pattern: pattern)
            guard let match = regex.firstMatch(in: body, range: NSRange(body.startIndex..., in: body)) else { return nil }
            return (1..<match.numberOfRanges).map { (body as NSString).substring(with: match.range(at: $0)) }
        }
        // Page objects in order, from the page tree (flat in Chromium's output; nested trees are followed).
        func pages(of object: Int) -> [Int] {
            guard let body = objects[object] else { return [] }
            guard body.contains("/Type /Pages"), let kids = firstMatch(#"/Kids \[([^\]]*)\]"#, in: body)?.first else { return [object] }
            return kids.split(separator: " ").enumerated().filter { $0.offset % 3 == 0 }.compactMap { Int($0.element) }.flatMap(pages(of:))
        }
        guard let catalog = objects.values.first(where: { $0.contains("/Type /Catalog") }),
              let pagesRoot = firstMatch(#"/Pages (\d+) 0 R"#, in: catalog).flatMap({ Int($0[0]) }),
              let destsObject = firstMatch(#"/Dests (\d+) 0 R"#, in: catalog).flatMap({ Int($0[0]) }),
              let dests = objects[destsObject] else { return [:] }
        let order = Dictionary(uniqueKeysWithValues: pages(of: pagesRoot).enumerated().map { ($1, $0 + 1) })
        let entryPattern = try! NSRegularExpression(pattern: #"/([^\s/\[\]<>()]+)\s*\[(\d+) 0 R"#)
        var found: [String: Int] = [:]
        for match in entryPattern.matches(in: dests, range: NSRange(dests.startIndex..., in: dests)) {
            let name = (dests as NSString).substring(with: match.range(at: 1))
            if let page = order[Int((dests as NSString).substring(with: match.range(at: 2)))!] {
                // A PDF name writes other bytes as #xx (and `%` itself as #25).
                found[name.replacingOccurrences(of: "#", with: "%").removingPercentEncoding ?? name] = page
            }
        }
        return found
    }
}

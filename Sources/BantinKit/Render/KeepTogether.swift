import Foundation

/// Keeps a document's number ("Số: 246/CV-VHXXH", "57-CT/TW", "30/2020/NĐ-CP") and a date written
/// out ("ngày 25 tháng 3 năm 2026") on one line: in the text of a rendered page each is wrapped in
/// `<span class="nowrap">` — never inside a tag, a title, a script, a style, an SVG or a span that
/// already keeps its text together.
enum KeepTogether {
    nonisolated(unsafe) static let pattern = try! NSRegularExpression(pattern:
        #"(?<![\p{L}\p{N}])(?:(?:Số:\s+)?\d+(?:/\d+)*[/-]\p{Lu}[\p{Lu}\d]*(?:[-/.][\p{Lu}\d]+)*|(?:[Nn]gày\s+)?\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})(?![\p{L}\p{N}])"#)
    private static let rawText: Set<String> = ["script", "style", "title", "textarea", "svg"]

    static func html(_ page: String) -> String {
        // Scanned as UTF-8 bytes: tags are ASCII, and a page is mostly text the pattern cannot match.
        let bytes = Array(page.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1024)
        var skipping: [String] = []     // open raw-text elements
        var spans: [Bool] = []          // open spans: does it keep its text together?
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            wrap(bytes[index..<open], active: skipping.isEmpty && !spans.contains(true), into: &out)
            guard let close = bytes[open...].firstIndex(of: UInt8(ascii: ">")) else {
                out += bytes[open...]
                return String(decoding: out, as: UTF8.self)
            }
            let tag = bytes[open...close]
            out += tag
            index = close + 1
            let closing = bytes[open + 1] == UInt8(ascii: "/")
            let name = String(decoding: tag.dropFirst(closing ? 2 : 1).prefix { HTMLTags.isLetter($0) || HTMLTags.isDigit($0) }, as: UTF8.self).lowercased()
            if rawText.contains(name) {
                if closing { if let i = skipping.lastIndex(of: name) { skipping.remove(at: i) } }
                else if tag.suffix(2) != [UInt8(ascii: "/"), UInt8(ascii: ">")] { skipping.append(name) }
            } else if name == "span" {
                if closing { _ = spans.popLast() } else { spans.append(contains(tag, #"class="nowrap""#)) }
            }
        }
        wrap(bytes[index...], active: skipping.isEmpty && !spans.contains(true), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func contains(_ bytes: ArraySlice<UInt8>, _ needle: String) -> Bool {
        let needle = Array(needle.utf8)
        guard needle.count <= bytes.count else { return false }
        return (bytes.startIndex...(bytes.endIndex - needle.count)).contains { bytes[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    /// Text the pattern can match has a digit right before "/" or "-" (a number) or "tháng" (a date).
    private static func mayMatch(_ text: ArraySlice<UInt8>) -> Bool {
        var previousIsDigit = false
        for byte in text {
            if previousIsDigit, byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-") { return true }
            previousIsDigit = (0x30...0x39).contains(byte)
        }
        return contains(text, "tháng")
    }

    private static func wrap(_ text: ArraySlice<UInt8>, active: Bool, into out: inout [UInt8]) {
        guard active, mayMatch(text) else { out += text; return }
        let text = String(decoding: text, as: UTF8.self)
        let range = NSRange(text.startIndex..., in: text)
        out += pattern.stringByReplacingMatches(in: text, range: range, withTemplate: #"<span class="nowrap">$0</span>"#).utf8
    }
}

import Foundation

/// Keeps a document's number ("Số: 246/CV-VHXXH", "57-CT/TW", "30/2020/NĐ-CP") and a date written
/// out ("ngày 25 tháng 3 năm 2026") on one line: in the text of a rendered page each is wrapped in
/// `<span class="nowrap">` — never inside a tag, a title, a script, a style, an SVG or a span that
/// already keeps its text together.
enum KeepTogether {
    /// Numbers and dates are written in ASCII digits (`[0-9]`, not `\d`, which takes any script's).
    static let pattern = try! NSRegularExpression(pattern:
        #"(?<![\p{L}\p{N}])(?:(?:Số:\s+)?[0-9]+(?:/[0-9]+)*[/-]\p{Lu}[\p{Lu}0-9]*(?:[-/.][\p{Lu}0-9]+)*|(?:[Nn]gày\s+)?[0-9]{1,2}\s+tháng\s+[0-9]{1,2}\s+năm\s+[0-9]{4})(?![\p{L}\p{N}])"#)
    private static let rawText = ["script", "style", "title", "textarea", "svg"].map { Array($0.utf8) }
    private static let span = Array("span".utf8)
    private static let nowrapClass = Array(#"class="nowrap""#.utf8)
    private static let thang = Array("tháng".utf8)

    /// The page's UTF-8 bytes, numbers and dates wrapped: what is written to disk, with no
    /// check of the whole page's UTF-8 again (only the texts that changed are re-encoded).
    static func bytes(_ page: [UInt8]) -> [UInt8] {
        // Scanned on the page's UTF-8 bytes: tags are ASCII, and a page is mostly text the
        // pattern cannot match, so most pages come back as they are, not copied at all.
        page.withUnsafeBufferPointer { bytes in
            var out: [UInt8]?                // made at the first text that changes
            var copied = 0                   // bytes of the page already in `out`
            var skipping: [Int] = []         // open raw-text elements (as indices into rawText)
            var spans: [Bool] = []           // open spans: does it keep its text together?
            var index = 0
            func text(_ range: Range<Int>) {
                guard skipping.isEmpty, !spans.contains(true), range.count > 2,
                      let wrapped = wrap(UnsafeBufferPointer(rebasing: bytes[range])) else { return }
                if out == nil { out = []; out!.reserveCapacity(bytes.count + 1024) }
                out! += bytes[copied..<range.lowerBound]
                out! += wrapped
                copied = range.upperBound
            }
            while let open = HTMLTags.find(UInt8(ascii: "<"), in: bytes, from: index) {
                text(index..<open)
                guard let close = HTMLTags.find(UInt8(ascii: ">"), in: bytes, from: open) else { index = bytes.count; break }
                index = close + 1
                let closing = bytes[open + 1] == UInt8(ascii: "/")
                let nameStart = open + (closing ? 2 : 1)
                let nameEnd = bytes[nameStart..<close].firstIndex { !HTMLTags.isLetter($0) && !HTMLTags.isDigit($0) } ?? close
                guard nameEnd > nameStart else { continue }
                let name = bytes[nameStart..<nameEnd]
                if let raw = rawText.firstIndex(where: { HTMLTags.isNamed(name, $0) }) {
                    if closing { if let i = skipping.lastIndex(of: raw) { skipping.remove(at: i) } }
                    else if bytes[close - 1] != UInt8(ascii: "/") { skipping.append(raw) }
                } else if HTMLTags.isNamed(name, span) {
                    if closing { _ = spans.popLast() } else { spans.append(UnsafeBufferPointer(rebasing: bytes[open...close]).firstIndex(ofBytes: nowrapClass) != nil) }
                }
            }
            text(index..<bytes.count)
            guard var out else { return page }
            out += bytes[copied...]
            return out
        }
    }

    /// Text the pattern can match has a number followed by "/" or "-" and a capital letter (any
    /// non-ASCII letter counts as possibly capital), or "tháng" between digits and spaces, as in
    /// "25 tháng 3"; "hằng tháng" is only words.
    private static func mayMatch(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let slash = UInt8(ascii: "/"), dash = UInt8(ascii: "-")
        var i = 0
        var digits = false
        while i < text.count {
            guard HTMLTags.isDigit(text[i]) else { i += 1; continue }
            digits = true
            var j = i
            while j < text.count, HTMLTags.isDigit(text[j]) || text[j] == slash { j += 1 }
            if j < text.count, text[j] == dash { j += 1 } else if text[j - 1] != slash { i = j; continue }
            if j < text.count, (0x41...0x5A).contains(text[j]) || text[j] >= 0xC3 { return true }
            i = j
        }
        // A date has digits around "tháng": most texts have none, and need no search for it.
        guard digits else { return false }
        var start = 0
        while let found = UnsafeBufferPointer(rebasing: text[start...]).firstIndex(ofBytes: thang) {
            let at = start + found
            var before = at, after = at + thang.count
            while let space = spaceLength(in: text, endingAt: before) { before -= space }
            while let space = spaceLength(in: text, startingAt: after) { after += space }
            if before < at, after > at + thang.count, before > 0, HTMLTags.isDigit(text[before - 1]),
               after < text.count, HTMLTags.isDigit(text[after]) { return true }
            start = at + thang.count
        }
        return false
    }

    /// The white space of the pattern's `\s` (tab, newlines, form feed and the Unicode spaces, Z*) in UTF-8.
    private static let spaces: [[UInt8]] = [[0x09], [0x0A], [0x0B], [0x0C], [0x0D], [0x20], [0xC2, 0x85], [0xC2, 0xA0], [0xE1, 0x9A, 0x80]]
        + (0x80...0x8A).map { [0xE2, 0x80, $0] } + [[0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xA9], [0xE2, 0x80, 0xAF], [0xE2, 0x81, 0x9F], [0xE3, 0x80, 0x80]]

    private static func spaceLength(in text: UnsafeBufferPointer<UInt8>, startingAt index: Int) -> Int? {
        spaces.first { index + $0.count <= text.count && text[index..<(index + $0.count)].elementsEqual($0) }?.count
    }

    private static func spaceLength(in text: UnsafeBufferPointer<UInt8>, endingAt index: Int) -> Int? {
        spaces.first { index - $0.count >= 0 && text[(index - $0.count)..<index].elementsEqual($0) }?.count
    }

    /// The text with every match wrapped; nil when nothing matched. One pass of the pattern, its
    /// matches spliced in by hand.
    private static func wrap(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard mayMatch(text) else { return nil }
        let string = String(decoding: text, as: UTF8.self)
        let matches = pattern.matches(in: string, range: NSRange(string.startIndex..., in: string))
        guard !matches.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.count + matches.count * 32)
        var copied = string.startIndex
        for match in matches {
            guard let range = Range(match.range, in: string) else { continue }
            out += string.utf8[copied..<range.lowerBound]
            out += open
            out += string.utf8[range]
            out += close
            copied = range.upperBound
        }
        out += string.utf8[copied...]
        return out
    }

    private static let open = Array(#"<span class="nowrap">"#.utf8), close = Array("</span>".utf8)
}

import Foundation

/// The tags and quoted attributes of a page, found by one pass over its UTF-8 bytes.
/// Bundles and fragments re-point every link of every page; regular expressions over the
/// whole site were most of their cost. Bantin's pages quote every attribute with `"` and
/// escape `"` and `>` inside values, so a tag ends at the first `>`.
struct HTMLTags {
    struct Tag {
        let name: String       // lowercased: "a", "img", "figure"
        let closing: Bool
        let range: Range<Int>  // from `<` through `>`
    }

    struct Attribute {
        let tag: String
        let name: String       // "href", "class", "data-online"
        let value: String
        let range: Range<Int>  // from the space before the name through the closing quote
        let space: String      // that space, to keep when the attribute is replaced
    }

    let bytes: [UInt8]

    init(_ html: String) { bytes = Array(html.utf8) }
    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Every opening or closing tag (comments and doctypes are not tags here), in order; only
    /// those `wanted` accepts, when it is given, from the bytes of the tag's name (as written),
    /// whether it closes, and whether it is `bare` (`<name>` or `</name>`, nothing else): no
    /// string is made for the others, which are most of a page's tags.
    func forEachTag(where wanted: (_ name: ArraySlice<UInt8>, _ closing: Bool, _ bare: Bool) -> Bool = { _, _, _ in true },
                    _ body: (Tag) -> Void) {
        forEachTagRange { range, name, closing in
            guard wanted(bytes[name], closing, range.count == name.count + (closing ? 3 : 2)) else { return }
            body(Tag(name: tagName(name), closing: closing, range: range))
        }
    }

    /// Whether a tag's name, as written, is `lowercase` in any case (tag names are ASCII letters and digits).
    static func isNamed<Name: RandomAccessCollection<UInt8>>(_ name: Name, _ lowercase: [UInt8]) -> Bool where Name.Index == Int {
        // By index: a zip's iterator held (and released) the array at every tag of every page.
        guard name.count == lowercase.count else { return false }
        for offset in 0..<lowercase.count where name[name.startIndex + offset] | 0x20 != lowercase[offset] { return false }
        return true
    }

    /// The tags as byte ranges (the whole tag, its name): no string is made for a tag nobody asks about.
    private func forEachTagRange(_ body: (_ range: Range<Int>, _ name: Range<Int>, _ closing: Bool) -> Void) {
        bytes.withUnsafeBufferPointer { bytes in
            var index = 0
            while let open = Self.find(UInt8(ascii: "<"), in: bytes, from: index) {
                index = open + 1
                let closing = index < bytes.count && bytes[index] == UInt8(ascii: "/")
                let nameStart = closing ? index + 1 : index
                guard nameStart < bytes.count, Self.isLetter(bytes[nameStart]),
                      let close = Self.find(UInt8(ascii: ">"), in: bytes, from: nameStart) else { continue }
                var nameEnd = nameStart
                while nameEnd < close, Self.isLetter(bytes[nameEnd]) || Self.isDigit(bytes[nameEnd]) { nameEnd += 1 }
                body(open..<(close + 1), nameStart..<nameEnd, closing)
                index = close + 1
            }
        }
    }

    /// The index of the first `byte` at or after `start`, found by memchr: pages are mostly text
    /// between tags, scanned a vector at a time rather than a byte at a time.
    static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private func tagName(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self).lowercased() }

    /// The `name="value"` attributes of a tag; attributes without a quoted value are skipped.
    func attributes(of tag: Tag) -> [Attribute] {
        attributes(in: tag.range, tag: { tag.name }, keeping: { _, _ in true })
    }

    /// The attributes of the tag at `range` whose name and value bytes `keeping` accepts.
    private func attributes(in range: Range<Int>, tag: () -> String, keeping: (_ name: ArraySlice<UInt8>, _ value: ArraySlice<UInt8>) -> Bool) -> [Attribute] {
        var found: [Attribute] = []
        forEachAttribute(in: range, keeping: keeping) { found.append(attribute($0, tag: tag())) }
        return found
    }

    /// A quoted attribute as byte ranges: from the space before its name through the closing
    /// quote, its name and its value. No string is made until one is asked for.
    struct AttributeRange {
        let range: Range<Int>, name: Range<Int>, value: Range<Int>
    }

    private func forEachAttribute(in range: Range<Int>, keeping: (_ name: ArraySlice<UInt8>, _ value: ArraySlice<UInt8>) -> Bool,
                                  _ body: (AttributeRange) -> Void) {
        var position = range.lowerBound + 1
        let end = range.upperBound - 1
        while position < end {
            guard Self.isSpace(bytes[position]) else { position += 1; continue }
            let nameStart = position + 1
            var nameEnd = nameStart
            while nameEnd < end, Self.isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            guard nameEnd > nameStart, nameEnd + 1 < end, bytes[nameEnd] == UInt8(ascii: "="), bytes[nameEnd + 1] == UInt8(ascii: "\""),
                  let valueEnd = bytes[(nameEnd + 2)..<end].firstIndex(of: UInt8(ascii: "\"")) else { position = nameStart; continue }
            if keeping(bytes[nameStart..<nameEnd], bytes[(nameEnd + 2)..<valueEnd]) {
                body(AttributeRange(range: position..<(valueEnd + 1), name: nameStart..<nameEnd, value: (nameEnd + 2)..<valueEnd))
            }
            position = valueEnd + 1
        }
    }

    private func attribute(_ found: AttributeRange, tag: String) -> Attribute {
        Attribute(tag: tag, name: String(decoding: bytes[found.name], as: UTF8.self), value: String(decoding: bytes[found.value], as: UTF8.self),
                  range: found.range, space: String(UnicodeScalar(bytes[found.range.lowerBound])))
    }

    private static let href = Array("href".utf8), src = Array("src".utf8)

    /// The `href` and `src` values of the page, in order; only those whose value bytes `where`
    /// accepts, when it is given: no strings are made for the others.
    func links(where wanted: (ArraySlice<UInt8>) -> Bool = { _ in true }) -> [Attribute] {
        var links: [Attribute] = []
        forEachLink(where: wanted) { name, link in links.append(attribute(link, tag: tagName(name))) }
        return links
    }

    /// Every `href` and `src` whose value bytes `wanted` accepts, as ranges, with its tag's name.
    private func forEachLink(where wanted: (ArraySlice<UInt8>) -> Bool, _ body: (_ tagName: Range<Int>, AttributeRange) -> Void) {
        forEachTagRange { range, name, closing in
            guard !closing else { return }
            forEachAttribute(in: range, keeping: { ($0.elementsEqual(Self.href) || $0.elementsEqual(Self.src)) && wanted($1) }) {
                body(name, $0)
            }
        }
    }

    /// The page with each link `replace` returns text for replaced by that text (the whole
    /// ` name="value"`, space included); nil keeps the link as it is. Nil when every link was kept.
    /// Links whose value `mayChange` rejects are kept without being asked about. `keeps` is asked
    /// first, on the value's bytes, and a link it keeps costs no strings: in the whole-site
    /// bundle, where almost every link stays, making them was most of the rewriting.
    func rewriteLinks(where mayChange: (ArraySlice<UInt8>) -> Bool = { _ in true }, keeps: (ArraySlice<UInt8>) -> Bool = { _ in false },
                      _ replace: (Attribute) -> String?) -> [UInt8]? {
        var splice: Splice?
        forEachLink(where: mayChange) { name, link in
            guard !keeps(bytes[link.value]), let replacement = replace(attribute(link, tag: tagName(name))) else { return }
            if splice == nil { splice = Splice(bytes) }
            splice!.replace(link.range, with: replacement)
        }
        guard var splice else { return nil }
        return splice.resultBytes()
    }

    static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C }
    private static func isNameByte(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") }
}

/// A copy of some bytes with ranges replaced, front to back.
struct Splice {
    private let bytes: [UInt8]
    private var out: [UInt8] = []
    private var copied = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        out.reserveCapacity(bytes.count + 256)
    }

    /// Ranges must come in order and not overlap; one starting before the last end is ignored.
    mutating func replace(_ range: Range<Int>, with text: String) {
        guard range.lowerBound >= copied else { return }
        out += bytes[copied..<range.lowerBound]
        out += text.utf8
        copied = range.upperBound
    }

    mutating func resultBytes() -> [UInt8] {
        out += bytes[copied...]
        copied = bytes.count
        return out
    }
}

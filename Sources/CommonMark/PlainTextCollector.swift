import FastUTF8

/// Builds the document's text for search snippets and summaries: what a reader sees as
/// words, so raw HTML is skipped and image alt text is kept. Gathered as UTF-8 bytes, straight
/// from cmark's literals: a page has hundreds of text nodes, and a String for each was most of
/// the walk's time.
struct PlainTextCollector {
    private var text: [UInt8] = []        // the blocks so far, a newline between two
    private var current: [UInt8] = []
    private var firstTopLevelParagraph: String?
    private var firstAnyParagraph: String?

    var plainText: String { FastUTF8.string(decoding: text) }
    var firstParagraph: String { firstTopLevelParagraph ?? firstAnyParagraph ?? "" }

    mutating func beginInlineBlock() {
        current.removeAll(keepingCapacity: true)
    }

    mutating func appendInline(_ bytes: UnsafeBufferPointer<UInt8>) {
        current += bytes
    }

    mutating func appendInline(_ text: String) {
        current += text.utf8
    }

    mutating func appendLineBreak() {
        current.append(UInt8(ascii: "\n"))
    }

    /// Blocks are never empty, so a newline goes between each two.
    private mutating func appendBlock(_ bytes: some Collection<UInt8>) {
        if !text.isEmpty { text.append(UInt8(ascii: "\n")) }
        text += bytes
    }

    mutating func endParagraph(isTopLevel: Bool) {
        guard !current.isEmpty else { return }
        appendBlock(current)
        guard firstAnyParagraph == nil || (isTopLevel && firstTopLevelParagraph == nil) else { return }
        let paragraph = FastUTF8.string(decoding: current)
        if firstAnyParagraph == nil { firstAnyParagraph = paragraph }
        if isTopLevel, firstTopLevelParagraph == nil { firstTopLevelParagraph = paragraph }
    }

    /// Returns the heading's text on one line: a setext heading's hard break is not a
    /// line break anyone wants in a table of contents or a slug.
    mutating func endHeading() -> String {
        let text = FastUTF8.string(decoding: current).replacingNewlines()
        if !text.isEmpty { appendBlock(text.utf8) }
        return text
    }

    mutating func appendCodeBlock(_ literal: String) {
        var literal = Substring(literal)
        while let last = literal.last, last.isNewline { literal = literal.dropLast() }
        if !literal.isEmpty { appendBlock(literal.utf8) }
    }
}

private extension String {
    func replacingNewlines() -> String {
        // Every Character that isNewline has a byte 0x0A–0x0D, or starts with 0xC2 (U+0085) or
        // 0xE2 (U+2028, U+2029): text without them is returned as it is.
        guard utf8.contains(where: { (0x0A...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE2 }) else { return self }
        return String(map { $0.isNewline ? " " : $0 })
    }
}

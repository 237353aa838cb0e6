/// Builds the document's text for search snippets and summaries: what a reader sees as
/// words, so raw HTML is skipped and image alt text is kept.
struct PlainTextCollector {
    private var blocks: [String] = []
    private var current = ""
    private var firstTopLevelParagraph: String?
    private var firstAnyParagraph: String?

    var plainText: String { blocks.joined(separator: "\n") }
    var firstParagraph: String { firstTopLevelParagraph ?? firstAnyParagraph ?? "" }

    mutating func beginInlineBlock() {
        current = ""
    }

    mutating func appendInline(_ text: String) {
        current += text
    }

    mutating func appendLineBreak() {
        current += "\n"
    }

    mutating func endParagraph(isTopLevel: Bool) {
        guard !current.isEmpty else { return }
        blocks.append(current)
        if firstAnyParagraph == nil { firstAnyParagraph = current }
        if isTopLevel, firstTopLevelParagraph == nil { firstTopLevelParagraph = current }
    }

    /// Returns the heading's text on one line: a setext heading's hard break is not a
    /// line break anyone wants in a table of contents or a slug.
    mutating func endHeading() -> String {
        let text = current.replacingNewlines()
        if !text.isEmpty { blocks.append(text) }
        return text
    }

    mutating func appendCodeBlock(_ literal: String) {
        var literal = Substring(literal)
        while let last = literal.last, last.isNewline { literal = literal.dropLast() }
        if !literal.isEmpty { blocks.append(String(literal)) }
    }
}

private extension String {
    func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}

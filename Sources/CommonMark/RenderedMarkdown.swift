/// A position in the Markdown text handed to the renderer, 1-based.
///
/// Lines are exact. Columns are cmark's own: right for most inlines, but cmark
/// counts them after stripping the leading indentation of paragraph continuation
/// lines, and gets autolinks wrong, so use them as a hint only.
public struct SourceLocation: Sendable, Hashable {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// One heading of the document, in document order, for building a table of contents.
public struct Heading: Sendable, Hashable {
    public let level: Int
    /// The heading's text without markup, as given to the slug function.
    public let text: String
    /// The unique id written into the HTML anchor.
    public let id: String

    public init(level: Int, text: String, id: String) {
        self.level = level
        self.text = text
        self.id = id
    }
}

public struct RenderedMarkdown: Sendable, Hashable {
    /// The HTML's UTF-8 bytes as cmark wrote them, for a page that copies them in as they are.
    public let htmlUTF8: [UInt8]
    /// The HTML as a String, made anew at each use.
    public var html: String { String(decoding: htmlUTF8, as: UTF8.self) }
    public let headings: [Heading]
    /// Text of every paragraph, heading and code block, one block per line; raw HTML
    /// and data blocks replaced by the callback are left out.
    public let plainText: String
    /// The first top-level paragraph (or, failing that, the first nested one), or "".
    public let firstParagraph: String

    public init(html: String, headings: [Heading], plainText: String, firstParagraph: String) {
        self.init(htmlUTF8: Array(html.utf8), headings: headings, plainText: plainText, firstParagraph: firstParagraph)
    }

    public init(htmlUTF8: [UInt8], headings: [Heading], plainText: String, firstParagraph: String) {
        self.htmlUTF8 = htmlUTF8
        self.headings = headings
        self.plainText = plainText
        self.firstParagraph = firstParagraph
    }
}

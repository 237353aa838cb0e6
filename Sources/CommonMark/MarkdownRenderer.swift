import CCmark

/// Renders Markdown to HTML with heading anchors, link rewriting and data blocks.
public struct MarkdownRenderer: Sendable {
    public var options: MarkdownOptions

    public init(options: MarkdownOptions = .init()) {
        self.options = options
    }

    /// - Parameters:
    ///   - slug: turns a heading's plain text into an id; the renderer makes the ids unique.
    ///   - rewriteURL: sees every link and image destination, in document order, and returns
    ///     the URL to write. In safe mode a returned `javascript:` URL is still emptied.
    ///   - dataBlock: sees every `bantin` fenced block; HTML it returns replaces the block
    ///     **unescaped**, even in safe mode, so it must only come from trusted code.
    ///     Returning nil keeps the block as an ordinary code block; returning "" removes it.
    public func render(
        _ markdown: String,
        slug: (String) -> String,
        rewriteURL: (_ url: String, _ isImage: Bool, _ at: SourceLocation) -> String = { url, _, _ in url },
        dataBlock: (DataBlock) -> String? = { _ in nil }
    ) -> RenderedMarkdown {
        let flags = options.cmarkFlags
        let document = Cmark.parse(markdown, flags: flags)
        defer { cmark_node_free(document) }

        var walk = DocumentWalk()
        walk.run(document, rewriteURL: rewriteURL, dataBlock: dataBlock)

        // Structural edits wait until the walk is over: cmark's iterator may not
        // survive nodes being inserted or freed under it.
        var ids = HeadingIDAllocator()
        var headings: [Heading] = []
        headings.reserveCapacity(walk.headings.count)
        for found in walk.headings {
            let id = ids.claim(slug(found.text))
            headings.append(Heading(level: found.level, text: found.text, id: id))
            insertAnchor(id: id, into: found.node)
        }
        for replacement in walk.replacements {
            replace(replacement.codeBlock, withHTML: replacement.html)
        }

        return RenderedMarkdown(
            htmlUTF8: Cmark.renderHTML(document, flags: flags),
            headings: headings,
            plainText: walk.text.plainText,
            firstParagraph: walk.text.firstParagraph
        )
    }

    /// cmark has no attributes on headings, so the id travels on an empty anchor at the
    /// start of the heading. CUSTOM_INLINE output is written verbatim, hence the escaping.
    /// No `href`: it is a target, not a link (nothing to focus), and it must stay displayed,
    /// since a browser cannot scroll to an element without a box.
    private func insertAnchor(id: String, into heading: OpaquePointer) {
        guard let anchor = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return }
        let escaped = id.htmlEscaped
        _ = cmark_node_set_on_enter(anchor, "<a id=\"\(escaped)\" class=\"anchor\" aria-hidden=\"true\"></a>")
        _ = cmark_node_set_on_exit(anchor, "")
        if cmark_node_prepend_child(heading, anchor) == 0 { cmark_node_free(anchor) }
    }

    private func replace(_ codeBlock: OpaquePointer, withHTML html: String) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        _ = cmark_node_set_on_enter(block, html)
        _ = cmark_node_set_on_exit(block, "")
        guard cmark_node_insert_before(codeBlock, block) != 0 else {
            cmark_node_free(block)
            return
        }
        cmark_node_free(codeBlock)  // also unlinks it
    }
}

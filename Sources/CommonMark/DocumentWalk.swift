import CCmark

/// One pass over the parsed document that gathers everything the renderer needs and
/// calls the caller's callbacks in document order, without changing the tree's shape.
struct DocumentWalk {
    struct FoundHeading {
        let node: OpaquePointer
        let level: Int
        let text: String
    }

    struct Replacement {
        let codeBlock: OpaquePointer
        let html: String
    }

    private(set) var headings: [FoundHeading] = []
    private(set) var replacements: [Replacement] = []
    private(set) var text = PlainTextCollector()

    mutating func run(
        _ document: OpaquePointer,
        rewriteURL: (String, Bool, SourceLocation) -> String,
        dataBlock: (DataBlock) -> String?
    ) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }

        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER

            switch type {
            case CMARK_NODE_PARAGRAPH:
                if entering {
                    text.beginInlineBlock()
                } else {
                    let isTopLevel = cmark_node_parent(node).map { cmark_node_get_type($0) == CMARK_NODE_DOCUMENT } ?? false
                    text.endParagraph(isTopLevel: isTopLevel)
                }
            case CMARK_NODE_HEADING:
                if entering {
                    text.beginInlineBlock()
                } else {
                    let headingText = text.endHeading()
                    headings.append(FoundHeading(node: node, level: Int(cmark_node_get_heading_level(node)), text: headingText))
                }
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text.appendInline(Cmark.bytes(cmark_node_get_literal(node)))
            case CMARK_NODE_SOFTBREAK:
                text.appendInline(" ")
            case CMARK_NODE_LINEBREAK:
                text.appendLineBreak()
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                // Links are containers, seen on enter and on exit; rewrite once.
                guard entering else { break }
                let url = Cmark.string(cmark_node_get_url(node))
                let rewritten = rewriteURL(url, type == CMARK_NODE_IMAGE, Cmark.location(of: node))
                // Byte comparison: String == would treat NFC and NFD spellings as equal.
                if !rewritten.utf8.elementsEqual(url.utf8) {
                    _ = cmark_node_set_url(node, rewritten)
                }
            case CMARK_NODE_CODE_BLOCK:
                let body = Cmark.string(cmark_node_get_literal(node))
                if let block = DataBlock(
                    info: Cmark.string(cmark_node_get_fence_info(node)),
                    body: body,
                    location: Cmark.location(of: node)
                ), let html = dataBlock(block) {
                    replacements.append(Replacement(codeBlock: node, html: html))
                } else {
                    text.appendCodeBlock(body)
                }
            default:
                break
            }
        }
    }
}

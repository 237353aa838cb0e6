import CCmark
import FastUTF8

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin, leak-free access to the cmark C API. Every pointer here is owned by a
/// document that the caller frees with `cmark_node_free`.
enum Cmark {
    /// Parses with the exact UTF-8 byte count rather than `strlen`, so an embedded NUL
    /// cannot cut the document short (cmark turns it into U+FFFD).
    static func parse(_ markdown: String, flags: Int32) -> OpaquePointer {
        var markdown = markdown
        let document = markdown.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                guard let start = chars.baseAddress else { return cmark_parse_document("", 0, flags) }
                return cmark_parse_document(start, chars.count, flags)
            }
        }
        // cmark only returns NULL when malloc fails, and then it has already aborted.
        return document!
    }

    /// `cmark_render_html` mallocs its result, so it has to be freed here. Its UTF-8 bytes,
    /// checked in place (`FastUTF8`) and copied once: made into a String and back, they cost half
    /// of rendering the Markdown. Checked, because valid input is not enough: cmark writes the
    /// entities `&#xFFFF;` and `&#xFFFE;` as the single bytes 0xFF and 0xFE, which are not
    /// UTF-8; such HTML is repaired as a String repairs it (U+FFFD), as it always was.
    static func renderHTML(_ document: OpaquePointer, flags: Int32) -> [UInt8] {
        guard let html = cmark_render_html(document, flags) else { return [] }
        defer { free(html) }
        let written = bytes(html)
        guard FastUTF8.isValid(written) else { return Array(String(decoding: written, as: UTF8.self).utf8) }
        return Array(written)
    }

    /// A literal's bytes, borrowed from the node (valid until it changes or is freed).
    static func bytes(_ pointer: UnsafePointer<CChar>?) -> UnsafeBufferPointer<UInt8> {
        guard let pointer else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
    }

    static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// Inline nodes of some kinds may lack positions; the nearest positioned ancestor
    /// still gives the right line.
    static func location(of node: OpaquePointer) -> SourceLocation {
        var current: OpaquePointer? = node
        while let candidate = current {
            let line = Int(cmark_node_get_start_line(candidate))
            if line > 0 {
                return SourceLocation(line: line, column: max(1, Int(cmark_node_get_start_column(candidate))))
            }
            current = cmark_node_parent(candidate)
        }
        return SourceLocation(line: 1, column: 1)
    }
}

/// Splits a Markdown file into its YAML front matter and body, keeping the line numbers
/// both need so errors point into the file, not into the block.
struct FrontMatter {
    let yaml: String
    /// Lines of the file before the YAML text (the opening `---`).
    let yamlLineOffset: Int
    let body: String
    /// Lines of the file before the body.
    let bodyLineOffset: Int

    /// Returns nil (with an error) when the file does not start with a closed `---` block.
    static func split(_ file: TextFile, into diagnostics: inout Diagnostics) -> FrontMatter? {
        // Only the front matter is cut into lines; the body is taken whole after its closing line.
        func trimmed(_ line: Substring) -> Substring {
            var line = line
            while line.first?.isWhitespace == true { line.removeFirst() }
            while line.last?.isWhitespace == true { line.removeLast() }
            return line
        }
        let text = file.text
        func lineEnd(from start: String.Index) -> String.Index {
            // Found on the bytes: a line feed is a Character of its own unless a CR is before it (a
            // CRLF is one, which TextFile never leaves), and breaking every line into Characters to
            // find its end was a share of loading 10,000 articles.
            let utf8 = text.utf8
            if let end = utf8[start...].firstIndex(of: 0x0A), end == start || utf8[utf8.index(before: end)] != 0x0D {
                return end
            }
            return text[start...].firstIndex(of: "\n") ?? text.endIndex
        }
        let firstEnd = lineEnd(from: text.startIndex)
        guard trimmed(text[..<firstEnd]) == "---" else {
            diagnostics.error(SourceRef(file: file.path), "the file must start with front matter between two `---` lines",
                              hint: "add at least:\n    ---\n    title: \"…\"\n    ---")
            return nil
        }
        var yamlLines: [Substring] = []
        var close: Int?
        var start = firstEnd
        var bodyStart = text.endIndex
        while start < text.endIndex {
            start = text.index(after: start)
            let end = lineEnd(from: start)
            let line = text[start..<end]
            if trimmed(line) == "---" || trimmed(line) == "..." {
                close = yamlLines.count + 1
                bodyStart = end < text.endIndex ? text.index(after: end) : end
                break
            }
            yamlLines.append(line)
            start = end
        }
        guard let close else {
            diagnostics.error(SourceRef(file: file.path), "the front matter opened on line 1 is never closed with `---`")
            return nil
        }
        let yaml = yamlLines.joined(separator: "\n")
        let body = String(text[bodyStart...])
        return FrontMatter(yaml: yaml, yamlLineOffset: 1, body: body, bodyLineOffset: close + 1)
    }
}

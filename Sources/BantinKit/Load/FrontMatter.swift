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
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
            diagnostics.error(SourceRef(file: file.path), "the file must start with front matter between two `---` lines",
                              hint: "add at least:\n    ---\n    title: \"…\"\n    ---")
            return nil
        }
        guard let close = lines.indices.dropFirst().first(where: {
            let line = lines[$0].trimmingCharacters(in: .whitespaces)
            return line == "---" || line == "..."
        }) else {
            diagnostics.error(SourceRef(file: file.path), "the front matter opened on line 1 is never closed with `---`")
            return nil
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        return FrontMatter(yaml: yaml, yamlLineOffset: 1, body: body, bodyLineOffset: close + 1)
    }
}

import CommonMark

/// Escaping for text we put into generated HTML and XML ourselves (templates escape on their own).
/// One implementation for the whole engine: the Markdown wrapper's.
enum HTML {
    static func escape(_ text: String) -> String { text.htmlEscaped }
}

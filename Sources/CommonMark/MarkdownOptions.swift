import CCmark

/// How Markdown is parsed and rendered.
///
/// Safe mode is the default because post bodies come from many contributors and
/// must not be able to inject scripts into the published site.
public struct MarkdownOptions: Sendable, Hashable {
    /// Passes raw HTML and `javascript:`-style URLs through (`CMARK_OPT_UNSAFE`).
    public var allowRawHTML: Bool = false
    /// Curly quotes, en/em dashes and ellipses (`CMARK_OPT_SMART`).
    public var smartPunctuation: Bool = true

    public init(allowRawHTML: Bool = false, smartPunctuation: Bool = true) {
        self.allowRawHTML = allowRawHTML
        self.smartPunctuation = smartPunctuation
    }

    /// SMART acts while parsing and UNSAFE while rendering; cmark ignores the flags a
    /// phase does not use, so one value serves both calls.
    var cmarkFlags: Int32 {
        var flags = CMARK_OPT_DEFAULT
        if allowRawHTML { flags |= CMARK_OPT_UNSAFE }
        if smartPunctuation { flags |= CMARK_OPT_SMART }
        return flags
    }
}

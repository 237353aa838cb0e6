import Foundation

extension String {
    /// Foundation's trimming goes through NSString even when there is nothing to trim, which is
    /// nearly always for a spreadsheet cell or a front-matter value: look at the two ends first.
    public func trimming(_ set: CharacterSet) -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
              set.contains(first) || set.contains(last) else { return self }
        return trimmingCharacters(in: set)
    }

    /// `trimming(.whitespacesAndNewlines)`. Most texts trimmed (cells, dates, front-matter values)
    /// begin and end with a visible ASCII character, which no space or line break is: for those
    /// not even the set is asked for, whose making was most of the cost of trimming them.
    public func trimmingWhitespacesAndNewlines() -> String {
        endsInVisibleASCII ? self : trimming(.whitespacesAndNewlines)
    }

    /// `trimming(.whitespaces)`, the same way.
    public func trimmingWhitespaces() -> String {
        endsInVisibleASCII ? self : trimming(.whitespaces)
    }

    private var endsInVisibleASCII: Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        return (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last)
    }
}

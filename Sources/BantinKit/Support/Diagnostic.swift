/// One problem found in the input, printed the way compilers do so editors can jump to it:
/// `path:line:column: error: message`.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable { case error, warning }

    public let severity: Severity
    /// Path relative to the site folder, e.g. `content/units.yaml`.
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String
    public let hint: String?

    public init(_ severity: Severity, _ file: String, line: Int = 1, column: Int = 1, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.file = file
        self.line = max(line, 1)
        self.column = max(column, 1)
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var text = "\(file):\(line):\(column): \(severity.rawValue): \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}

/// Where a value came from, so a later stage can still point at the right line.
public struct SourceRef: Sendable, Hashable {
    public let file: String
    public let line: Int
    public let column: Int
    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// Collects every problem of a run instead of stopping at the first one.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []
    public init() {}

    public mutating func error(_ at: SourceRef, _ message: String, hint: String? = nil) {
        all.append(Diagnostic(.error, at.file, line: at.line, column: at.column, message, hint: hint))
    }
    public mutating func warning(_ at: SourceRef, _ message: String, hint: String? = nil) {
        all.append(Diagnostic(.warning, at.file, line: at.line, column: at.column, message, hint: hint))
    }
    public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    public mutating func append(contentsOf other: Diagnostics) { all.append(contentsOf: other.all) }
    public mutating func append(contentsOf list: [Diagnostic]) { all.append(contentsOf: list) }

    public var errors: [Diagnostic] { sorted.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { sorted.filter { $0.severity == .warning } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// Sorted by file, line, column so output is stable whatever order stages ran in. The same
    /// Markdown renders for the web page and its print layout: one problem is reported once.
    public var sorted: [Diagnostic] {
        Array(Set(all)).sorted {
            if $0.file != $1.file { return $0.file.precedesBytewise($1.file) }
            if $0.line != $1.line { return $0.line < $1.line }
            if $0.column != $1.column { return $0.column < $1.column }
            return $0.message < $1.message
        }
    }
}

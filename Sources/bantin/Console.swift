import BantinKit
import Foundation

/// Writes through FileHandle: Swift 6 forbids touching the C `stdout`/`stderr` globals.
enum Console {
    static func out(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    static func err(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    /// A progress line only on a terminal: CI logs and pipes get just the summary.
    static var progressLine: (@Sendable (String) -> Void)? {
        guard isatty(2) == 1 else { return nil }
        return { text in FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8)) }
    }

    static func clearProgress() {
        if progressLine != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    static func print(_ diagnostics: Diagnostics) {
        for diagnostic in diagnostics.sorted { err(diagnostic.description) }
    }

    static func warningSuffix(_ diagnostics: Diagnostics) -> String {
        let count = diagnostics.warnings.count
        return count == 0 ? "" : ", \(count) warning(s)"
    }
}

import BantinKit
import Foundation

/// Writes through FileHandle: Swift 6 forbids touching the C `stdout`/`stderr` globals.
enum Console {
    static func out(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    static func err(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    static func print(_ diagnostics: Diagnostics) {
        for diagnostic in diagnostics.sorted { err(diagnostic.description) }
    }

    static func warningSuffix(_ diagnostics: Diagnostics) -> String {
        let count = diagnostics.warnings.count
        return count == 0 ? "" : ", \(count) warning(s)"
    }
}

import BantinKit

/// Bantin's promise for hostile files: a clear error that points into the file, never a crash
/// and never a position that does not exist.
public func fuzzCheckPositions(_ diagnostics: Diagnostics, file: String, lines: Int = .max) {
    for diagnostic in diagnostics.all where diagnostic.file == file {
        fuzzCheck(diagnostic.line >= 1 && diagnostic.line <= lines && diagnostic.column >= 1,
                  "diagnostic outside the file (\(lines) lines): \(diagnostic)")
    }
}

import Foundation

/// Content files are read whole into memory. A file far beyond any real one (a runaway export, a
/// log saved under the wrong name) is refused by its size before a byte of it is read, so a build's
/// memory stays bounded whatever lands in content/.
enum SizeLimit {
    /// Markdown and YAML: a long letter is tens of kilobytes; a 5 MB post builds in about 100 MB.
    static let textMB = 5
    /// Activity reports: a ward's busiest year is a few thousand rows, well under 1 MB. Every row
    /// becomes cells, an activity and a line on its unit's page (about 45 bytes of memory per byte
    /// of CSV), so 5 MB, some 90,000 rows, keeps a build near 250 MB.
    static let reportMB = 5

    /// False, with an error at line 1, when the file is larger than `megabytes`.
    static func allows(_ url: URL, relativePath: String, megabytes: Int, what: String,
                       into diagnostics: inout Diagnostics) -> Bool {
        // stat, not FileManager's attributes: every content file of a big site comes through here.
        var info = stat()
        guard stat(url.path, &info) == 0, Int(info.st_size) > megabytes * 1_048_576 else { return true }
        let size = Int(info.st_size)
        let shown = String(format: "%.1f", Double(size) / 1_048_576)
        diagnostics.error(SourceRef(file: relativePath),
                          "the file is \(shown) MB, too large for \(what) (limit \(megabytes) MB); it was not read",
                          hint: what == "an activity report"
                            ? "split it into one file per month or per unit in the same progress/ folder"
                            : "split it into several files, or link a large document as a PDF instead")
        return false
    }
}

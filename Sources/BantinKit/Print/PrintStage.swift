import Foundation
import VietText

/// print: every printable's HTML layout, already written to the staging folder, becomes a PDF
/// (and a poster also a 1080 px PNG) through one headless Chromium.
enum PrintStage {
    struct Result {
        var pdfs = 0, pngs = 0
        /// What printing each PDF reported, by its output path, for the build cache.
        var reports: [String: [Diagnostic]] = [:]
    }

    static let pngWidth = 1080

    static func run(_ printables: [Printable], chromium: URL, staging: URL, date: VietDate,
                    progress: (@Sendable (String) -> Void)? = nil, into diagnostics: inout Diagnostics) -> Result {
        var result = Result()
        guard !printables.isEmpty else { return result }
        let driver: ChromiumDriver
        do {
            driver = try ChromiumDriver(executable: chromium)
        } catch {
            diagnostics.error(SourceRef(file: chromium.path), "cannot start Chromium: \(error)",
                              hint: "check that `\(chromium.path) --headless --version` works, or build with --no-print")
            return result
        }
        defer { driver.shutDown() }
        for (number, item) in printables.enumerated() {
            progress?("printing \(number + 1)/\(printables.count): \(item.name).pdf")
            var found = Diagnostics()
            defer {
                result.reports[Routes.pdf(item.name)] = found.all
                diagnostics.append(contentsOf: found)
            }
            do {
                let page = staging.appending(path: item.page)
                try driver.load(page)
                var pdf = try driver.pdf()
                if !item.tocSlots.isEmpty {
                    // Two passes: print, read where each article starts from the PDF's named
                    // destinations, write those page numbers into the table of contents (fixed-width
                    // slots, so the layout does not move), and print again.
                    try fillTableOfContents(item, page: page, destinations: PDFFile.destinations(pdf), into: &found)
                    try driver.load(page)
                    pdf = try driver.pdf()
                }
                pdf = PDFFile.normalizeNodeIDs(PDFFile.stampDates(pdf, date: date))
                let pages = PDFFile.pageCount(pdf)
                if let expected = item.expectedPages, pages != expected {
                    found.warning(item.ref, pages > expected
                        ? "“\(item.title)” overflows: it fills \(pages) pages but declares \(expected)"
                        : "“\(item.title)” fills \(pages) page(s) but declares \(expected)",
                        hint: pages > expected ? "shorten the text, or choose a larger `format`" : nil)
                }
                try write(pdf, to: staging.appending(path: Routes.pdf(item.name)))
                result.pdfs += 1
                if let poster = item.poster {
                    let size = poster.cssPixels
                    let png = try driver.png(width: size.width, height: size.height, pixelWidth: pngWidth)
                    try write(png, to: staging.appending(path: Routes.png(item.name)))
                    result.pngs += 1
                }
            } catch {
                found.error(item.ref, "cannot print “\(item.title)”: \(error)")
            }
        }
        return result
    }

    /// Each article is found by its own anchor, never by its title: a sub-heading of an earlier
    /// article may read the same as a later article's title.
    private static func fillTableOfContents(_ item: Printable, page: URL, destinations: [String: Int],
                                            into diagnostics: inout Diagnostics) throws {
        var html = try String(contentsOf: page, encoding: .utf8)
        for slot in item.tocSlots {
            guard let number = destinations[slot.anchor] else {
                diagnostics.warning(item.ref, "“\(slot.title)” was not found in the printed edition; its page number is left out")
                continue
            }
            html = html.replacingOccurrences(of: "<span class=\"toc-page\" id=\"\(slot.id)\"></span>",
                                             with: "<span class=\"toc-page\" id=\"\(slot.id)\">\(number)</span>")
        }
        // A new file, not a rewrite: the page may be a hard link into the last build's output.
        try Data(html.utf8).write(to: page, options: .atomic)
    }

    private static func write(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        unlink(url.path)   // a new file: the path may be a hard link into the last build's output
        try data.write(to: url)
    }
}

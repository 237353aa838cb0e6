import Foundation

/// print, with the PDFs and PNGs of unchanged print layouts linked from the last build's output:
/// Chromium takes seconds a page, so only what changed goes to it.
struct CachedPrints {
    /// Output path of every PDF and PNG → the key of what it was made from, for the next build.
    var keys: [String: String] = [:]
    /// PDFs linked from the last build (with their PNGs) → what printing them reported.
    var reusedReports: [String: [Diagnostic]] = [:]
    var printed = PrintStage.Result()
    var reused: [String] { Array(reusedReports.keys) }

    static func run(_ site: Site, chromium: URL, rendered: [RenderStage.Outcome], everything: String, previous: BuildCache?,
                    lastOutput: URL, output: StagingOutput, progress: (@Sendable (String) -> Void)?,
                    into diagnostics: inout Diagnostics) -> CachedPrints {
        var prints = CachedPrints()
        let printables = Printable.all(in: site)
        let pageKeys = Dictionary(rendered.map { ($0.path, $0.key) }, uniquingKeysWith: { first, _ in first })
        var toPrint: [Printable] = []
        for item in printables {
            let key = pageKeys[item.page] ?? everything
            let pdf = Routes.pdf(item.name), png = Routes.png(item.name)
            prints.keys[pdf] = key
            if item.poster != nil { prints.keys[png] = key }
            if let previous, previous.has(pdf, key: key), item.poster == nil || previous.has(png, key: key),
               output.link(pdf, from: lastOutput), item.poster == nil || output.link(png, from: lastOutput) {
                prints.reusedReports[pdf] = previous.reports[pdf] ?? []
                diagnostics.append(contentsOf: prints.reusedReports[pdf]!)
            } else {
                toPrint.append(item)
            }
        }
        prints.printed = PrintStage.run(toPrint, chromium: chromium, staging: output.staging, date: site.asOf,
                                        progress: progress, into: &diagnostics)
        // Chromium wrote the new ones, not StagingOutput: noted for the bundles, those that are there.
        output.adopt(prints.keys.keys)
        // A layout with a table of contents is written again with its page numbers, as a new file.
        output.replaced(toPrint.filter { !$0.tocSlots.isEmpty }.map(\.page))
        prints.printed.pdfs += prints.reusedReports.count
        prints.printed.pngs += printables.filter { $0.poster != nil && prints.reusedReports[Routes.pdf($0.name)] != nil }.count
        prints.printed.reports.merge(prints.reusedReports) { new, _ in new }
        return prints
    }
}

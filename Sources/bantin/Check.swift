import ArgumentParser
import BantinKit
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load, validate and render everything, check every link, anchor and image, run the lints; write nothing.",
        discussion: "Exit status 1 on any error (and on any warning with --strict). --output is ignored.")

    @OptionGroup var options: SiteOptions

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        let root = URL(fileURLWithPath: options.site).standardizedFileURL
        // Rendered into a scratch folder that is deleted afterwards: the site's public/ is never touched.
        let scratch = FileManager.default.temporaryDirectory.appending(path: "bantin-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var build = SiteBuilder.Options(siteRoot: root, output: scratch.appending(path: "public"), asOf: options.asOfDate, print: .off)
        build.force = true   // the scratch folder is outside the site, and new
        build.cache = false  // a cache of the scratch folder would be written into the site
        var report = SiteBuilder.build(build)
        if report.succeeded {
            report.diagnostics.append(contentsOf: LinkChecker.check(scratch.appending(path: "public"), siteRoot: root))
        }
        Console.print(report.diagnostics)
        let errors = report.diagnostics.errors.count, warnings = report.diagnostics.warnings.count
        let summary = "bantin: checked \(report.pages) pages: \(errors) error(s), \(warnings) warning(s)"
        if errors > 0 || (strict && warnings > 0) {
            Console.err(summary + (errors == 0 ? " (failing on warnings: --strict)" : ""))
            throw ExitCode.failure
        }
        Console.out(summary)
    }
}

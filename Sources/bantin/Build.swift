import ArgumentParser
import BantinKit
import Foundation
import VietText

/// Options shared by `build` and `print`.
struct SiteOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The site folder, holding content/ (and optionally templates/).")
    var site: String = "."

    @Option(name: .shortAndLong, help: "Where to write the site (default: SITE/public); outside SITE it needs --force.")
    var output: String?

    @Option(name: .long, help: "Measure progress on this day (2026-06-30 or 30/6/2026). Default: SOURCE_DATE_EPOCH, else today in Vietnam.")
    var asOf: String?

    func validate() throws {
        if let asOf, VietDate.parse(asOf) == nil {
            throw ValidationError("--as-of: '\(asOf)' is not a date; write 2026-06-30 or 30/6/2026")
        }
    }

    @Flag(name: .long, help: "Allow --output outside the site folder, and replace the output folder even if Bantin did not make it.")
    var force = false

    @Flag(name: .long, help: "Render everything, ignoring what the last build into this folder left in .bantin-cache/.")
    var clean = false

    @Flag(name: .long, help: "Print the seconds each stage of the build took and the peak memory at its end.")
    var timings = false

    var asOfDate: VietDate? { asOf.flatMap(VietDate.parse) }

    /// Runs the build, prints its diagnostics and one summary line, and exits: 1 on any error.
    func run(print mode: SiteBuilder.PrintMode, listBundles: Bool = false) -> Never {
        let root = URL(fileURLWithPath: site).standardizedFileURL
        var options = SiteBuilder.Options(siteRoot: root, output: output.map { URL(fileURLWithPath: $0) },
                                          asOf: asOf.flatMap(VietDate.parse), print: mode, progress: Console.progressLine)
        options.force = force
        options.clean = clean
        // The build exits from inside, once it has a report, without freeing what it built.
        let (timings, output) = (timings, output)
        options.exitWithReport = { report in
            Foundation.exit(Self.show(report, timings: timings, output: output, listBundles: listBundles) ? 0 : 1)
        }
        _ = SiteBuilder.build(options)
        preconditionFailure("a build given exitWithReport exits through it")
    }

    /// Prints the report; whether the build succeeded.
    private static func show(_ report: SiteBuilder.Report, timings: Bool, output: String?, listBundles: Bool) -> Bool {
        Console.clearProgress()
        Console.print(report.diagnostics)
        if timings {
            for stage in report.stages {
                Console.err("  " + stage.name.padding(toLength: 36, withPad: " ", startingAt: 0)
                            + String(format: "%7.3f s %7.3f s CPU %7d MB peak", stage.seconds, stage.cpuSeconds, stage.peakBytes / 1_048_576))
            }
        }
        let seconds = String(format: "%.2f", report.seconds)
        let warnings = Console.warningSuffix(report.diagnostics)
        if report.succeeded {
            if listBundles {
                for bundle in report.bundles {
                    Console.out("  \(bundle.path)  \(String(format: "%8.1f", Double(bundle.bytes) / 1024)) KB  \(bundle.files) files  \(bundle.title)")
                }
            }
            var made = ["\(report.files) files"]
            if report.pdfs > 0 { made.append("\(report.pdfs) PDFs, \(report.pngs) PNGs") }
            if !report.bundles.isEmpty {
                let megabytes = Double(report.bundles.reduce(0) { $0 + $1.bytes }) / 1_048_576
                made.append("\(report.bundles.count) zip bundles, \(String(format: "%.1f", megabytes)) MB")
            }
            let note = [report.printNote, report.cacheNote].compactMap { $0 }.map { "; \($0)" }.joined()
            Console.out("bantin: built \(report.pages) pages (\(made.joined(separator: ", "))\(note)) in \(seconds) s into \(output ?? "public")/" + warnings)
            return true
        } else {
            Console.err("bantin: build failed with \(report.diagnostics.errors.count) error(s)\(warnings); nothing was written")
            return false
        }
    }
}

/// `--no-print`, for the commands that print only when Chromium is there.
struct PrintingOptions: ParsableArguments {
    @Flag(name: .long, help: "Do not make PDFs and PNGs, even if Chromium is installed.")
    var noPrint = false

    var mode: SiteBuilder.PrintMode { noPrint ? .off : .auto }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render content/ into public/ (public/ is replaced only if the build succeeds).",
        discussion: "PDFs and poster PNGs are made too when Chromium is installed; --no-print skips them.")

    @OptionGroup var options: SiteOptions
    @OptionGroup var printing: PrintingOptions

    func run() throws {
        options.run(print: printing.mode)
    }
}

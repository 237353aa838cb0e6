import ArgumentParser
import BantinKit
import Foundation
import VietText

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Render content/ into public/ (public/ is replaced only if the build succeeds).")

    @Option(name: .shortAndLong, help: "The site folder, holding content/ (and optionally templates/).")
    var site: String = "."

    @Option(name: .shortAndLong, help: "Where to write the site (default: SITE/public).")
    var output: String?

    @Option(name: .long, help: "Measure progress on this day (2026-06-30 or 30/6/2026). Default: SOURCE_DATE_EPOCH, else today in Vietnam.")
    var asOf: String?

    func validate() throws {
        if let asOf, VietDate.parse(asOf) == nil {
            throw ValidationError("--as-of: '\(asOf)' is not a date; write 2026-06-30 or 30/6/2026")
        }
    }

    func run() throws {
        let root = URL(fileURLWithPath: site).standardizedFileURL
        let report = SiteBuilder.build(.init(siteRoot: root, output: output.map { URL(fileURLWithPath: $0) },
                                             asOf: asOf.flatMap(VietDate.parse)))
        Console.print(report.diagnostics)
        let seconds = String(format: "%.2f", report.seconds)
        if report.succeeded {
            let destination = output ?? "public"
            Console.out("bantin: built \(report.pages) pages (\(report.files) files) in \(seconds) s into \(destination)/"
                + Console.warningSuffix(report.diagnostics))
        } else {
            Console.err("bantin: build failed with \(report.diagnostics.errors.count) error(s)\(Console.warningSuffix(report.diagnostics)); nothing was written")
            throw ExitCode.failure
        }
    }
}

import ArgumentParser
import BantinKit

/// Every build makes the bundles; this command is the build under the name offices look for,
/// listing each bundle it wrote.
struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Build the site and its zip bundles: bundles/<unit>.zip per unit and bundles/<site>.zip of everything.",
        discussion: "Unzipped anywhere, a bundle opens from index.html without a network. PDFs are included when Chromium is installed.")

    @OptionGroup var options: SiteOptions
    @OptionGroup var printing: PrintingOptions

    func run() throws {
        options.run(print: printing.mode, listBundles: true)
    }
}

import ArgumentParser
import BantinKit

struct Print: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site and every printable as PDF (print/*.pdf) and every poster as PNG (share/*.png).",
        discussion: "Needs Chromium (apt-get install chromium, or BANTIN_CHROMIUM=/path/to/chrome); fails if it is missing.")

    @OptionGroup var options: SiteOptions

    func run() throws {
        options.run(print: .required)
    }
}

import FuzzSupport
@testable import BantinKit

/// A Markdown file as the loader reads it: UTF-8 and legacy-encoding checks, the `---`
/// split, Yams, every field reader and the Decree 30 lints. The section comes from the input's
/// length so each section's fields are reached without spending input bytes on a selector.
@main
enum FrontMatterFuzzer {
    static func main() { runFuzzer(test) }

    static let test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { start, count in
        fuzzInput(start, count) { data in
            let sections = Article.Section.allCases
            let section = sections[data.count % sections.count]
            let path = "\(section.rawValue)/fuzz.md"
            var diagnostics = Diagnostics()
            defer {
                let lines = data.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
                fuzzCheckPositions(diagnostics, file: "content/" + path, lines: lines)
            }
            guard let file = TextFile.decode(data, relativePath: "content/" + path, into: &diagnostics),
                  let article = ArticleLoader.load(file, section: section, contentPath: path, into: &diagnostics)
            else {
                fuzzCheck(diagnostics.hasErrors, "an article was refused without an error")
                return
            }
            Decree30Lint.check(article, into: &diagnostics)
        }
    }
}

import Foundation
import FuzzSupport
@testable import BantinKit

/// The input as the body of Linh Sơn's report, rendered as its page is: cmark in safe mode,
/// heading ids, link resolution against content/, and ```` ```bantin ```` data blocks drawn
/// from the real campaign's progress.
@main
enum MarkdownFuzzer {
    static func main() { runFuzzer(test) }

    static let test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { start, count in
        fuzzText(start, count) { text in
            var article = MarkdownContext.shared.report
            article.bodySource = .text(text)
            var diagnostics = Diagnostics()
            let context = MarkdownContext.shared
            _ = ArticleBody.render(article, onPage: Routes.article(article), site: context.site, linkIndex: context.links,
                                   dataBlocks: context.dataBlocks, into: &diagnostics)
            fuzzCheckPositions(diagnostics, file: "content/" + article.sourcePath,
                               lines: article.bodyLineOffset + lineCount(Data(text.utf8)))
        }
    }
}

/// What rendering needs besides the Markdown, built once per process.
struct MarkdownContext: Sendable {
    static let shared = MarkdownContext()

    let site: Site
    let report: Article
    let links: LinkIndex
    let dataBlocks: DataBlockRenderer

    init() {
        let site = LinhSon.site
        self.site = site
        report = site.articles.first { $0.section == .reports }!
        links = LinkIndex(site: site)
        dataBlocks = DataBlockRenderer(site: site, progress: Dictionary(uniqueKeysWithValues: site.campaigns.map { ($0.id, site.progress($0)) }))
    }
}

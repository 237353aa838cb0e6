import Foundation
import Testing
@testable import BantinKit

/// Past a couple of thousand pages each core renders with a separate copy of the renderer
/// (`PageRenderer.separateCopy`): the copy must make every page exactly as the renderer does.
@Suite("Separate renderers")
struct SeparateRendererTests {
    @Test func aSeparateCopyRendersEveryLinhSonPageAsTheOriginal() throws {
        let (loaded, _) = SiteLoader.load(siteRoot: repositoryRoot, asOf: TestSite.asOf)
        let site = try #require(loaded)
        var diagnostics = Diagnostics()
        let theme = try #require(Theme.load(siteRoot: repositoryRoot, into: &diagnostics))
        let renderer = PageRenderer(site: site, theme: theme, printing: true)
        let copy = renderer.separateCopy()
        let pages = Page.all(in: site)
        #expect(pages.count > 50)
        for page in pages {
            var article: Article?
            if case let .article(own) = page { article = own }
            let body = article.map { renderer.body($0, into: &diagnostics) }
            let original = try #require(renderer.render(page, body: body, into: &diagnostics), "\(page.path)")
            #expect(copy.render(page, body: body, into: &diagnostics) == original, "\(page.path)")
        }
    }
}

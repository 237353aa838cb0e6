import CommonMark
import Foundation
import Mustache
import VietText

/// An article's Markdown rendered for one output page: links resolved against content/,
/// broken ones reported with the line of the file they are on.
struct ArticleBody {
    /// Ids the theme itself uses on article pages; a heading must not take them.
    static let reservedIDs: Set<String> = ["noi-dung", "muc-luc", "tieu-de", "kem-theo"]

    /// cmark's bytes (checked as UTF-8 where cmark wrote them), onto the page as they are, never
    /// made a String in between.
    let html: UTF8Text
    let headings: [Heading]
    let plainText: String
    let firstParagraph: String

    /// `idPrefix` keeps heading ids unique when several articles share one page (an edition).
    static func render(_ article: Article, onPage page: String, site: Site, linkIndex: LinkIndex,
                       dataBlocks: DataBlockRenderer, idPrefix: String = "", into diagnostics: inout Diagnostics) -> ArticleBody {
        // Official letters are shown exactly as written: no "..." → "…" or quote rewriting.
        let renderer = MarkdownRenderer(options: MarkdownOptions(allowRawHTML: site.config.allowRawHTML,
                                                                 smartPunctuation: article.section != .documents))
        let file = "content/" + article.sourcePath
        guard let body = article.readBody() else {
            diagnostics.error(SourceRef(file: file), "the file changed while the site was being built", hint: "build again")
            return ArticleBody(html: UTF8Text(bytes: []), headings: [], plainText: "", firstParagraph: "")
        }
        var found = Diagnostics()
        func ref(_ location: SourceLocation) -> SourceRef {
            SourceRef(file: file, line: location.line + article.bodyLineOffset, column: location.column)
        }
        let rendered = renderer.render(
            body,
            slug: { text in
                let slug = idPrefix + VietText.slug(text)
                return Self.reservedIDs.contains(slug) ? slug + "-1" : slug
            },
            rewriteURL: { url, isImage, location in
                switch linkIndex.resolve(url, from: article.sourcePath, onPage: page) {
                case let .resolved(link): return link
                case let .broken(message, hint):
                    found.error(ref(location), (isImage ? "broken image: " : "broken link: ") + message, hint: hint)
                    return url
                }
            },
            dataBlock: { block in
                dataBlocks.render(block, onPage: page, at: ref(block.location), into: &found)
            }
        )
        diagnostics.append(contentsOf: found)
        return ArticleBody(html: UTF8Text(bytes: rendered.htmlUTF8), headings: rendered.headings, plainText: rendered.plainText,
                           firstParagraph: rendered.firstParagraph)
    }
}

/// Maps content-relative paths (Markdown files, assets) to the output pages they become.
struct LinkIndex: Sendable {
    enum Resolution { case resolved(String), broken(String, hint: String?) }

    /// content-relative source path → output path
    private let targets: [String: String]
    /// Files there that failed to load: their own errors are reported, not every link to them.
    private let unread: Set<String>

    init(site: Site) {
        var targets: [String: String] = [:]
        for article in site.articles { targets[article.sourcePath] = Routes.article(article) }
        for asset in site.assets { targets[asset.path] = asset.path }
        self.targets = targets
        unread = site.brokenArticles
    }

    func resolve(_ url: String, from sourcePath: String, onPage page: String) -> Resolution {
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") || Self.hasScheme(url) { return .resolved(url) }
        var path = url, suffix = ""
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            suffix = String(path[cut...])
            path = String(path[..<cut])
        }
        if path.utf8.contains(UInt8(ascii: "%")) { path = path.removingPercentEncoding ?? path }
        let base = path.hasPrefix("/") ? [] : sourcePath.slashParts().dropLast().map(String.init)
        var segments = base
        for part in path.slashParts() {
            if part == "." { continue }
            if part == ".." {
                guard !segments.isEmpty else { return .broken("`\(url)` points outside content/", hint: nil) }
                segments.removeLast()
            } else {
                segments.append(String(part))
            }
        }
        let resolved = VietText.nfc(segments.joined(separator: "/"))
        if let target = targets[resolved] {
            return .resolved(Routes.link(from: page, to: target) + suffix)
        }
        if unread.contains(resolved) { return .resolved(url) }
        let hint: String?
        if resolved.hasSuffix(".md") {
            hint = Suggest.closest(to: resolved, in: targets.keys.filter { $0.hasSuffix(".md") }, maxDistance: 8)
                .map { "did you mean `\($0)`? Links are relative to the file they are written in" }
        } else if path.hasSuffix("/") || !resolved.contains(".") {
            hint = "link to the Markdown file itself, e.g. `../posts/bai-viet.md`"
        } else {
            hint = nil
        }
        return .broken("`\(url)` → content/\(resolved) does not exist", hint: hint)
    }

    private static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.utf8.firstIndex(of: UInt8(ascii: ":")) else { return false }
        // Byte by byte when the scheme is ASCII, as nearly every one is: the same answer as
        // Character's isLetter and isNumber, without walking grapheme clusters.
        let bytes = url.utf8[..<colon]
        if bytes.allSatisfy({ $0 < 0x80 }) {
            guard let first = bytes.first, HTMLTags.isLetter(first) else { return false }
            return bytes.allSatisfy { HTMLTags.isLetter($0) || HTMLTags.isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
        }
        let scheme = url[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
            && scheme.first!.isLetter
    }
}

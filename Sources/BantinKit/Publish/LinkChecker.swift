import Foundation

/// Checks a built site as a reader's browser would follow it: every relative link and image
/// must reach a file, and every `#anchor` an element with that id.
///
/// Links written in Markdown were already checked when their page was rendered, against their
/// file and line; what is left broken here comes from the templates (or raw HTML), so the errors
/// name the page and, when the link is written out in one, the template line.
public enum LinkChecker {
    private static let reference = try! NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
    private static let idPattern = try! NSRegularExpression(pattern: #"\sid="([^"]+)""#)

    /// `folder`: the built site (a scratch folder that `check` deletes: no error points into it).
    /// `siteRoot`: where the site's own templates/ are, to find the line a broken link is on.
    public static func check(_ folder: URL, siteRoot: URL) -> Diagnostics {
        var diagnostics = Diagnostics()
        let files = SiteLoader.listFiles(under: folder).map(\.path)
        let existing = Set(files)
        var ids: [String: Set<String>] = [:]
        func idsOf(_ page: String) -> Set<String> {
            if let known = ids[page] { return known }
            let html = (try? String(contentsOf: folder.appending(path: page), encoding: .utf8)) ?? ""
            let found = Set(idPattern.matches(in: html, range: NSRange(html.startIndex..., in: html))
                .map { String(html[Range($0.range(at: 1), in: html)!]) })
            ids[page] = found
            return found
        }
        // A broken link in a template is on many pages: one error per file it leads to.
        var missing: [String: (value: String, at: SourceRef, pages: [String])] = [:]
        for page in files where page.hasSuffix(".html") && !page.hasPrefix("fragments/") && page != Routes.notFound {
            guard let html = try? String(contentsOf: folder.appending(path: page), encoding: .utf8) else { continue }
            let lines = html.split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() {
                let text = String(line)
                for match in reference.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    let value = String(text[Range(match.range(at: 1), in: text)!]).replacingOccurrences(of: "&amp;", with: "&")
                    let ref = SourceRef(file: "public/" + page, line: number + 1, column: match.range.location + 1)
                    if value.hasPrefix("#") {
                        let anchor = String(value.dropFirst())
                        if !anchor.isEmpty, !idsOf(page).contains(anchor) {
                            diagnostics.error(ref, "link to `#\(anchor)`, which is not on the page")
                        }
                        continue
                    }
                    guard let (target, fragment) = BundleLinks.resolve(value, from: page) else { continue }
                    if !existing.contains(target) {
                        // Named by the page, not by check's scratch output, which is gone when this is read.
                        missing[target, default: (value, SourceRef(file: page, line: ref.line, column: ref.column), [])].pages.append(page)
                    } else if fragment.count > 1, target.hasSuffix(".html"), !idsOf(target).contains(String(fragment.dropFirst())) {
                        diagnostics.error(ref, "link to `\(value)`: \(target) has no element with id `\(fragment.dropFirst())`",
                                          hint: "heading ids are the slug of the heading text, e.g. \"## Mục 1\" → #muc-1")
                    }
                }
            }
        }
        let templates = TemplateLines(siteRoot: siteRoot)
        for (target, found) in missing.sorted(by: { $0.key < $1.key }) {
            let pages = found.pages.count == 1 ? "the page \(found.pages[0])"
                : "\(found.pages.count) pages (\(found.pages.prefix(3).joined(separator: ", "))\(found.pages.count > 3 ? ", …" : ""))"
            let message = "link to `\(target)`, which leads to no file, on \(pages)"
            if let line = templates.line(linkingTo: target) {
                diagnostics.error(line, message + ": it comes from the template")
            } else {
                diagnostics.error(found.at, message + " (written `\(found.value)` there, line \(found.at.line) of the page as built): "
                                  + "it comes from a template", hint: "links written in Markdown are checked with their file and line; "
                                      + "this one is in templates/, the built-in theme or raw HTML")
            }
        }
        return diagnostics
    }

    /// The templates in use, the site's own before the built-in theme's, to find the line where
    /// a link is written (`{{root}}khong-co/index.html`).
    private struct TemplateLines {
        let files: [(origin: String, text: String)]

        init(siteRoot: URL) {
            var byPath: [String: (origin: String, text: String)] = [:]
            for entry in EmbeddedFiles.templates where entry.path.hasSuffix(".mustache") {
                if let data = Data(base64Encoded: entry.base64) {
                    byPath[entry.path] = ("(built-in theme)/" + entry.path, String(decoding: data, as: UTF8.self))
                }
            }
            let own = siteRoot.appending(path: "templates")
            for file in SiteLoader.listFiles(under: own) where !file.leavesRoot && file.path.hasSuffix(".mustache") {
                if let text = try? String(contentsOf: own.appending(path: file.diskPath), encoding: .utf8) {
                    byPath[file.path] = ("templates/" + file.path, text)
                }
            }
            files = byPath.sorted { $0.key < $1.key }.map(\.value)
        }

        func line(linkingTo target: String) -> SourceRef? {
            for written in Set([target, BundleLinks.encode(target)]).sorted() {
                let needle = "{{root}}" + written
                for file in files where file.text.contains(needle) {
                    for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                        if let range = line.range(of: needle) {
                            return SourceRef(file: file.origin, line: number + 1, column: line.distance(from: line.startIndex, to: range.lowerBound) + 1)
                        }
                    }
                }
            }
            return nil
        }
    }
}

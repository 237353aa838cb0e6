import Foundation

/// Checks a built site as a reader's browser would follow it: every relative link and image
/// must reach a file, and every `#anchor` an element with that id.
public enum LinkChecker {
    private static let reference = try! NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
    private static let idPattern = try! NSRegularExpression(pattern: #"\sid="([^"]+)""#)

    public static func check(_ folder: URL) -> Diagnostics {
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
                    let decoded = target.removingPercentEncoding ?? target
                    if !existing.contains(decoded) {
                        diagnostics.error(ref, "link to `\(value)`, which leads to no file (\(decoded))")
                    } else if fragment.count > 1, decoded.hasSuffix(".html"), !idsOf(decoded).contains(String(fragment.dropFirst())) {
                        diagnostics.error(ref, "link to `\(value)`: \(decoded) has no element with id `\(fragment.dropFirst())`",
                                          hint: "heading ids are the slug of the heading text, e.g. \"## Mục 1\" → #muc-1")
                    }
                }
            }
        }
        return diagnostics
    }
}

import Foundation

/// Print layouts become PDFs that travel alone (Zalo, USB, a portal's attachment): a link inside
/// them must be the page's web address, never a path on the machine that printed it.
enum AbsoluteLinks {
    // Same-page anchors ("#bai-2") stay: inside a PDF they become links to its own pages.
    private static let anchor = try! NSRegularExpression(pattern: ##"<a href="([^"#:][^":]*)""##)

    /// Rewrites the relative `<a href>` inside `<main>` of a page at `page` to absolute URLs.
    static func rewrite(_ html: String, page: String, baseURL: String) -> String {
        guard let start = html.range(of: "<main"), let end = html.range(of: "</main>", range: start.upperBound..<html.endIndex) else {
            return html
        }
        let body = String(html[start.lowerBound..<end.upperBound])
        let folder = page.split(separator: "/").dropLast().map(String.init)
        var result = ""
        var cursor = body.startIndex
        for match in anchor.matches(in: body, range: NSRange(body.startIndex..., in: body)) {
            let range = Range(match.range(at: 1), in: body)!
            result += body[cursor..<range.lowerBound]
            result += absolute(String(body[range]), folder: folder, page: page, baseURL: baseURL)
            cursor = range.upperBound
        }
        result += body[cursor...]
        return String(html[..<start.lowerBound]) + result + String(html[end.upperBound...])
    }

    private static func absolute(_ href: String, folder: [String], page: String, baseURL: String) -> String {
        var segments = folder
        let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        for part in parts[0].split(separator: "/") {
            if part == ".." { if !segments.isEmpty { segments.removeLast() } } else if part != "." { segments.append(String(part)) }
        }
        return baseURL + segments.joined(separator: "/") + (parts.count > 1 ? "#" + parts[1] : "")
    }
}

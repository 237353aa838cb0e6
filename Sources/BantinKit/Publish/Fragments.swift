import Foundation

/// Paste-ready articles for the provincial portal's editor: plain HTML, absolute addresses, no
/// script, style sheet or class. Charts are left out: their tables carry the same numbers.
enum Fragments {
    static func path(for article: Article, taken: Set<String>) -> String {
        let plain = "fragments/\(article.slug).html"
        return taken.contains(plain) ? "fragments/\(article.printName).html" : plain
    }

    static func html(for article: Article, body: String, page: String, site: Site) -> String {
        var out = "<h1>\(HTML.escape(article.title))</h1>\n"
        if let letter = article.letter {
            out += "<p>Số: \(HTML.escape(letter.number)) – \(HTML.escape(letter.place)), \(HTML.escape(letter.dateLine))</p>\n"
            if let subject = letter.subject { out += "<p><em>\(HTML.escape(subject))</em></p>\n" }
        } else if let date = article.date {
            out += "<p><em>\(HTML.escape(date.official.prefix(1).uppercased() + date.official.dropFirst()))</em></p>\n"
        }
        if let summary = article.summary { out += "<p><strong>\(HTML.escape(summary))</strong></p>\n" }
        out += clean(body, page: page, baseURL: site.config.baseURL)
        if let letter = article.letter {
            if !letter.copies.isEmpty {
                out += "<p><strong><em>Nơi nhận:</em></strong><br>\n"
                    + PageContexts.punctuated(letter.copies).map { "- \(HTML.escape($0["text"] as! String))\($0["punct"] as! String)" }
                        .joined(separator: "<br>\n") + "</p>\n"
            }
            out += "<p><strong>\(HTML.escape([letter.signer.authority, letter.signer.title].compactMap { $0 }.joined(separator: " ")))</strong><br>\n"
                + "<strong>\(HTML.escape(letter.signer.name))</strong></p>\n"
        }
        out += "<p>Nguồn: <a href=\"\(HTML.escape(Routes.absolute(Routes.article(article), baseURL: site.config.baseURL)))\">\(HTML.escape(site.config.title))</a></p>\n"
        // The BOM makes a browser opening the file from disk read it as UTF-8.
        return "\u{FEFF}" + out
    }

    private static let anchors = try! NSRegularExpression(pattern: #"<a id="[^"]*" class="anchor"[^>]*></a>"#)
    private static let figures = try! NSRegularExpression(pattern: #"<figure[^>]*>.*?</figure>\n?"#, options: [.dotMatchesLineSeparators])
    private static let classes = try! NSRegularExpression(pattern: #"\s(class|aria-hidden|data-[a-z-]+)="[^"]*""#)
    private static let links = try! NSRegularExpression(pattern: #"(href|src)="([^"]*)""#)

    static func clean(_ html: String, page: String, baseURL: String) -> String {
        var text = html
        for pattern in [anchors, figures, classes] {
            text = pattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
        }
        let ns = text as NSString
        var result = ""
        var cursor = 0
        for match in links.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let value = ns.substring(with: match.range(at: 2))
            result += ns.substring(with: NSRange(location: cursor, length: match.range.location - cursor))
            let attribute = ns.substring(with: match.range(at: 1))
            if value.hasPrefix("#") {
                result += "\(attribute)=\"\(baseURL)\(page)\(value)\""
            } else if let (target, fragment) = BundleLinks.resolve(value, from: page) {
                result += "\(attribute)=\"\(baseURL)\(target)\(fragment)\""
            } else {
                result += ns.substring(with: match.range)
            }
            cursor = match.range.location + match.range.length
        }
        return result + ns.substring(from: cursor)
    }
}

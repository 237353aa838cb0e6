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

    /// The body without what only works on the site: heading anchors, figures (charts),
    /// classes, `aria-hidden` and `data-*` attributes; links made absolute.
    static func clean(_ html: String, page: String, baseURL: String) -> String {
        let tags = HTMLTags(html)
        var splice = Splice(tags.bytes)
        var dropUntil: (name: String, end: Int)?   // inside an element being dropped whole
        tags.forEachTag { tag in
            if let drop = dropUntil {
                guard tag.closing, tag.name == drop.name else { return }
                var end = tag.range.upperBound
                if drop.name == "figure", end < tags.bytes.count, tags.bytes[end] == 0x0A { end += 1 }
                splice.replace(drop.end..<end, with: "")
                dropUntil = nil
                return
            }
            let attributes = tags.attributes(of: tag)
            if tag.name == "figure" && !tag.closing
                || tag.name == "a" && attributes.contains(where: { $0.name == "class" && $0.value == "anchor" }) {
                dropUntil = (tag.name, tag.range.lowerBound)
                return
            }
            for attribute in attributes {
                if attribute.name == "class" || attribute.name == "aria-hidden" || attribute.name.hasPrefix("data-") {
                    splice.replace(attribute.range, with: "")
                } else if attribute.name == "href" || attribute.name == "src" {
                    if attribute.value.hasPrefix("#") {
                        splice.replace(attribute.range, with: "\(attribute.space)\(attribute.name)=\"\(baseURL)\(page)\(attribute.value)\"")
                    } else if let (target, fragment) = BundleLinks.resolve(attribute.value, from: page) {
                        splice.replace(attribute.range, with: "\(attribute.space)\(attribute.name)=\"\(baseURL)\(target)\(fragment)\"")
                    }
                }
            }
        }
        return splice.result()
    }
}

import Foundation

/// Paste-ready articles for the provincial portal's editor: plain HTML, absolute addresses, no
/// script, style sheet or class. Charts are left out: their tables carry the same numbers.
enum Fragments {
    static func path(for article: Article, taken: Set<String>) -> String {
        let plain = "fragments/\(article.slug).html"
        return taken.contains(plain) ? "fragments/\(article.printName).html" : plain
    }

    static func html(for article: Article, body: [UInt8], page: String, site: Site) -> [UInt8] {
        // The BOM makes a browser opening the file from disk read it as UTF-8.
        var head = "\u{FEFF}<h1>\(HTML.escape(article.title))</h1>\n"
        if let letter = article.letter {
            head += "<p>Số: \(HTML.escape(letter.number)) – \(HTML.escape(letter.place)), \(HTML.escape(letter.dateLine))</p>\n"
            if let subject = letter.subject { head += "<p><em>\(HTML.escape(subject))</em></p>\n" }
        } else if let date = article.date {
            head += "<p><em>\(HTML.escape(date.official.prefix(1).uppercased() + date.official.dropFirst()))</em></p>\n"
        }
        if let summary = article.summary { head += "<p><strong>\(HTML.escape(summary))</strong></p>\n" }
        // Bytes from here on: the cleaned body is not checked as UTF-8 again, as a String would be.
        var out = Array(head.utf8)
        out += clean(body, page: page, baseURL: site.config.baseURL)
        var tail = ""
        if let letter = article.letter {
            if !letter.copies.isEmpty {
                tail += "<p><strong><em>Nơi nhận:</em></strong><br>\n"
                    + PageContexts.punctuated(letter.copies).map { "- \(HTML.escape($0["text"] as! String))\($0["punct"] as! String)" }
                        .joined(separator: "<br>\n") + "</p>\n"
            }
            tail += "<p><strong>\(HTML.escape([letter.signer.authority, letter.signer.title].compactMap { $0 }.joined(separator: " ")))</strong><br>\n"
                + "<strong>\(HTML.escape(letter.signer.name))</strong></p>\n"
        }
        tail += "<p>Nguồn: <a href=\"\(HTML.escape(Routes.absolute(Routes.article(article), baseURL: site.config.baseURL)))\">\(HTML.escape(site.config.title))</a></p>\n"
        return out + tail.utf8
    }

    private static let webSchemes = ["http", "https", "mailto", "tel"].map { Array($0.utf8) }

    /// Elements dropped whole, content and all: with `allow_raw_html` a body may hold any of
    /// them, and a portal's editor would run or embed them.
    static let droppedElements: Set<String> = ["script", "style", "iframe", "object", "embed", "link", "meta", "base", "noscript", "template"]
    private static let voidElements: Set<String> = ["embed", "link", "meta", "base"]
    private static let droppedNames = droppedElements.map { Array($0.utf8) }, figure = Array("figure".utf8)

    /// Whether `clean` has anything to do with a tag, told from its name's bytes: a closing tag
    /// only if it may end what is being dropped or is dropped itself, an opening one unless it
    /// is bare and in lower case (most of a body's: <p>, <em>, <li>), which would be written out
    /// again as it is. Making each tag's name a String was a third of `clean`.
    private static func needsLooking(_ name: ArraySlice<UInt8>, closing: Bool, bare: Bool, dropping: Bool) -> Bool {
        if dropping { return closing }
        if droppedNames.contains(where: { HTMLTags.isNamed(name, $0) }) || HTMLTags.isNamed(name, figure) { return true }
        return !closing && !(bare && name.allSatisfy { !(0x41...0x5A).contains($0) })
    }

    /// The body without what only works on the site: heading anchors, figures (charts),
    /// classes, `aria-hidden` and `data-*` attributes; links made absolute. Whatever raw HTML
    /// brought goes too: the elements above, `style` and `on…` attributes, `javascript:` links,
    /// and every attribute not written `name="value"` (each kept tag is written out again).
    static func clean(_ html: [UInt8], page: String, baseURL: String) -> [UInt8] {
        let tags = HTMLTags(bytes: html)
        var splice = Splice(tags.bytes)
        var dropUntil: (name: String, end: Int)?   // inside an element being dropped whole
        tags.forEachTag(where: { needsLooking($0, closing: $1, bare: $2, dropping: dropUntil != nil) }) { tag in
            if let drop = dropUntil {
                guard tag.closing, tag.name == drop.name else { return }
                var end = tag.range.upperBound
                if drop.name == "figure", end < tags.bytes.count, tags.bytes[end] == 0x0A { end += 1 }
                splice.replace(drop.end..<end, with: "")
                dropUntil = nil
                return
            }
            let dropped = droppedElements.contains(tag.name)   // looked up once: hashing the name was a tenth of this
            if dropped && (tag.closing || voidElements.contains(tag.name)) {
                splice.replace(tag.range, with: "")
                return
            }
            guard !tag.closing else { return }
            let attributes = tags.attributes(of: tag)
            if tag.name == "figure" || dropped
                || tag.name == "a" && attributes.contains(where: { $0.name == "class" && $0.value == "anchor" }) {
                dropUntil = (tag.name, tag.range.lowerBound)
                return
            }
            var rebuilt = "<" + tag.name
            for attribute in attributes {
                let name = attribute.name.lowercased()
                if name == "class" || name == "style" || name == "aria-hidden" || name.hasPrefix("data-") || name.hasPrefix("on") { continue }
                var value = attribute.value
                if name == "href" || name == "src" {
                    guard isWebAddress(value) else { continue }
                    if value.hasPrefix("#") {
                        value = "\(baseURL)\(page)\(value)"
                    } else if let (target, fragment) = BundleLinks.resolve(value, from: page) {
                        value = "\(baseURL)\(BundleLinks.encode(target))\(fragment)"
                    }
                }
                rebuilt += "\(attribute.space)\(attribute.name)=\"\(value)\""
            }
            let end = tags.bytes[tag.range].suffix(3)
            rebuilt += end.elementsEqual(" />".utf8) ? " />" : end.suffix(2).elementsEqual("/>".utf8) ? "/>" : ">"
            if !tags.bytes[tag.range].elementsEqual(rebuilt.utf8) { splice.replace(tag.range, with: rebuilt) }
        }
        // An element never closed (raw HTML may leave a <script> open) runs to the end.
        if let drop = dropUntil { splice.replace(drop.end..<tags.bytes.count, with: "") }
        return splice.resultBytes()
    }

    /// Relative, or http(s), mailto or tel: `javascript:` and the like are left out, however
    /// spaced or cased (browsers skip controls and spaces in a scheme).
    private static func isWebAddress(_ value: String) -> Bool {
        // No ":" at all, or a scheme of visible ASCII (nearly every link): decided on the bytes,
        // as the general rule below would decide it.
        guard let colon = value.utf8.firstIndex(of: UInt8(ascii: ":")) else { return true }
        let bytes = value.utf8[..<colon]
        if bytes.allSatisfy({ $0 > 0x20 && $0 < 0x80 }) {
            if bytes.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) { return true }
            let lowercased = bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
            return webSchemes.contains { $0.elementsEqual(lowercased) }
        }
        let plain = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 })).lowercased()
        guard let colon = plain.firstIndex(of: ":") else { return true }
        let scheme = plain[..<colon]
        return scheme.contains { "/?#".contains($0) } || ["http", "https", "mailto", "tel"].contains(String(scheme))
    }
}

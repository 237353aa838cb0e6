import Foundation

/// Keeps a document's number ("Số: 246/CV-VHXXH", "57-CT/TW", "30/2020/NĐ-CP") and a date written
/// out ("ngày 25 tháng 3 năm 2026") on one line: in the text of a rendered page each is wrapped in
/// `<span class="nowrap">` — never inside a tag, a title, a script, a style, an SVG or a span that
/// already keeps its text together.
enum KeepTogether {
    nonisolated(unsafe) static let pattern = try! NSRegularExpression(pattern:
        #"(?<![\p{L}\p{N}])(?:(?:Số:\s+)?\d+(?:/\d+)*[/-]\p{Lu}[\p{Lu}\d]*(?:[-/.][\p{Lu}\d]+)*|(?:[Nn]gày\s+)?\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})(?![\p{L}\p{N}])"#)
    private static let rawText: Set<String> = ["script", "style", "title", "textarea", "svg"]

    static func html(_ page: String) -> String {
        var out = ""
        out.reserveCapacity(page.utf8.count + 1024)
        var skipping: [String] = []     // open raw-text elements
        var spans: [Bool] = []          // open spans: does it keep its text together?
        var rest = Substring(page)
        while let open = rest.firstIndex(of: "<") {
            out += wrap(rest[..<open], active: skipping.isEmpty && !spans.contains(true))
            guard let close = rest[open...].firstIndex(of: ">") else { out += rest[open...]; return out }
            let tag = rest[open...close]
            out += tag
            rest = rest[rest.index(after: close)...]
            let closing = tag.hasPrefix("</")
            let name = tag.dropFirst(closing ? 2 : 1).prefix { $0.isLetter || $0.isNumber }.lowercased()
            if rawText.contains(name) {
                if closing { if let i = skipping.lastIndex(of: name) { skipping.remove(at: i) } }
                else if !tag.hasSuffix("/>") { skipping.append(name) }
            } else if name == "span" {
                if closing { _ = spans.popLast() } else { spans.append(tag.contains(#"class="nowrap""#)) }
            }
        }
        out += wrap(rest, active: skipping.isEmpty && !spans.contains(true))
        return out
    }

    private static func wrap(_ text: Substring, active: Bool) -> String {
        let text = String(text)
        guard active, text.contains(where: \.isNumber) else { return text }
        let range = NSRange(text.startIndex..., in: text)
        return pattern.stringByReplacingMatches(in: text, range: range, withTemplate: #"<span class="nowrap">$0</span>"#)
    }
}

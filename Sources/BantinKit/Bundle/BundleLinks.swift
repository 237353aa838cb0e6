import Foundation

/// Re-points the links of a page copied into a bundle: to the bundled copy when there is one,
/// else to the page's web address, marked `data-online` so readers know it needs the Internet.
enum BundleLinks {
    private static let attribute = try! NSRegularExpression(pattern: #"(<[a-zA-Z]+[^>]*?\s)(href|src)="([^"]*)""#)

    static func rewrite(_ html: String, sitePath: String, bundlePath: String, included: [String: String],
                        baseURL: String) -> String {
        let ns = html as NSString
        var result = ""
        var cursor = 0
        for match in attribute.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            let valueRange = match.range(at: 3)
            let value = ns.substring(with: valueRange)
            guard let (target, fragment) = resolve(value, from: sitePath) else { continue }
            let tagStart = ns.substring(with: match.range(at: 1))
            result += ns.substring(with: NSRange(location: cursor, length: match.range.location - cursor))
            if let copy = included[target] {
                result += "\(tagStart)\(ns.substring(with: match.range(at: 2)))=\"\(relative(from: bundlePath, to: copy))\(fragment)\""
            } else {
                let online = tagStart.hasPrefix("<a") ? "data-online=\"true\" " : ""
                result += "\(tagStart)\(online)\(ns.substring(with: match.range(at: 2)))=\"\(baseURL)\(target)\(fragment)\""
            }
            cursor = match.range.location + match.range.length
        }
        result += ns.substring(from: cursor)
        return result
    }

    /// The output path a relative link points at, and its `#fragment`; nil for absolute
    /// addresses and same-page anchors, which need no change.
    static func resolve(_ value: String, from sitePath: String) -> (String, String)? {
        if value.isEmpty || value.hasPrefix("#") || value.hasPrefix("//") || value.contains(":") { return nil }
        let parts = value.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        var segments = sitePath.split(separator: "/").dropLast().map(String.init)
        for part in parts[0].split(separator: "/") {
            if part == ".." { if !segments.isEmpty { segments.removeLast() } } else if part != "." { segments.append(String(part)) }
        }
        return (segments.joined(separator: "/"), parts.count > 1 ? "#" + parts[1] : "")
    }

    static func relative(from page: String, to target: String) -> String {
        let from = page.split(separator: "/").dropLast().map(String.init)
        let to = target.split(separator: "/").map(String.init)
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        return String(repeating: "../", count: from.count - common) + to[common...].joined(separator: "/")
    }

    /// Every relative href/src target of a page or `url(…)` of a style sheet.
    static func references(in text: String, from sitePath: String) -> [String] {
        var found: [String] = []
        let ns = text as NSString
        for match in attribute.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            if let (target, _) = resolve(ns.substring(with: match.range(at: 3)), from: sitePath) { found.append(target) }
        }
        let css = try! NSRegularExpression(pattern: #"url\(\s*['"]?([^'")]+)['"]?\s*\)"#)
        for match in css.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            if let (target, _) = resolve(ns.substring(with: match.range(at: 1)), from: sitePath) { found.append(target) }
        }
        return found
    }
}

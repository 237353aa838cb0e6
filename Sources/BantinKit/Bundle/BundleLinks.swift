import Foundation

/// Re-points the links of a page copied into a bundle: to the bundled copy when there is one,
/// else to the page's web address, marked `data-online` so readers know it needs the Internet.
enum BundleLinks {
    /// nil when every link stays as it is (a page of the whole-site bundle, where every file keeps its place).
    static func rewrite(_ html: [UInt8], sitePath: String, bundlePath: String, included: [String: String],
                        baseURL: String) -> [UInt8]? {
        HTMLTags(bytes: html).rewriteLinks { link in
            guard let (target, fragment) = resolve(link.value, from: sitePath) else { return nil }
            if let copy = included[target] {
                if copy == target && bundlePath == sitePath { return nil }
                return "\(link.space)\(link.name)=\"\(relative(from: bundlePath, to: copy))\(fragment)\""
            }
            let online = link.tag == "a" ? "data-online=\"true\" " : ""
            return "\(link.space)\(online)\(link.name)=\"\(baseURL)\(target)\(fragment)\""
        }
    }

    /// The output path a relative link points at, and its `#fragment`; nil for absolute
    /// addresses and same-page anchors, which need no change.
    static func resolve(_ value: String, from sitePath: String) -> (String, String)? {
        if value.isEmpty || value.hasPrefix("#") || value.hasPrefix("//") || value.utf8.contains(UInt8(ascii: ":")) { return nil }
        // On bytes: every link of every page of the whole-site bundle comes through here.
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        let bytes = Array(value.utf8)
        let hash = bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
        var path = Array(sitePath.utf8)
        path.removeSubrange((path.lastIndex(of: slash) ?? 0)...)
        for segment in bytes[..<hash].split(separator: slash) {
            if segment.elementsEqual([dot, dot]) {
                path.removeSubrange((path.lastIndex(of: slash) ?? 0)...)
            } else if !segment.elementsEqual([dot]) {
                if !path.isEmpty { path.append(slash) }
                path += segment
            }
        }
        return (String(decoding: path, as: UTF8.self), String(decoding: bytes[hash...], as: UTF8.self))
    }

    static func relative(from page: String, to target: String) -> String {
        let from = page.split(separator: "/").dropLast().map(String.init)
        let to = target.split(separator: "/").map(String.init)
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        return String(repeating: "../", count: from.count - common) + to[common...].joined(separator: "/")
    }

    private static let cssURL = try! NSRegularExpression(pattern: #"url\(\s*['"]?([^'")]+)['"]?\s*\)"#)

    /// Every relative href/src target of a page or `url(…)` of a style sheet.
    static func references(in text: String, from sitePath: String) -> [String] {
        var found = HTMLTags(text).links().compactMap { resolve($0.value, from: sitePath)?.0 }
        guard text.containsBytes("url(") else { return found }
        let ns = text as NSString
        for match in cssURL.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            if let (target, _) = resolve(ns.substring(with: match.range(at: 1)), from: sitePath) { found.append(target) }
        }
        return found
    }
}

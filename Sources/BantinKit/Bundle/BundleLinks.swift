import Foundation

/// Re-points the links of a page copied into a bundle: to the bundled copy when there is one,
/// else to the page's web address, marked `data-online` so readers know it needs the Internet.
enum BundleLinks {
    /// nil when every link stays as it is (a page of the whole-site bundle, where every file keeps its place).
    static func rewrite(_ html: [UInt8], sitePath: String, bundlePath: String, included: [String: String],
                        baseURL: String) -> [UInt8]? {
        // A link to a file the bundle holds in its own place stays as written: in the whole-site
        // bundle that is almost every link of 20,000 pages, told from the link's bytes.
        let inPlace = bundlePath == sitePath
        return HTMLTags(bytes: html).rewriteLinks(where: mayBeRelative, keeps: { value in
            inPlace && value.withUnsafeBufferPointer { target(of: $0, from: sitePath) }.map { included[$0.path] == $0.path } == true
        }) { link in
            guard let (target, fragment) = resolve(link.value, from: sitePath) else { return nil }
            if let copy = included[target] {
                return "\(link.space)\(link.name)=\"\(encode(relative(from: bundlePath, to: copy)))\(fragment)\""
            }
            let online = link.tag == "a" ? "data-online=\"true\" " : ""
            return "\(link.space)\(online)\(link.name)=\"\(baseURL)\(encode(target))\(fragment)\""
        }
    }

    /// False for what `resolve` returns nil for without looking further (absolute addresses and
    /// same-page anchors), on the attribute's raw bytes: most links of a page are these, and the
    /// whole-site bundle would make strings of every one of them.
    static func mayBeRelative(_ value: ArraySlice<UInt8>) -> Bool {
        guard let first = value.first, first != UInt8(ascii: "#") else { return false }
        if first == UInt8(ascii: "/"), value.dropFirst().first == UInt8(ascii: "/") { return false }
        return !value.contains(UInt8(ascii: ":"))
    }

    /// The output path a relative link points at, as the file is named on disk (percent-decoded:
    /// `%20` is a space), and its `#fragment`; nil for absolute addresses and same-page anchors,
    /// which need no change. A path written back into a page goes through `encode`.
    static func resolve(_ value: String, from sitePath: String) -> (String, String)? {
        var value = value
        return value.withUTF8 { bytes in
            target(of: bytes, from: sitePath).map { target, hash in
                (target, hash == bytes.count ? "" : String(decoding: UnsafeBufferPointer(rebasing: bytes[hash...]), as: UTF8.self))
            }
        }
    }

    /// `resolve` on a link's bytes: the path, and where the `#fragment` starts (the end if none).
    private static func target(of bytes: UnsafeBufferPointer<UInt8>, from sitePath: String) -> (path: String, hash: Int)? {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        guard let first = bytes.first, first != UInt8(ascii: "#"), !bytes.starts(with: [slash, slash]),
              !bytes.contains(UInt8(ascii: ":")) else { return nil }
        // On bytes, into one buffer: every relative link of every page of the whole-site bundle
        // comes through here.
        let hash = bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
        var path: [UInt8] = []
        path.reserveCapacity(sitePath.utf8.count + hash)
        path += sitePath.utf8
        path.removeSubrange((path.lastIndex(of: slash) ?? 0)...)
        // Each segment between slashes (empty ones skipped): ".." climbs, "." stays.
        var start = 0
        while start < hash {
            var end = start
            while end < hash, bytes[end] != slash { end += 1 }
            let length = end - start
            if length == 2, bytes[start] == dot, bytes[start + 1] == dot {
                path.removeSubrange((path.lastIndex(of: slash) ?? 0)...)
            } else if length > 0, !(length == 1 && bytes[start] == dot) {
                if !path.isEmpty { path.append(slash) }
                path += UnsafeBufferPointer(rebasing: bytes[start..<end])
            }
            start = end + 1
        }
        let target = String(decoding: path, as: UTF8.self)
        return (path.contains(UInt8(ascii: "%")) ? target.removingPercentEncoding ?? target : target, hash)
    }

    /// A path on disk as it goes into an `href`/`src`: what a URL path may not hold raw (spaces,
    /// accents, `%`, `#`, `?`, quotes) percent-encoded; `/` and plain names are left as they are.
    static func encode(_ path: String) -> String {
        if path.utf8.allSatisfy(isPathByte) { return path }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in path.utf8 {
            if isPathByte(byte) { out.append(byte) } else { out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]] }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Letters, digits and RFC 3986's path characters other than `%`: `&` and `;` among them, so
    /// a link's `&amp;` (the attribute's own escaping) stays as written.
    private static let pathBytes = Set("-._~!$&'()*+,;=:@/".utf8)
    private static func isPathByte(_ byte: UInt8) -> Bool { HTMLTags.isLetter(byte) || HTMLTags.isDigit(byte) || pathBytes.contains(byte) }

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

public extension String {
    /// Escapes text for use inside a double- or single-quoted HTML attribute or as element text.
    var htmlEscaped: String {
        // The five characters escaped are ASCII, so the text is escaped on its UTF-8 bytes, and
        // text with none of them (most titles and paths) is returned as it is. The vendored
        // Mustache escapes the same way in its own copy (String.swift): it depends on nothing.
        let special: (UInt8) -> Bool = { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        guard utf8.contains(where: special) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 32)
        for byte in utf8 {
            switch byte {
            case 0x26: out += "&amp;".utf8
            case 0x3C: out += "&lt;".utf8
            case 0x3E: out += "&gt;".utf8
            case 0x22: out += "&quot;".utf8
            case 0x27: out += "&#39;".utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

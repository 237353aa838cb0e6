extension QRCode {
    /// Light modules the standard requires around the symbol for scanners to find it.
    public static let quietZone = 4

    /// A standalone SVG document, also usable inline in HTML.
    ///
    /// Dark modules are drawn as one `<path>` of row runs (`M{x} {y}h{len}v1h-{len}z`),
    /// which keeps the file small and avoids the hairline seams separate rects show
    /// when scaled; `crispEdges` keeps module edges sharp. The background is painted
    /// white so the code still scans on a dark page or in dark mode.
    ///
    /// - Parameters:
    ///   - label: the accessible name, e.g. the URL or "Mã QR tới bài viết".
    ///   - cssSize: width and height such as "40mm"; nil lets the container decide.
    public func svg(label: String, size cssSize: String? = nil) -> String {
        let side = size + 2 * Self.quietZone
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\""
        if let cssSize {
            let escaped = cssSize.xmlEscaped
            svg += " width=\"\(escaped)\" height=\"\(escaped)\""
        }
        svg += " role=\"img\" shape-rendering=\"crispEdges\">"
        svg += "<title>\(label.xmlEscaped)</title>"
        svg += "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
        svg += "<path fill=\"#000\" d=\"\(pathData)\"/>"
        svg += "</svg>\n"
        return svg
    }

    /// Path data for the dark modules, offset by the quiet zone.
    var pathData: String {
        var d = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                let start = x
                while x < size, isDark(x: x, y: y) { x += 1 }
                let length = x - start
                d += "M\(start + Self.quietZone) \(y + Self.quietZone)h\(length)v1h-\(length)z"
            }
        }
        return d
    }
}

extension String {
    /// Escapes text for XML element content and double- or single-quoted attributes.
    var xmlEscaped: String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

import Testing
import QRCode

struct QRCodeSVGTests {
    let code: QRCode

    init() throws {
        code = try QRCode("https://example.com/bài-viết/xin-chào?x=1&y=2")
    }

    @Test func documentShape() {
        let svg = code.svg(label: "Mã QR")
        #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 41 41" role="img" shape-rendering="crispEdges">"#))
        #expect(svg.contains("<title>Mã QR</title>"))
        #expect(svg.contains(##"<rect width="41" height="41" fill="#fff"/>"##))
        #expect(svg.contains(##"<path fill="#000" d="M4 4h7v1h-7z"##))  // top row of the first finder
        #expect(svg.hasSuffix("</svg>\n"))
    }

    @Test func cssSizeSetsWidthAndHeight() {
        let svg = code.svg(label: "x", size: "40mm")
        #expect(svg.contains(#" width="40mm" height="40mm" "#))
        #expect(code.svg(label: "x", size: #"1"<"#).contains(#"width="1&quot;&lt;""#))
    }

    @Test func labelIsEscaped() {
        let svg = code.svg(label: #"<Tin & "tức">"#)
        #expect(svg.contains("<title>&lt;Tin &amp; &quot;tức&quot;&gt;</title>"))
        #expect(!svg.contains("<Tin"))
    }

    @Test func pathCoversExactlyTheDarkModules() throws {
        let svg = code.svg(label: "x")
        let d = try #require(pathData(in: svg))
        var painted = Set<[Int]>()
        for run in try parseRuns(d) {
            // Coordinates include the 4-module quiet zone.
            for x in run.x..<(run.x + run.length) {
                #expect(painted.insert([x - 4, run.y - 4]).inserted, "module painted twice")
            }
        }
        var dark = Set<[Int]>()
        for y in 0..<code.size {
            for x in 0..<code.size where code.isDark(x: x, y: y) { dark.insert([x, y]) }
        }
        #expect(dark.count > code.size * code.size / 3)
        #expect(painted == dark)
    }

    private func pathData(in svg: String) -> Substring? {
        guard let start = svg.firstRange(of: " d=\"") else { return nil }
        let rest = svg[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return rest[..<end]
    }

    struct Run { let x: Int; let y: Int; let length: Int }
    struct MalformedPath: Error { let segment: Substring }

    /// Reads back "M{x} {y}h{len}v1h-{len}z" segments, rejecting anything else.
    private func parseRuns(_ d: Substring) throws -> [Run] {
        try d.split(separator: "z").map { segment in
            guard segment.first == "M" else { throw MalformedPath(segment: segment) }
            let parts = segment.dropFirst().split(whereSeparator: { " hv".contains($0) })
            guard parts.count == 5, parts[3] == "1",
                  let x = Int(parts[0]), let y = Int(parts[1]), let length = Int(parts[2]),
                  parts[4] == "-\(length)", length > 0
            else { throw MalformedPath(segment: segment) }
            return Run(x: x, y: y, length: length)
        }
    }
}

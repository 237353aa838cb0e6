import Testing
@testable import CommonMark

@Suite("HTML escaping")
struct HTMLEscapingTests {
    /// The scalar-by-scalar definition the byte-level escaping replaced.
    static func reference(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    @Test func escapesTheFiveCharactersAndNothingElse() {
        #expect("Tổ <3> & \"Đồng\" 'Tâm'".htmlEscaped == "Tổ &lt;3&gt; &amp; &quot;Đồng&quot; &#39;Tâm&#39;")
        #expect("Không có gì".htmlEscaped == "Không có gì")
        #expect("".htmlEscaped == "")
    }

    /// Every ASCII character, combining marks after a special one, Vietnamese letters and emoji,
    /// in random order: the same text as the reference, byte for byte.
    @Test func equalsTheScalarDefinitionOnRandomText() {
        let pieces = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) } + ["\u{301}", "ệ", "Đ", "😀", "\u{FEFF}", "&amp;", "\u{A0}"]
        var state: UInt64 = 7
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<Int(state % 12) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            #expect(Array(text.htmlEscaped.utf8) == Array(Self.reference(text).utf8), "\(text.debugDescription)")
        }
    }
}

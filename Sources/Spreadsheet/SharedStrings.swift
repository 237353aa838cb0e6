/// Collects the text of rich-text containers: `<si>` in sharedStrings.xml and `<is>` in a sheet.
///
/// A container holds either one `<t>` or rich-text runs `<r><t>…</t></r>` whose texts are
/// joined. Phonetic runs `<rPh><t>` (furigana for East Asian text) also hold `<t>` but are
/// not part of the cell's text, so they are skipped.
struct RichTextCollector {
    private var inText = false
    private var phoneticDepth = 0
    private var buffer = ""

    mutating func start(_ name: String) {
        switch name {
        case "rPh": phoneticDepth += 1
        case "t": inText = phoneticDepth == 0
        default: break
        }
    }

    mutating func end(_ name: String) {
        switch name {
        case "rPh": phoneticDepth -= 1
        case "t": inText = false
        default: break
        }
    }

    mutating func text(_ string: String) {
        if inText { buffer += string }
    }

    /// The finished text, with OOXML's `_xHHHH_` escapes decoded, and the collector reset.
    mutating func finish() -> String {
        defer { self = RichTextCollector() }
        return OOXMLEscape.decode(buffer)
    }
}

final class SharedStringsHandler: XMLHandler {
    private(set) var strings: [String] = []
    private var collector = RichTextCollector()
    private var inItem = false

    func start(_ name: String, attributes: [String: String]) throws(SpreadsheetError) {
        if name == "si" {
            inItem = true
            collector = RichTextCollector()
        } else if inItem {
            collector.start(name)
        }
    }

    func end(_ name: String) throws(SpreadsheetError) {
        if name == "si" {
            strings.append(collector.finish())
            inItem = false
        } else if inItem {
            collector.end(name)
        }
    }

    func text(_ string: String) {
        if inItem { collector.text(string) }
    }
}

/// XML cannot carry most control characters, so OOXML spells them `_xHHHH_` (Excel writes a
/// carriage return typed in a cell as `_x000D_`) and escapes a literal "_x" as `_x005F_x`.
enum OOXMLEscape {
    static func decode(_ text: String) -> String {
        // Byte scan rather than `contains("_x")`, which Foundation routes through NSString.
        var previous: UInt8 = 0
        var hasEscape = false
        for byte in text.utf8 {
            if previous == UInt8(ascii: "_"), byte == UInt8(ascii: "x") {
                hasEscape = true
                break
            }
            previous = byte
        }
        guard hasEscape else { return text }
        var scalars = Array(text.unicodeScalars)[...]
        var output = String.UnicodeScalarView()
        while let scalar = scalars.first {
            if scalar == "_", scalars.count >= 7,
               scalars.dropFirst().first == "x",
               scalars.dropFirst(6).first == "_",
               let value = UInt32(String(String.UnicodeScalarView(scalars.dropFirst(2).prefix(4))), radix: 16),
               scalars.dropFirst(2).prefix(4).allSatisfy({ $0.properties.isASCIIHexDigit }),
               let decoded = Unicode.Scalar(value) {
                output.append(decoded)
                scalars = scalars.dropFirst(7)
            } else {
                output.append(scalar)
                scalars = scalars.dropFirst()
            }
        }
        return String(output)
    }
}

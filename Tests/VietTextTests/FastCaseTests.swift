import Foundation
import Testing
import VietText

/// `VietText.fold` and `VietText.lowercase` work on UTF-8 bytes with tables; these tests hold them
/// to the scalar-by-scalar implementations they replaced (kept below as the reference), byte for
/// byte, since Swift's `==` would call NFC and NFD text equal.
@Suite struct FastCaseTests {
    /// `VietText.fold` as it was before it worked on UTF-8 bytes.
    static func referenceFold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        func emit(_ scalar: Unicode.Scalar) {
            if referenceIsSpace(scalar) {
                pendingSpace = !out.isEmpty
                return
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        for scalar in s.unicodeScalars {
            if scalar.isASCII {
                emit((0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0x20)! : scalar)
            } else {
                // Lowercase first (İ → i̇), then NFD, đ/Đ/ð/Ð → d/D, every combining mark dropped.
                for part in String(scalar).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
                    switch part.properties.generalCategory {
                    case .nonspacingMark, .spacingMark, .enclosingMark: continue
                    default: break
                    }
                    switch part.value {
                    case 0x0111, 0x00F0: emit("d")
                    case 0x0110, 0x00D0: emit("D")
                    default: emit(part)
                    }
                }
            }
        }
        return String(out)
    }

    static func referenceIsSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return scalar.properties.isWhitespace || [0x85, 0x2028, 0x2029].contains(scalar.value)
    }

    /// Byte-for-byte differences from the references, as readable lines (at most a few).
    static func differences(_ inputs: [String]) -> [String] {
        var found: [String] = []
        for input in inputs where found.count < 10 {
            let codes = input.unicodeScalars.prefix(40).map { String($0.value, radix: 16) }.joined(separator: " ")
            if Array(VietText.fold(input).utf8) != Array(referenceFold(input).utf8) {
                found.append("fold [\(codes)]: \(VietText.fold(input).debugDescription) ≠ \(referenceFold(input).debugDescription)")
            }
            if Array(VietText.lowercase(input).utf8) != Array(input.lowercased().utf8) {
                found.append("lowercase [\(codes)]: \(VietText.lowercase(input).debugDescription) ≠ \(input.lowercased().debugDescription)")
            }
        }
        return found
    }

    /// Every scalar from U+0000 to U+2FFF (Latin Extended Additional included) and of the blocks
    /// beyond with case, marks or spaces, alone and among letters, marks and spaces.
    @Test func everyScalarFoldsAndLowercasesAsBefore() {
        let ranges: [ClosedRange<UInt32>] = [0...0x2FFF, 0x3000...0x303F, 0xA640...0xA7FF, 0xAB30...0xAB6F, 0xFB00...0xFB4F,
                                             0xFE00...0xFE2F, 0xFF00...0xFF65, 0x10400...0x1044F, 0x1E900...0x1E94B,
                                             0x1F1E6...0x1F1FF, 0x1F300...0x1F64F, 0xE0000...0xE007F, 0xE0100...0xE01EF]
        var inputs: [String] = []
        for value in ranges.joined() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let c = String(scalar)
            inputs += [c, "A\(c)b", " \(c) ", "a \(c)\tB", "\(c)\(c)x", "Đ\(c)\u{0301}ở\u{00A0}"]
        }
        #expect(inputs.count > 6 * 14_000)
        #expect(Self.differences(inputs) == [])
    }

    /// Thousands of random strings (seeded, so a failure reproduces) mixing what real text and
    /// hostile text hold: ASCII, Vietnamese letters in NFC and NFD, stray marks, every kind of
    /// space and line break, controls, letters whose case mapping changes length, emoji, CJK.
    @Test func randomTextFoldsAndLowercasesAsBefore() {
        let pieces = [
            "a", "Z", "Q", "m", "0", "9", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{00}", "\u{1F}", "\u{7F}",
            ".", ",", ":", "/", "-", "\"", "'", "\\", "<", "~",
            "Việt", "NAM", "Đồng", "đ", "Đ", "ð", "Ð", "ưỚc", "ẮẰẲẴẶ", "ỹ", "Ỹ", "ơ", "Ơ", "ư", "Ư", "ă", "Â",
            "Vie\u{0302}\u{0323}t", "a\u{0306}\u{0301}", "U\u{031B}\u{0309}", "\u{0300}", "\u{0323}\u{0302}", "\u{20DD}",
            "\u{00A0}", "\u{2003}", "\u{3000}", "\u{0085}", "\u{2028}", "\u{2029}", "\u{1680}", "\u{200B}", "\u{FEFF}", "\u{202F}",
            "ΟΔΟΣ", "ς", "İ", "ı", "ẞ", "ß", "Ⱥ", "Ǆ", "ǅ", "ǈ", "Ω", "K", "ŉ", "ǰ", "ﬁ", "Σ", "ΐ",
            "“", "”", "—", "…", "«", "€", "½", "²", "ª",
            "😀", "👍🏽", "👩‍👩‍👧", "🇻🇳", "❤️", "中文", "國", "한국어", "𐐀", "𞤀", "Ａ",
        ]
        var generator = SplitMix64(seed: 0xB4_7715)
        var inputs: [String] = []
        for round in 0..<6_000 {
            let count = round % 100 == 0 ? 2_000 : Int.random(in: 0...40, using: &generator)
            inputs.append((0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        #expect(Self.differences(inputs) == [])
    }

    /// Results longer than the text (Ⱥ lowercases to a three-byte ⱥ, a Hangul syllable folds into
    /// three jamo) outgrow the buffer sized for the text.
    @Test func resultsLongerThanTheTextAsBefore() {
        let inputs = ["Ⱥ", "Ⱦ", "한", "Ⱥ한"].flatMap { [String(repeating: $0, count: 5), String(repeating: $0, count: 3_000)] }
        #expect(Self.differences(inputs) == [])
        #expect(VietText.lowercase(String(repeating: "Ⱥ", count: 3_000)).utf8.count == 9_000)
        #expect(VietText.fold(String(repeating: "Ⱥ", count: 3_000)).utf8.count == 9_000)
        #expect(VietText.fold(String(repeating: "한", count: 3_000)).utf8.count == 27_000)
    }

    /// Swift lowercases scalar by scalar, with no context: a final capital sigma becomes σ, not ς,
    /// and a dotted capital I is i plus a combining dot. `VietText.lowercase` relies on it.
    @Test(arguments: ["ΟΔΟΣ", "ΟΔΟΣ ΟΔΟΣ.", "Σ", "ΑΣ Σ", "İSTANBUL", "ĐẢNG CỘNG SẢN", "Ǆ ǅ ǆ", "ẞ", "Ⱥ", "ΐ", "𐐀", "Ａ"])
    func lowercaseHasNoContextRules(_ text: String) {
        let scalarByScalar = text.unicodeScalars.map { String($0).lowercased() }.joined()
        #expect(Array(text.lowercased().utf8) == Array(scalarByScalar.utf8))
        #expect(Array(VietText.lowercase(text).utf8) == Array(text.lowercased().utf8))
    }

    @Test func lowercaseExamples() {
        #expect(VietText.lowercase("ĐẢNG CỘNG SẢN Việt Nam 2025") == "đảng cộng sản việt nam 2025")
        #expect(VietText.lowercase("ΟΔΟΣ").unicodeScalars.last == "σ")
        #expect(VietText.lowercase("") == "")
    }

    /// The trimmings that skip asking for the set when both ends are visible ASCII trim as with the set.
    @Test func trimmingWithoutTheSetTrimsAsWithIt() {
        var inputs = ["", " ", "a", "ab", " a", "a ", "\ta\n", "\r\n", "a\r\n", "\u{00A0}x", "x\u{00A0}", "\u{2028}x", "x\u{0085}",
                      "\u{3000}x\u{3000}", "họp dân", " họp dân ", "ộ", "1.200", "!", "~x~", "\u{7F}", "a\u{0301}", "\u{0301}a", "a\u{200B}"]
        for value in UInt32(0)...0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            inputs += [String(scalar), "a\(scalar)", "\(scalar)z", "\(scalar)mid\(scalar)"]
        }
        let differences = inputs.filter { input in
            Array(input.trimmingWhitespacesAndNewlines().utf8) != Array(input.trimming(.whitespacesAndNewlines).utf8)
                || Array(input.trimmingWhitespaces().utf8) != Array(input.trimming(.whitespaces).utf8)
        }
        #expect(differences == [])
    }
}

/// A seeded generator, so random inputs are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Foundation

/// Vietnamese text rules shared by the whole engine: normalisation, slugs, folding.
public enum VietText {
    /// NFC normalisation (Foundation precomposedStringWithCanonicalMapping).
    ///
    /// Everything is normalised on load because macOS file names and some editors hand us NFD,
    /// and Swift's `==` hides the difference while hashes, cache keys and output bytes do not.
    public static func nfc(_ s: String) -> String {
        s.precomposedStringWithCanonicalMapping
    }

    /// Folding for search and matching: lowercase, all diacritics removed, đ→d, whitespace
    /// collapsed, trimmed. So "hòa"/"hoà", "thủy"/"thuỷ", NFD/NFC all fold equal.
    ///
    /// Folding throws the tone away entirely rather than trying to normalise its position:
    /// old and new tone placement ("hòa"/"hoà") differ in which vowel carries the mark, and
    /// no rewrite is safe for proper names, whereas dropping it is always consistent.
    public static func fold(_ s: String) -> String {
        // Lowercase first: some capitals lowercase into a base plus a mark (İ → i̇),
        // and that mark must be stripped as well.
        let stripped = stripMarks(s.lowercased())
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in stripped {
            if scalar.properties.isWhitespace || isNewlineScalar(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// NFD, đ/Đ (and the look-alike eth) mapped to d/D, every combining mark dropped.
    /// Case is preserved; callers lowercase as they need.
    static func stripMarks(_ s: String) -> String.UnicodeScalarView {
        var out = String.UnicodeScalarView()
        for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars {
            if isCombiningMark(scalar) { continue }
            out.append(dStrokeToD(scalar))
        }
        return out
    }

    /// đ/Đ have no canonical decomposition, so stripping marks would keep them; Ð/ð (eth)
    /// are what some old fonts and careless typists produce for Đ/đ, so they are folded
    /// the same way instead of turning into separators.
    static func dStrokeToD(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x0111, 0x00F0: return "d"
        case 0x0110, 0x00D0: return "D"
        default: return scalar
        }
    }

    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    // Line and paragraph separators are not all flagged `isWhitespace`.
    static func isNewlineScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
}

import Foundation

/// Vietnamese text rules shared by the whole engine: normalisation, slugs, folding.
public enum VietText {
    /// NFC normalisation (Foundation precomposedStringWithCanonicalMapping).
    ///
    /// Everything is normalised on load because macOS file names and some editors hand us NFD,
    /// and Swift's `==` hides the difference while hashes, cache keys and output bytes do not.
    public static func nfc(_ s: String) -> String {
        isSurelyNFC(s) ? s : inSlices(s) { $0.precomposedStringWithCanonicalMapping }
    }

    /// NFD normalisation (Foundation decomposedStringWithCanonicalMapping), as fast on a long line as on a short one.
    ///
    /// Text made only of ASCII and the Latin letters of `ScalarTable` (all of Vietnamese, precomposed)
    /// is decomposed a letter at a time from a table: each letter's marks come out in canonical
    /// order, and no mark stands alone to be reordered across letters. Anything else (a combining
    /// mark typed on its own, another script) goes to Foundation whole. Slugs and collation keys
    /// decompose every title and heading: through Foundation that was 5 % of a big site's build.
    public static func nfd(_ s: String) -> String {
        var decomposer = Decomposer()
        let decomposed = decomposedLetters.map(s, with: &decomposer)
        return decomposer.tabledAll ? decomposed : inSlices(s) { $0.decomposedStringWithCanonicalMapping }
    }

    private struct Decomposer: ScalarSink {
        var tabledAll = true

        func ascii(_ byte: UInt8, to out: inout ByteWriter) { out.append(byte) }
        func tabled(_ decomposed: UnsafeBufferPointer<UInt8>, to out: inout ByteWriter) { out.append(contentsOf: decomposed) }
        mutating func other(_ scalar: Unicode.Scalar, to out: inout ByteWriter) { tabledAll = false }
    }

    /// Only letters that decompose into themselves or a letter and marks: a letter whose mapping
    /// begins with a mark (none in these ranges) could reorder with the letter before it.
    private static let decomposedLetters = ScalarTable(hex: ScalarTableData.decomposedLetters)

    /// The definition `decomposedLetters` was stored from (`ScalarTableDataTests`).
    static func makeDecomposedLetters() -> ScalarTable {
        ScalarTable { scalar in
            let parts = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
            guard let first = parts.first, !isCombiningMark(first) else { return nil }
            return Array(String(parts).utf8)
        }
    }

    /// A quick check that skips normalising almost every file: below U+0300 (before the
    /// combining marks), in Latin Extended Additional (where precomposed Vietnamese letters
    /// live) and among typographic punctuation, super- and subscripts and currency signs
    /// (U+2002–U+20CF) every character is already NFC and cannot combine with the one before.
    /// False means "maybe not", never "not". `VietTextTests` checks every character of these
    /// ranges against Foundation.
    public static let surelyNFCRanges: [ClosedRange<UInt32>] = [0...0x2FF, 0x1E00...0x1EFF, 0x2002...0x20CF]

    public static func isSurelyNFC(_ s: String) -> Bool {
        // On the UTF-8 bytes, which is many times faster than decoding scalars: a lead byte below
        // 0xCC is U+0000–U+02FF, E1 B8–BB is U+1E00–U+1EFF, E2 80 82 – E2 83 8F is U+2002–U+20CF.
        // Read through a buffer pointer: the loading of every content file goes through here.
        var s = s
        return s.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0xCC { index += 1; continue }
                guard index + 2 < count else { return false }
                let second = bytes[index + 1], third = bytes[index + 2]
                switch (byte, second) {
                case (0xE1, 0xB8...0xBB): break
                case (0xE2, 0x80) where third >= 0x82: break
                case (0xE2, 0x81...0x82): break
                case (0xE2, 0x83) where third <= 0x8F: break
                default: return false
                }
                index += 3
            }
            return true
        }
    }

    /// Foundation's normaliser on Linux shifts the rest of its buffer for every letter it changes, so
    /// one call over a megabyte-long line took tens of seconds. Normalisation never reaches across a
    /// grapheme cluster (a letter and all its marks), so normalising runs of whole Characters one at a
    /// time gives the same result in linear time.
    private static func inSlices(_ s: String, _ normalize: (String) -> String) -> String {
        guard s.utf8.count > 4096 else { return normalize(s) }
        var out = ""
        out.reserveCapacity(s.utf8.count + s.utf8.count / 2)
        var start = s.startIndex
        while start < s.endIndex {
            let end = s.index(start, offsetBy: 1024, limitedBy: s.endIndex) ?? s.endIndex
            out += normalize(String(s[start..<end]))
            start = end
        }
        return out
    }

    /// Folding for search and matching: lowercase, all diacritics removed, đ→d, whitespace
    /// collapsed, trimmed. So "hòa"/"hoà", "thủy"/"thuỷ", NFD/NFC all fold equal.
    ///
    /// Folding throws the tone away entirely rather than trying to normalise its position:
    /// old and new tone placement ("hòa"/"hoà") differ in which vowel carries the mark, and
    /// no rewrite is safe for proper names, whereas dropping it is always consistent.
    public static func fold(_ s: String) -> String {
        var folder = Folder()
        return foldedLetters.map(s, with: &folder)
    }

    private struct Folder: ScalarSink {
        // A space is only noted, and written before the next letter: runs collapse, ends are trimmed.
        var pendingSpace = false

        mutating func space(_ out: borrowing ByteWriter) { pendingSpace = !out.isEmpty }

        mutating func letter<Bytes: Sequence<UInt8>>(_ bytes: Bytes, to out: inout ByteWriter) {
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(contentsOf: bytes)
        }

        mutating func ascii(_ byte: UInt8, to out: inout ByteWriter) {
            if byte == 0x20 || (0x09...0x0D).contains(byte) { return space(out) }
            letter(CollectionOfOne(lowercasedASCII(byte)), to: &out)
        }

        mutating func tabled(_ folded: UnsafeBufferPointer<UInt8>, to out: inout ByteWriter) {
            if folded.first == 0x20 { return space(out) }
            if !folded.isEmpty { letter(folded, to: &out) }
        }

        mutating func other(_ scalar: Unicode.Scalar, to out: inout ByteWriter) {
            for part in foldedScalar(scalar) {
                if isSpace(part) { space(out) } else { letter(part.utf8, to: &out) }
            }
        }
    }

    /// Exactly `String.lowercased()`, several times faster on Vietnamese text: the letters it is
    /// made of are lowercased from a table. Swift lowercases scalar by scalar (no context rules:
    /// "ΟΔΟΣ" becomes "οδοσ"), so lowercasing each scalar alone gives the same bytes.
    public static func lowercase(_ s: String) -> String {
        var lowercaser = Lowercaser()
        return lowercaseLetters.map(s, with: &lowercaser)
    }

    private struct Lowercaser: ScalarSink {
        // Never read. A value of no size has one address on every thread, and the thread sanitizer
        // then takes each call's `inout` sink for one variable written by all of them at once.
        private var sized = 0

        func ascii(_ byte: UInt8, to out: inout ByteWriter) { out.append(lowercasedASCII(byte)) }
        func tabled(_ lowercased: UnsafeBufferPointer<UInt8>, to out: inout ByteWriter) { out.append(contentsOf: lowercased) }
        func other(_ scalar: Unicode.Scalar, to out: inout ByteWriter) { out.append(contentsOf: String(scalar).lowercased().utf8) }
    }

    @inline(__always)
    private static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace || isNewlineScalar(scalar)
    }

    private static func foldedScalar(_ scalar: Unicode.Scalar) -> String.UnicodeScalarView {
        // Lowercase first: some capitals lowercase into a base plus a mark (İ → i̇),
        // and that mark must be stripped as well.
        stripMarks(String(scalar).lowercased())
    }

    /// The letters Vietnamese text is made of, folded once: folding through Foundation's NFD per
    /// letter is most of the cost of a search index. A letter's fold is its UTF-8, a space's is
    /// a single " " (a scalar that folds into a mix of both is left to `foldedScalar`).
    private static let foldedLetters = ScalarTable(hex: ScalarTableData.foldedLetters)

    /// The definition `foldedLetters` was stored from.
    static func makeFoldedLetters() -> ScalarTable {
        ScalarTable { scalar in
            let parts = foldedScalar(scalar)
            let spaces = parts.filter(isSpace).count
            if spaces == 0 { return Array(String(parts).utf8) }
            return spaces == parts.count ? [0x20] : nil
        }
    }

    private static let lowercaseLetters = ScalarTable(hex: ScalarTableData.lowercaseLetters)

    /// The definition `lowercaseLetters` was stored from.
    static func makeLowercaseLetters() -> ScalarTable { ScalarTable { Array(String($0).lowercased().utf8) } }

    /// NFD, đ/Đ (and the look-alike eth) mapped to d/D, every combining mark dropped.
    /// Case is preserved; callers lowercase as they need.
    static func stripMarks(_ s: String) -> String.UnicodeScalarView {
        var out = String.UnicodeScalarView()
        for scalar in nfd(s).unicodeScalars {
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

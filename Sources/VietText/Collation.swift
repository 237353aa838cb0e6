import Foundation

/// Vietnamese collation (CLDR vi): letters a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
/// (f j w z placed where Latin puts them); tones are secondary (ngang < huyền < hỏi < ngã < sắc
/// < nặng), case tertiary; runs of digits compare numerically, so "Tổ dân phố số 2" < "Tổ dân
/// phố số 10". Must work on NFC and NFD input alike.
///
/// Implemented here rather than through ICU or `String.compare(options:locale:)` because glibc's
/// vi_VN locale is usually absent on build machines, and the order of a published index must
/// not depend on where the site was built.
public enum VietCollation {
    /// A precomputed sort key: compare keys instead of strings when sorting many items.
    public struct Key: Hashable, Comparable, Sendable {
        fileprivate let weights: [UInt32]

        /// On the buffers: the generic `lexicographicallyPrecedes` was most of sorting 10,000 titles.
        public static func < (a: Key, b: Key) -> Bool {
            a.weights.withUnsafeBufferPointer { x in
                b.weights.withUnsafeBufferPointer { y in
                    for index in 0..<min(x.count, y.count) where x[index] != y[index] { return x[index] < y[index] }
                    return x.count < y.count
                }
            }
        }
    }

    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        key(a) < key(b)
    }

    /// .orderedSame only when the NFC strings are byte-equal.
    public static func compare(_ a: String, _ b: String) -> ComparisonResult {
        let ka = key(a), kb = key(b)
        if ka == kb { return .orderedSame }
        return ka < kb ? .orderedAscending : .orderedDescending
    }

    /// Convenience: stable sort by key.
    public static func sorted<T>(_ items: [T], by key: (T) -> String) -> [T] {
        let keyed = items.enumerated().map { (offset: $0.offset, key: Self.key(key($0.element))) }
        let order = keyed.sorted { $0.key != $1.key ? $0.key < $1.key : $0.offset < $1.offset }
        return order.map { items[$0.offset] }
    }

    /// Levels, in order: primary (letters, digits as numbers, punctuation), secondary (tones and
    /// other accents), tertiary (case, leading zeros), then the NFC UTF-8 bytes so that only
    /// byte-identical strings compare equal and every sort is deterministic.
    public static func key(_ s: String) -> Key {
        let nfc = VietText.nfc(s)
        let scalars = Array(VietText.nfd(nfc).unicodeScalars)
        let facts = scalars.map(ScalarFacts.of)
        var primary: [UInt32] = []
        var secondary: [UInt32] = []
        var tertiary: [UInt32] = []
        primary.reserveCapacity(scalars.count + 4)

        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]

            if facts[i].isFormat {
                // Soft hyphens, zero-width joiners and the like are invisible: ignorable.
                i += 1
                continue
            }

            if facts[i].isMark {
                // A mark with no base letter of its own (or after a digit run).
                secondary.append(Weight.extraMark + scalar.value)
                i += 1
                continue
            }

            if let first = facts[i].decimal {
                var digits = [first]
                var j = i + 1
                while j < scalars.count, let d = facts[j].decimal {
                    digits.append(d)
                    j += 1
                }
                var leadingZeros = 0
                while digits.count > 1 && digits[0] == 0 {
                    digits.removeFirst()
                    leadingZeros += 1
                }
                // Marker, then the digit count, then the digits: a longer number is larger,
                // equal lengths compare digit by digit.
                primary.append(Weight.number)
                primary.append(UInt32(digits.count))
                primary.append(contentsOf: digits.map { $0 + 1 })
                secondary.append(Weight.common)
                tertiary.append(UInt32(1 + leadingZeros))
                i = j
                continue
            }

            if facts[i].isSpace {
                // A run of spaces counts once, so a stray double space does not move an item.
                var j = i + 1
                while j < scalars.count, facts[j].isSpace {
                    j += 1
                }
                primary.append(Weight.space)
                secondary.append(Weight.common)
                tertiary.append(Weight.common)
                i = j
                continue
            }

            var marks: [Unicode.Scalar] = []
            var j = i + 1
            while j < scalars.count, facts[j].isMark {
                marks.append(scalars[j])
                j += 1
            }
            let lower = facts[i].lower, lowerIsAlphabetic = facts[i].lowerIsAlphabetic
            i = j

            let isUpper = lower != scalar
            var letter = Letter.index(of: lower)
            var tone: UInt32 = 0
            var extras: [UInt32] = []
            for mark in marks {
                if let t = Tone.weight(of: mark), tone == 0, letter != nil {
                    tone = t
                } else if let l = letter, let modified = Letter.modified(l, by: mark) {
                    letter = modified
                } else {
                    extras.append(Weight.extraMark + mark.value)
                }
            }

            if let letter {
                primary.append(Weight.latinLetter + UInt32(letter))
            } else if lowerIsAlphabetic {
                primary.append(Weight.otherLetter + lower.value)
            } else {
                primary.append(Weight.symbol + scalar.value)
            }
            secondary.append(Weight.common + tone)
            secondary.append(contentsOf: extras)
            tertiary.append(isUpper ? 2 : 1)
        }

        var weights = primary
        weights.reserveCapacity(primary.count + secondary.count + tertiary.count + nfc.utf8.count + 3)
        weights.append(0)
        weights.append(contentsOf: secondary)
        weights.append(0)
        weights.append(contentsOf: tertiary)
        weights.append(0)
        weights.append(contentsOf: nfc.utf8.map { UInt32($0) })
        return Key(weights: weights)
    }

    /// The Unicode properties `key` asks of a scalar. Swift looks each one up in its tables every
    /// time, which was half of keying 10,000 titles; the scalars that decomposed Vietnamese is made
    /// of (ASCII, Latin letters such as đ, the combining marks: all below U+0370) have theirs
    /// looked up once. `CollationTests` checks the table against the lookups for each of them.
    struct ScalarFacts: Equatable {
        let isFormat: Bool, isMark: Bool, isSpace: Bool
        let decimal: UInt32?
        let lower: Unicode.Scalar
        let lowerIsAlphabetic: Bool

        init(_ scalar: Unicode.Scalar) {
            // Soft hyphens, zero-width joiners and the like are invisible: ignorable.
            isFormat = scalar.properties.generalCategory == .format
            isMark = VietText.isCombiningMark(scalar)
            isSpace = scalar.properties.isWhitespace || VietText.isNewlineScalar(scalar)
            decimal = VietCollation.decimalValue(scalar)
            lower = VietCollation.lowercase(scalar)
            lowerIsAlphabetic = lower.properties.isAlphabetic
        }

        /// Five bytes each: the three flags, whether there is a decimal value and whether the
        /// lowercase is alphabetic as bits, the decimal value, the lowercase scalar (three bytes).
        private init(stored bytes: ArraySlice<UInt8>) {
            let flags = bytes[bytes.startIndex], at = bytes.startIndex
            (isFormat, isMark, isSpace, lowerIsAlphabetic) = (flags & 1 != 0, flags & 2 != 0, flags & 4 != 0, flags & 16 != 0)
            decimal = flags & 8 != 0 ? UInt32(bytes[at + 1]) : nil
            lower = Unicode.Scalar(UInt32(bytes[at + 2]) | UInt32(bytes[at + 3]) << 8 | UInt32(bytes[at + 4]) << 16)!
        }

        private var stored: [UInt8] {
            let flags = (isFormat ? 1 : 0) | (isMark ? 2 : 0) | (isSpace ? 4 : 0) | (decimal != nil ? 8 : 0) | (lowerIsAlphabetic ? 16 : 0)
            let value = lower.value
            return [UInt8(flags), UInt8(decimal ?? 0), UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16)]
        }

        static let tabled: Range<UInt32> = 0..<0x370
        /// Stored (`ScalarTableData`): looked up from Unicode's properties, the table was 0.4 ms
        /// of the first collation key of every command.
        private static let low: [ScalarFacts] = {
            let hex = ScalarTableData.collationFacts
            precondition(hex.utf8CodeUnitCount == tabled.count * 10, "a stored table of another size")
            let bytes = hexBytes(UnsafeBufferPointer(start: hex.utf8Start, count: hex.utf8CodeUnitCount))
            return (0..<tabled.count).map { ScalarFacts(stored: bytes[($0 * 5)..<($0 * 5 + 5)]) }
        }()

        /// The definition `low` was stored from, in hex.
        static func storedTable() -> String { hexDigits(tabled.flatMap { ScalarFacts(Unicode.Scalar($0)!).stored }) }

        static func of(_ scalar: Unicode.Scalar) -> ScalarFacts {
            tabled.contains(scalar.value) ? low[Int(scalar.value)] : ScalarFacts(scalar)
        }
    }

    // Weight bands are disjoint so a class comparison never depends on the code point:
    // spaces < punctuation and symbols < numbers < Latin letters < other scripts.
    private enum Weight {
        static let common: UInt32 = 1
        static let space: UInt32 = 1
        static let symbol: UInt32 = 0x10
        static let number: UInt32 = 0x20_0000
        static let latinLetter: UInt32 = 0x30_0000
        static let otherLetter: UInt32 = 0x40_0000
        // Accents that are not Vietnamese tones sort after all tones.
        static let extraMark: UInt32 = 0x100
    }

    private enum Tone {
        /// ngang (no mark) is 0; the rest in CLDR vi order.
        static func weight(of mark: Unicode.Scalar) -> UInt32? {
            switch mark.value {
            case 0x0300: return 1  // huyền
            case 0x0309: return 2  // hỏi
            case 0x0303: return 3  // ngã
            case 0x0301: return 4  // sắc
            case 0x0323: return 5  // nặng
            default: return nil
            }
        }
    }

    private enum Letter {
        // The Vietnamese alphabet with f j w z where the Latin alphabet puts them.
        static let order: [String] = [
            "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
            "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
        ]
        static let a = 0, aBreve = 1, aCircumflex = 2, dStroke = 6, e = 7, eCircumflex = 8
        static let o = 18, oCircumflex = 19, oHorn = 20, u = 26, uHorn = 27

        static func index(of lower: Unicode.Scalar) -> Int? {
            switch lower.value {
            case 0x61...0x7A: return position[Int(lower.value - 0x61)]
            // đ, and eth which old fonts and careless typing substitute for it.
            case 0x0111, 0x00F0: return dStroke
            default: return nil
            }
        }

        // a…z → index in `order`.
        private static let position: [Int] = (0..<26).map { offset in
            let ch = String(UnicodeScalar(UInt8(0x61 + offset)))
            return order.firstIndex(of: ch)!
        }

        /// The marks that make a separate letter (ă â ê ô ơ ư), as opposed to a tone.
        static func modified(_ letter: Int, by mark: Unicode.Scalar) -> Int? {
            switch (letter, mark.value) {
            case (a, 0x0306): return aBreve
            case (a, 0x0302): return aCircumflex
            case (e, 0x0302): return eCircumflex
            case (o, 0x0302): return oCircumflex
            case (o, 0x031B): return oHorn
            case (u, 0x031B): return uHorn
            default: return nil
            }
        }
    }

    private static func lowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        // Multi-scalar lowercasings (İ) keep their own code point; case is then not distinguished.
        return mapping.count == 1 ? mapping.first! : scalar
    }

    private static func decimalValue(_ scalar: Unicode.Scalar) -> UInt32? {
        guard scalar.properties.numericType == .decimal,
              let v = scalar.properties.numericValue else { return nil }
        return UInt32(v)
    }
}

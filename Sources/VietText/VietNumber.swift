import Foundation

/// Vietnamese number formatting: "." groups thousands, "," is the decimal mark.
///
/// Built by hand instead of with `NumberFormatter` because the vi_VN locale data is often
/// missing on Linux and its grouping has changed between ICU releases; output must be the same
/// on every machine that builds the site.
public enum VietNumber {
    /// "1.234" / "1.234,5" / "99,1": "." groups thousands, "," decimal mark. fractionDigits is a
    /// maximum; trailing zeros dropped. Negative "-1.234".
    ///
    /// Rounding is half away from zero on the shortest decimal form of the value (the digits
    /// Swift prints), so 2.675 gives "2,68" as a reader with a calculator expects, not "2,67"
    /// as the binary value 2.67499999… would.
    public static func format(_ value: Double, maxFractionDigits: Int = 1) -> String {
        format(value, maxFractionDigits: maxFractionDigits, shift: 0)
    }

    public static func format(_ value: Int) -> String {
        let grouped = group(Array(String(value.magnitude).utf8))
        return value < 0 ? "-" + grouped : grouped
    }

    /// "99,1%" from 0.991 (maxFractionDigits 1).
    ///
    /// The ratio is scaled by moving the decimal point rather than multiplying by 100, which
    /// would turn 0.991 into 99.10000000000001 before rounding.
    public static func percent(_ ratio: Double, maxFractionDigits: Int = 1) -> String {
        format(ratio, maxFractionDigits: maxFractionDigits, shift: 2) + "%"
    }

    private static func format(_ value: Double, maxFractionDigits: Int, shift: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-∞" : "∞" }
        // Most values are whole (people, leaflets, sessions): they need no digit arithmetic.
        if shift == 0, value.magnitude < 1e15, value.rounded(.towardZero) == value { return format(Int(value)) }
        // Beyond 17 digits a Double carries no more information; the cap also keeps the
        // padding loop below bounded for absurd arguments.
        let f = min(max(maxFractionDigits, 0), 20)

        var (digits, point) = decimalDigits(value.magnitude)
        point += shift
        let keep = point + f
        if keep < 0 {
            digits = [0]
            point = 1
        } else if keep < digits.count {
            let roundUp = digits[keep] >= 5
            digits.removeSubrange(keep...)
            if roundUp {
                var i = digits.count - 1
                while i >= 0 {
                    if digits[i] == 9 {
                        digits[i] = 0
                        i -= 1
                    } else {
                        digits[i] += 1
                        break
                    }
                }
                if i < 0 {
                    digits.insert(1, at: 0)
                    point += 1
                }
            }
            if digits.isEmpty { digits = [0] }
        }

        var intDigits: [UInt8] = []
        var fracDigits: [UInt8] = []
        if point <= 0 {
            intDigits = [0]
            fracDigits = Array(repeating: 0, count: -point) + digits
        } else if point >= digits.count {
            intDigits = digits + Array(repeating: 0, count: point - digits.count)
        } else {
            intDigits = Array(digits[..<point])
            fracDigits = Array(digits[point...])
        }
        if fracDigits.count > f { fracDigits.removeSubrange(f...) }
        while fracDigits.last == 0 { fracDigits.removeLast() }
        while intDigits.count > 1 && intDigits.first == 0 { intDigits.removeFirst() }

        let isZero = intDigits.allSatisfy { $0 == 0 } && fracDigits.isEmpty
        var out = (value < 0 && !isZero) ? "-" : ""
        out += group(intDigits.map { $0 + 0x30 })
        if !fracDigits.isEmpty {
            out += ","
            out += String(decoding: fracDigits.map { $0 + 0x30 }, as: UTF8.self)
        }
        return out
    }

    /// Shortest round-trip decimal digits of a finite non-negative value, as digits d1 d2 …
    /// and `point` such that value = 0.d1d2… × 10^point.
    private static func decimalDigits(_ x: Double) -> (digits: [UInt8], point: Int) {
        let text = "\(x)"  // "1234.56", "1e-05", "1.234e+20"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var point = 0
        var seenDot = false
        for b in mantissa.utf8 {
            if b == UInt8(ascii: ".") {
                seenDot = true
            } else if (0x30...0x39).contains(b) {
                digits.append(b - 0x30)
                if !seenDot { point += 1 }
            }
        }
        point += exponent
        while digits.count > 1 && digits.first == 0 {
            digits.removeFirst()
            point -= 1
        }
        while digits.count > 1 && digits.last == 0 { digits.removeLast() }
        return (digits, point)
    }

    private static func group(_ ascii: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(ascii.count + ascii.count / 3)
        for (i, b) in ascii.enumerated() {
            if i > 0 && (ascii.count - i) % 3 == 0 { out.append(UInt8(ascii: ".")) }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Parsing

    /// Parses Vietnamese-format numbers: "1.200"→1200, "25.000"→25000, "1.234,5"→1234.5,
    /// "1,5"→1.5, "12"→12, "-3", " 7 "→7. Also plain "1200". A single "." followed by exactly
    /// 3 digits is a thousands separator ("1.200" = 1200); "1.5" (not 3 digits after the dot)
    /// is ambiguous-but-decimal → 1.5 (spreadsheets write it). Grouping must be valid
    /// ("1.20.0" → nil). Letters, empty → nil. Non-breaking/thin spaces as group separators
    /// are accepted ("1 200").
    ///
    /// Two further readings of a lone dot are decimal because grouping cannot explain them:
    /// more than three digits before it ("1234.567") or a leading zero group ("0.500").
    /// A comma followed by a dot ("1,234.5", English style) is refused rather than guessed.
    public static func parse(_ s: String) -> Double? {
        // Most cells are plain digits ("267"), which the reading below passes to `Double` as they are.
        if !s.isEmpty, s.utf8.allSatisfy({ (0x30...0x39).contains($0) }) { return Double(s) }
        var scalars = Array(s.unicodeScalars)
        while let first = scalars.first, isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }

        var negative = false
        if let first = scalars.first {
            switch first.value {
            case 0x2D, 0x2212: negative = true; scalars.removeFirst()  // "-" and the real minus sign
            case 0x2B: scalars.removeFirst()
            default: break
            }
        }
        guard !scalars.isEmpty else { return nil }

        // Split at the decimal comma.
        var integerPart = scalars[...]
        var fraction: ArraySlice<Unicode.Scalar>?
        if let comma = scalars.firstIndex(of: ",") {
            integerPart = scalars[..<comma]
            let rest = scalars[(comma + 1)...]
            guard !rest.isEmpty, rest.allSatisfy(isDigit) else { return nil }
            fraction = rest
        }

        // Split the integer part into groups at "." or space separators (one kind only).
        var groups: [[Unicode.Scalar]] = [[]]
        var separatorKind: Character?
        for scalar in integerPart {
            if isDigit(scalar) {
                groups[groups.count - 1].append(scalar)
                continue
            }
            let kind: Character
            if scalar == "." {
                kind = "."
            } else if isSpace(scalar) {
                kind = " "
            } else {
                return nil
            }
            if let separatorKind, separatorKind != kind { return nil }
            separatorKind = kind
            groups.append([])
        }
        guard groups.allSatisfy({ !$0.isEmpty }) else { return nil }

        var integerDigits: [Unicode.Scalar]
        var fractionDigits = fraction.map(Array.init) ?? []
        if groups.count == 1 {
            integerDigits = groups[0]
        } else if groups.count == 2 && separatorKind == "." && fraction == nil
                    && (groups[1].count != 3 || groups[0].count > 3 || groups[0] == ["0"]) {
            // A lone dot that cannot be a thousands separator: read it as a decimal point.
            // ("0.500" included: a grouped number never starts with a zero group.)
            integerDigits = groups[0]
            fractionDigits = groups[1]
        } else {
            // "01.200" is neither a well-formed grouping nor a plausible decimal: refuse it.
            guard groups[0].count <= 3, groups[0].first != "0",
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            integerDigits = groups.flatMap { $0 }
        }

        var text = negative ? "-" : ""
        text.unicodeScalars.append(contentsOf: integerDigits)
        if !fractionDigits.isEmpty {
            text += "."
            text.unicodeScalars.append(contentsOf: fractionDigits)
        }
        return Double(text)
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(s.value)
    }

    /// Spreadsheets and Word insert no-break, narrow no-break and thin spaces as digit groups.
    private static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0xA0, 0x2007, 0x2009, 0x202F: return true
        default: return false
        }
    }
}

import Foundation
import Testing
import VietText

@Suite struct VietNumberTests {
    @Test(arguments: [
        (0.0, 1, "0"), (1.0, 1, "1"), (12.0, 1, "12"), (999.0, 1, "999"), (1000.0, 1, "1.000"),
        (1234.0, 1, "1.234"), (1_234_567.0, 1, "1.234.567"), (-1234.0, 1, "-1.234"),
        (1234.5, 1, "1.234,5"), (1234.56, 1, "1.234,6"), (-1234.56, 1, "-1.234,6"),
        (99.1, 1, "99,1"), (0.5, 1, "0,5"), (0.04, 1, "0"), (-0.04, 1, "0"), (0.05, 1, "0,1"),
        (0.95, 1, "1"), (9.96, 1, "10"), (999.96, 1, "1.000"), (999_999.95, 1, "1.000.000"),
        (1.25, 1, "1,3"), (-1.25, 1, "-1,3"), (2.675, 2, "2,68"), (1.005, 2, "1,01"),
        (1.10, 2, "1,1"), (1.0, 3, "1"), (0.000123, 5, "0,00012"), (123.456, 0, "123"),
        (123.5, 0, "124"), (-123.5, 0, "-124"), (-0.0, 1, "0"), (1234.5678, 3, "1.234,568"),
        (0.1 + 0.2, 2, "0,3"), (1e-7, 1, "0"), (1e21, 1, "1.000.000.000.000.000.000.000"),
        (25_000.0, 0, "25.000"), (0.001, 3, "0,001"), (12.5, -1, "13"),
    ])
    func formatDouble(_ value: Double, _ digits: Int, _ expected: String) {
        #expect(VietNumber.format(value, maxFractionDigits: digits) == expected)
    }

    @Test func defaultFractionDigitsIsOne() {
        #expect(VietNumber.format(1234.56) == "1.234,6")
        #expect(VietNumber.format(2.0 / 3.0) == "0,7")
    }

    @Test func nonFiniteValuesAreVisible() {
        #expect(VietNumber.format(.nan) == "NaN")
        #expect(VietNumber.format(.infinity) == "∞")
        #expect(VietNumber.format(-.infinity) == "-∞")
    }

    @Test(arguments: [
        (0, "0"), (5, "5"), (-5, "-5"), (999, "999"), (1000, "1.000"), (-1000, "-1.000"),
        (12_345, "12.345"), (123_456, "123.456"), (1_000_000, "1.000.000"),
        (Int.max, "9.223.372.036.854.775.807"), (Int.min, "-9.223.372.036.854.775.808"),
    ])
    func formatInt(_ value: Int, _ expected: String) {
        #expect(VietNumber.format(value) == expected)
    }

    @Test(arguments: [
        (0.991, 1, "99,1%"), (1.0, 1, "100%"), (0.0, 1, "0%"), (0.5, 1, "50%"),
        (0.12345, 2, "12,35%"), (0.9999, 1, "100%"), (1.5, 1, "150%"), (-0.25, 1, "-25%"),
        (13.0 / 13.0, 1, "100%"), (2.0 / 3.0, 1, "66,7%"), (0.07, 1, "7%"), (0.0005, 1, "0,1%"),
        (12.345, 0, "1.235%"),
    ])
    func percent(_ ratio: Double, _ digits: Int, _ expected: String) {
        #expect(VietNumber.percent(ratio, maxFractionDigits: digits) == expected)
    }

    @Test func percentDefault() {
        #expect(VietNumber.percent(0.991) == "99,1%")
    }

    @Test(arguments: [
        ("1.200", 1200.0), ("25.000", 25_000), ("1.234,5", 1234.5), ("1,5", 1.5), ("12", 12),
        ("-3", -3), (" 7 ", 7), ("1200", 1200), ("1.5", 1.5), ("1\u{00A0}200", 1200),
        ("1\u{202F}200", 1200), ("1\u{2009}234,5", 1234.5), ("1 200", 1200),
        ("1.234.567", 1_234_567), ("1.234.567,89", 1_234_567.89), ("0,5", 0.5), ("0.500", 0.5),
        ("1234.567", 1234.567), ("-1.234", -1234), ("\u{2212}5", -5), ("+5", 5), ("1.2345", 1.2345),
        ("12.34", 12.34), ("1234.5", 1234.5), ("1.234,50", 1234.5), ("0", 0), ("007", 7),
        ("1000.000", 1000), ("\u{00A0}42\u{00A0}", 42), ("-1.234,5", -1234.5), ("999.999", 999_999),
    ])
    func parseValid(_ text: String, _ expected: Double) {
        #expect(VietNumber.parse(text) == expected)
    }

    @Test(arguments: [
        "1.20.0", "abc", "", "   ", "1.000.00", "1,234.5", "1,2,3", "1.", ".5", ",5", "1,", "1..2",
        "1 .200", "1e5", "12a", "--3", "-", "1.200 000", "12 00", "100%", "1.200,", "Infinity", "nan",
        "1.2,5", "1.2345.678", "01.200", "0.500.000", "1 2", "+-1", "1.234,5,6", "\u{0661}\u{0662}",
    ])
    func parseInvalid(_ text: String) {
        #expect(VietNumber.parse(text) == nil)
    }

    /// Whole numbers take a short path: the same text as grouping their decimal digits by hand,
    /// at every maxFractionDigits, for signs, zero, -0.0 and the edge where the short path stops.
    @Test func wholeNumbersAreGroupedDigits() {
        func grouped(_ value: Int64) -> String {
            let digits = Array(String(value.magnitude))
            var out = ""
            for (index, digit) in digits.enumerated() {
                if index > 0 && (digits.count - index) % 3 == 0 { out += "." }
                out.append(digit)
            }
            return (value < 0 ? "-" : "") + out
        }
        var generator = SystemRandomNumberGenerator()
        let samples: [Int64] = [0, 1, -1, 7, 999, 1_000, -1_000, 12_345, 1_200, 999_999_999_999_999, -999_999_999_999_999,
                                1_000_000_000_000_000, 9_007_199_254_740_992]
            + (0..<2_000).map { _ in Int64.random(in: -999_999_999_999_999...999_999_999_999_999, using: &generator) }
        for value in samples {
            for digits in [0, 1, 2] {
                #expect(VietNumber.format(Double(value), maxFractionDigits: digits) == grouped(value), "\(value)")
            }
        }
        #expect(VietNumber.format(-0.0) == "0")
        #expect(VietNumber.format(2.5) == "2,5")
        #expect(VietNumber.percent(1.0) == "100%")
    }

    @Test func formatThenParseRoundTrips() {
        for i in stride(from: -200_000, through: 200_000, by: 37) {
            #expect(VietNumber.parse(VietNumber.format(i)) == Double(i))
        }
        for tenths in stride(from: -50_000, through: 50_000, by: 7) {
            let value = Double(tenths) / 10
            let text = VietNumber.format(value)
            #expect(VietNumber.parse(text) == value, "\(value) → \(text)")
        }
    }

    /// Plain digits take a shortcut; a trailing no-break space sends the same digits down the full reading.
    @Test func plainDigitsReadAsTheFullReadingReadsThem() {
        var inputs = ["0", "00", "0012", "007", "1", "999", "1000", "123456789012345678", "9007199254740993",
                      String(repeating: "9", count: 400), String(repeating: "0", count: 30) + "5"]
        inputs += stride(from: 0, through: 100_000, by: 97).map { String($0) }
        for input in inputs {
            let fast = VietNumber.parse(input), full = VietNumber.parse(input + "\u{00A0}")
            #expect(fast != nil && fast?.bitPattern == full?.bitPattern, "\(input)")
        }
        for notPlain in ["", "١٢", "１２", "12a", "1.200", "-0"] {
            #expect(VietNumber.parse(notPlain)?.bitPattern == VietNumber.parse(notPlain + "\u{00A0}")?.bitPattern, "\(notPlain)")
        }
    }
}

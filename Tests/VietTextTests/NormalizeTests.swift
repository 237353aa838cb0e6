import Foundation
import Testing
import VietText

@Suite struct NormalizeTests {
    @Test func nfcComposesDecomposedInput() {
        let nfd = "Vie\u{0302}\u{0323}t Nam"
        #expect(Array(VietText.nfc(nfd).unicodeScalars.map(\.value)) ==
                [0x56, 0x69, 0x1EC7, 0x74, 0x20, 0x4E, 0x61, 0x6D])
        // Swift's == hides the difference; the bytes must not.
        #expect(Array(VietText.nfc(nfd).utf8) == Array("Việt Nam".utf8))
        #expect(Array(nfd.utf8) != Array("Việt Nam".utf8))
    }

    /// Long lines are normalised a slice at a time (Foundation's normaliser is quadratic on them);
    /// the slices must give exactly Foundation's bytes, with marks, out-of-order marks and Hangul
    /// jamo sitting across every slice boundary.
    @Test func longLinesNormaliseToTheSameBytesAsOneCall() {
        let pieces = ["Vie\u{0302}\u{0323}t ", "a\u{0323}\u{0302}", "Tổ dân phố ", "e\u{0301}\u{0327}\u{0323}",
                      "\u{1100}\u{1161}\u{11A8}", "x", "ư\u{0309}", " ", "\u{0344}", "Ω", "ﬁ", "\u{FB2C}"]
        var long = ""
        for index in 0..<6_000 { long += pieces[index % pieces.count] }
        #expect(long.utf8.count > 20_000)
        #expect(Array(VietText.nfc(long).utf8) == Array(long.precomposedStringWithCanonicalMapping.utf8))
        #expect(Array(VietText.nfd(long).utf8) == Array(long.decomposedStringWithCanonicalMapping.utf8))
        #expect(VietText.fold(long) == VietText.fold(long.precomposedStringWithCanonicalMapping))
    }

    /// Latin letters are decomposed from a table: each of them, between letters and after a mark,
    /// must come out as Foundation decomposes the whole text.
    @Test func tableDecompositionIsFoundations() {
        let letters = (Array(0x80..<0x250) + Array(0x1E00...0x1EFF)).compactMap(Unicode.Scalar.init).map(String.init)
        for letter in letters {
            for text in ["a\(letter)b", "\(letter)\(letter)", "e\u{0323}\(letter)", "\(letter)\u{0302}"] {
                #expect(Array(VietText.nfd(text).utf8) == Array(text.decomposedStringWithCanonicalMapping.utf8), "\(text.unicodeScalars.map(\.value))")
            }
        }
        let sentence = "Tổ dân phố số 5 – Đồng Tâm: “Cộng hòa xã hội chủ nghĩa Việt Nam”, ỹ Ỵ ǖ Ǻ"
        #expect(Array(VietText.nfd(sentence).utf8) == Array(sentence.decomposedStringWithCanonicalMapping.utf8))
    }

    @Test func nfcLeavesComposedTextUnchanged() {
        let s = "Cộng hòa xã hội chủ nghĩa Việt Nam"
        #expect(Array(VietText.nfc(s).utf8) == Array(s.utf8))
        #expect(VietText.nfc("") == "")
    }

    @Test(arguments: [
        ("hòa", "hoà"),
        ("thủy", "thuỷ"),
        ("Khánh Hòa", "khánh hoà"),
        ("Thủy lợi", "THUỶ LỢI"),
        ("Đồng Tâm", "dong tam"),
        ("Việt Nam", "Vie\u{0302}\u{0323}t Nam"),
        ("hòa", "ho\u{0300}a"),
        ("hoà", "hoa\u{0300}"),
        ("  Hòa   Bình \n", "hoa binh"),
        ("Tổ\u{00A0}dân\tphố", "to dan pho"),
    ])
    func foldEquivalences(_ a: String, _ b: String) {
        #expect(VietText.fold(a) == VietText.fold(b))
    }

    @Test(arguments: [
        ("hòa", "hoa"),
        ("Đà Nẵng", "da nang"),
        ("ĐẢNG CỘNG SẢN VIỆT NAM", "dang cong san viet nam"),
        ("  Hòa   Bình \n", "hoa binh"),
        ("\tTổ dân phố\r\nsố 5  ", "to dan pho so 5"),
        ("Số: 05/KH-UBND", "so: 05/kh-ubnd"),
        ("ắằẳẵặ ấầẩẫậ", "aaaaa aaaaa"),
        ("ƯỚC MƠ", "uoc mo"),
        ("", ""),
        ("   ", ""),
        ("Straße", "straße"),
    ])
    func foldResults(_ input: String, _ expected: String) {
        #expect(VietText.fold(input) == expected)
    }

    @Test func foldDistinguishesDifferentWords() {
        #expect(VietText.fold("hòa") != VietText.fold("hỏi"))
        #expect(VietText.fold("Đông") != VietText.fold("Tông"))
    }

    /// The quick check may skip normalising only text that normalising would not change.
    @Test func everyCharacterTheQuickCheckTrustsIsNFCAndStartsAFreshCharacter() {
        var wrong: [String] = []
        for range in VietText.surelyNFCRanges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let text = "a" + String(scalar) + "a"
                if scalar.properties.canonicalCombiningClass != .notReordered
                    || Array(VietText.nfc(text).unicodeScalars) != Array(text.unicodeScalars) {
                    wrong.append(String(format: "U+%04X", value))
                }
            }
        }
        #expect(wrong.isEmpty, "not NFC on their own: \(wrong.prefix(20))")
        // The byte-level check trusts exactly these ranges.
        let misjudged = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter { scalar in
            VietText.isSurelyNFC(String(scalar)) != VietText.surelyNFCRanges.contains { $0.contains(scalar.value) }
        }
        #expect(misjudged.isEmpty, "\(misjudged.prefix(10).map { String(format: "U+%04X", $0.value) })")
        #expect(VietText.isSurelyNFC("Phường Linh Sơn – “an ninh mạng” € ₫"))
        #expect(!VietText.isSurelyNFC("Vie\u{0302}\u{0323}t"))
        #expect(!VietText.isSurelyNFC("\u{212B}"))   // Angstrom sign: NFC makes it Å
    }

    /// Folding letter by letter from a table must equal folding the whole text.
    @Test func foldMatchesFoldingThroughFoundation() {
        let samples = ["Phường Linh Sơn, Quận Ðống Đa", "ÁO DÀI  \n\t Ưu tiên", "İstanbul Ǆ ǅ", "Vie\u{0302}\u{0323}t Nam", "", "  x  "]
        for sample in samples {
            // What fold did before its table: the whole text lowercased, decomposed, marks dropped.
            let letters = sample.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
                .filter { ![.nonspacingMark, .spacingMark, .enclosingMark].contains($0.properties.generalCategory) }
                .map { [0x111, 0xF0].contains($0.value) ? "d" : $0 }
            let reference = String(String.UnicodeScalarView(letters)).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(VietText.fold(sample) == reference, "\(sample)")
        }
    }
}

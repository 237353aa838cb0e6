import Foundation
import Testing
@testable import VietText

/// Deterministic shuffle so a failing order reproduces.
private func scrambled<T>(_ items: [T], seed: UInt64 = 0x5EED) -> [T] {
    var state = seed
    var result = items
    for i in stride(from: result.count - 1, to: 0, by: -1) {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        let j = Int((state >> 33) % UInt64(i + 1))
        result.swapAt(i, j)
    }
    return result
}

private func vietSorted(_ items: [String]) -> [String] {
    items.sorted(by: VietCollation.areInIncreasingOrder)
}

@Suite struct CollationTests {
    @Test func fullAlphabetOrder() {
        let alphabet = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l",
                        "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"]
        for seed in [UInt64(1), 2, 3, 42] {
            #expect(vietSorted(scrambled(alphabet, seed: seed)) == alphabet)
        }
        let upper = alphabet.map { $0.uppercased() }
        #expect(vietSorted(scrambled(upper)) == upper)
        // Every letter strictly before the next one.
        for (x, y) in zip(alphabet, alphabet.dropFirst()) {
            #expect(VietCollation.compare(x, y) == .orderedAscending, "\(x) < \(y)")
            #expect(VietCollation.compare(y, x) == .orderedDescending, "\(y) > \(x)")
        }
    }

    @Test func lettersAreWholeLettersNotAccentedVariants() {
        // ă/â are letters of their own: "ăn" sorts after every "a…" word, including "az".
        #expect(vietSorted(["ân", "ăn", "an", "az", "bê"]) == ["an", "az", "ăn", "ân", "bê"])
        #expect(vietSorted(["ơn", "ôm", "ong", "ozon"]) == ["ong", "ozon", "ôm", "ơn"])
        #expect(vietSorted(["ưng", "uy", "uzbek"]) == ["uy", "uzbek", "ưng"])
        #expect(vietSorted(["êm", "ez", "em"]) == ["em", "ez", "êm"])
    }

    @Test func toneOrderIsSecondary() {
        let families = [
            ["a", "à", "ả", "ã", "á", "ạ"], ["ă", "ằ", "ẳ", "ẵ", "ắ", "ặ"], ["â", "ầ", "ẩ", "ẫ", "ấ", "ậ"],
            ["e", "è", "ẻ", "ẽ", "é", "ẹ"], ["ê", "ề", "ể", "ễ", "ế", "ệ"], ["i", "ì", "ỉ", "ĩ", "í", "ị"],
            ["o", "ò", "ỏ", "õ", "ó", "ọ"], ["ô", "ồ", "ổ", "ỗ", "ố", "ộ"], ["ơ", "ờ", "ở", "ỡ", "ớ", "ợ"],
            ["u", "ù", "ủ", "ũ", "ú", "ụ"], ["ư", "ừ", "ử", "ữ", "ứ", "ự"], ["y", "ỳ", "ỷ", "ỹ", "ý", "ỵ"],
        ]
        for family in families {
            #expect(vietSorted(scrambled(family)) == family)
            #expect(vietSorted(scrambled(family.map { "m" + $0 + "n" })) == family.map { "m" + $0 + "n" })
        }
        // All of a's tones come before plain ă, all of ă's before â.
        let flat = families[0] + families[1] + families[2]
        #expect(vietSorted(scrambled(flat, seed: 7)) == flat)
        // Tone is secondary: a later letter outweighs any tone.
        #expect(vietSorted(["ba", "ạc", "àb"]) == ["àb", "ạc", "ba"])
        #expect(vietSorted(["mạ", "ma", "mà", "mả", "mã", "má"]) == ["ma", "mà", "mả", "mã", "má", "mạ"])
    }

    @Test func dStrokeComesAfterD() {
        #expect(vietSorted(["Đông", "Dương"]) == ["Dương", "Đông"])
        #expect(vietSorted(["Đức", "Dũng", "Dung", "Duy", "Đà", "Dz"]) == ["Dung", "Dũng", "Duy", "Dz", "Đà", "Đức"])
        #expect(VietCollation.areInIncreasingOrder("Dzung", "Đa"))
        #expect(!VietCollation.areInIncreasingOrder("Đa", "Dzung"))
    }

    @Test func caseIsTertiary() {
        #expect(vietSorted(["An", "an", "àn", "Àn", "ăn"]) == ["an", "An", "àn", "Àn", "ăn"])
        // Case never outweighs a letter or a tone difference.
        #expect(vietSorted(["b", "A"]) == ["A", "b"])
        #expect(vietSorted(["àn", "AN"]) == ["AN", "àn"])
    }

    @Test func digitRunsCompareNumerically() {
        #expect(vietSorted(["Tổ 11", "Tổ 2", "Tổ 10"]) == ["Tổ 2", "Tổ 10", "Tổ 11"])
        #expect(vietSorted(["Tổ 9", "Tổ 10", "Tổ 100", "Tổ 99"]) == ["Tổ 9", "Tổ 10", "Tổ 99", "Tổ 100"])
        #expect(VietCollation.areInIncreasingOrder("Tổ dân phố số 2", "Tổ dân phố số 10"))
        #expect(VietCollation.areInIncreasingOrder("Tổ", "Tổ 1"))
        #expect(VietCollation.areInIncreasingOrder("Tổ 1", "Tổ A"))
        #expect(VietCollation.areInIncreasingOrder("Tổ 2b", "Tổ 10a"))
        #expect(VietCollation.areInIncreasingOrder("Tổ 2a", "Tổ 2b"))
        #expect(VietCollation.areInIncreasingOrder("v2.9", "v2.10"))
        // Equal values: fewer leading zeros first, but they are different strings.
        #expect(vietSorted(["Tổ 02", "Tổ 2", "Tổ 1", "Tổ 3"]) == ["Tổ 1", "Tổ 2", "Tổ 02", "Tổ 3"])
        #expect(VietCollation.compare("Tổ 02", "Tổ 2") != .orderedSame)
        // Longer than any integer type.
        #expect(VietCollation.areInIncreasingOrder("x 99999999999999999999999", "x 100000000000000000000000"))
    }

    @Test func realUnitNames() {
        let groups = (1...25).map { "Tổ dân phố số \($0)" }
        let expected = groups + [
            "Trạm Y tế",
            "Trung tâm Dịch vụ tổng hợp",
            "Trường Mầm non",
            "Trường THCS",
            "Trường Tiểu học",
        ]
        for seed in [UInt64(3), 11, 2026] {
            #expect(vietSorted(scrambled(expected, seed: seed)) == expected)
            #expect(VietCollation.sorted(scrambled(expected, seed: seed), by: { $0 }) == expected)
        }
    }

    @Test func moreRealNames() {
        let wards = ["Phường Ba Đình", "Phường Bách Khoa", "Phường Bạch Mai", "Phường Cầu Giấy",
                     "Phường Cửa Nam", "Phường Đống Đa", "Phường Giảng Võ", "Phường Hoàn Kiếm",
                     "Phường Hồng Hà", "Phường Ô Chợ Dừa", "Phường Tây Hồ", "Phường Ứng Hòa"]
        #expect(vietSorted(scrambled(wards, seed: 9)) == wards)
        let people = ["Nguyễn Văn An", "Nguyễn Văn Ánh", "Nguyễn Văn Bình", "Nguyễn Thị Hà", "Ngô Thị Lan"]
        #expect(vietSorted(people) == ["Ngô Thị Lan", "Nguyễn Thị Hà", "Nguyễn Văn An", "Nguyễn Văn Ánh", "Nguyễn Văn Bình"])
    }

    @Test func nfdInputSortsLikeNfc() {
        let names = (1...12).map { "Tổ dân phố số \($0)" } + [
            "Trạm Y tế", "Trường Mầm non", "Đông", "Dương", "hòa", "hoà", "ặ", "ắ", "ă", "Ấp Bắc",
        ]
        let nfd = names.map { $0.decomposedStringWithCanonicalMapping }
        let sortedNFC = vietSorted(scrambled(names))
        let sortedNFD = vietSorted(scrambled(nfd)).map { $0.precomposedStringWithCanonicalMapping }
        #expect(sortedNFC.map { Array($0.utf8) } == sortedNFD.map { Array($0.utf8) })
        for name in names {
            #expect(VietCollation.compare(name, name.decomposedStringWithCanonicalMapping) == .orderedSame)
            #expect(VietCollation.key(name) == VietCollation.key(name.decomposedStringWithCanonicalMapping))
        }
        // Non-canonical mark order inside NFD-like input (tone typed before the shape mark).
        #expect(VietCollation.areInIncreasingOrder("a\u{0323}\u{0306}", "â"))
    }

    @Test func orderedSameOnlyForIdenticalText() {
        #expect(VietCollation.compare("hòa", "hòa") == .orderedSame)
        #expect(VietCollation.compare("", "") == .orderedSame)
        #expect(VietCollation.compare("hòa", "hoà") != .orderedSame)
        #expect(VietCollation.compare("a", "A") == .orderedAscending)
        #expect(VietCollation.compare("Tổ  2", "Tổ 2") != .orderedSame)
        #expect(VietCollation.compare("a\u{00AD}b", "ab") != .orderedSame)
        #expect(VietCollation.compare("", "a") == .orderedAscending)
        #expect(!VietCollation.areInIncreasingOrder("x", "x"))
    }

    @Test func orderIsConsistent() {
        let sample = ["a", "A", "à", "ă", "Ă", "b", "Đ", "d", "Tổ 2", "Tổ 10", "Tổ 02", "hòa", "hoà",
                      "Straße", "café", "Café", "1", "01", "-", "–", " ", "", "zz", "Ω", "日本", "x y", "xy"]
        for a in sample {
            #expect(!VietCollation.areInIncreasingOrder(a, a))
            for b in sample where a != b {
                let ab = VietCollation.compare(a, b), ba = VietCollation.compare(b, a)
                #expect(ab != .orderedSame)
                #expect((ab == .orderedAscending) == (ba == .orderedDescending), "\(a) vs \(b)")
                for c in sample where VietCollation.areInIncreasingOrder(a, b) && VietCollation.areInIncreasingOrder(b, c) {
                    #expect(VietCollation.areInIncreasingOrder(a, c), "\(a) < \(b) < \(c)")
                }
            }
        }
    }

    @Test func spacesAndPunctuationBeforeDigitsBeforeLetters() {
        #expect(vietSorted(["a", "1", "-", " "]) == [" ", "-", "1", "a"])
        #expect(vietSorted(["Tổ dân phố", "Tổ-dân", "Tổ1", "Tổa"]) == ["Tổ dân phố", "Tổ-dân", "Tổ1", "Tổa"])
        // A run of spaces weighs like one.
        #expect(VietCollation.areInIncreasingOrder("Tổ  2", "Tổ 3"))
    }

    @Test func sortedIsStable() {
        struct Unit { let name: String; let id: Int }
        let units = [Unit(name: "Tổ 2", id: 1), Unit(name: "Tổ 1", id: 2), Unit(name: "Tổ 2", id: 3),
                     Unit(name: "Tổ 2", id: 4), Unit(name: "Tổ 1", id: 5)]
        let result = VietCollation.sorted(units, by: \.name)
        #expect(result.map(\.id) == [2, 5, 1, 3, 4])
        #expect(VietCollation.sorted([Unit](), by: \.name).isEmpty)
    }

    /// The table of each scalar's properties holds what Swift's own lookups give, for every scalar it
    /// covers and a few past it.
    @Test func scalarFactsAreTheUnicodeProperties() {
        var differences: [String] = []
        for value in Array(VietCollation.ScalarFacts.tabled) + [0x370, 0x1E00, 0x2013, 0x200B, 0x3000, 0xFF11, 0x1D7CE] {
            let scalar = Unicode.Scalar(value)!
            let facts = VietCollation.ScalarFacts.of(scalar)
            let category = scalar.properties.generalCategory
            let lowered = scalar.properties.lowercaseMapping.unicodeScalars
            let lower = lowered.count == 1 ? lowered.first! : scalar
            let decimal = scalar.properties.numericType == .decimal ? scalar.properties.numericValue.map { UInt32($0) } : nil
            let expected = [category == .format, [.nonspacingMark, .spacingMark, .enclosingMark].contains(category),
                            scalar.properties.isWhitespace || [0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029].contains(value)]
            if [facts.isFormat, facts.isMark, facts.isSpace] != expected || facts.decimal != decimal || facts.lower != lower
                || facts.lowerIsAlphabetic != lower.properties.isAlphabetic {
                differences.append(String(value, radix: 16))
            }
        }
        #expect(differences == [])
    }
}

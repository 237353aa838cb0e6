import Foundation
import Testing
import VietText

@Suite struct SlugTests {
    /// `VietText.slug` as it was before it slugged a scalar at a time from a table: Foundation's NFD
    /// of the whole text, marks dropped, đ/Đ/ð/Ð → d, every run of anything but [a-z0-9] one "-".
    static func referenceSlug(_ s: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            var v = scalar.value
            if v == 0x0111 || v == 0x00F0 { v = 0x64 }
            if v == 0x0110 || v == 0x00D0 { v = 0x44 }
            switch v {
            case 0x61...0x7A, 0x30...0x39: break
            case 0x41...0x5A: v += 0x20
            default:
                pendingDash = !out.isEmpty
                continue
            }
            if pendingDash { out.append("-"); pendingDash = false }
            out.unicodeScalars.append(Unicode.Scalar(v)!)
        }
        return out
    }

    /// Every scalar up to U+2FFF and of the blocks past it with letters, marks or decompositions,
    /// alone and among letters, combining marks (in and out of canonical order) and breaks.
    @Test func everyScalarSlugsAsBefore() {
        let ranges: [ClosedRange<UInt32>] = [0...0x2FFF, 0x3000...0x30FF, 0xA640...0xA7FF, 0xAC00...0xAC40, 0xF900...0xF920,
                                             0xFB00...0xFB4F, 0xFE00...0xFE2F, 0xFF00...0xFF65, 0x1D15E...0x1D164, 0x1D400...0x1D420]
        var differences: [String] = []
        for value in ranges.joined() where differences.count < 10 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let c = String(scalar)
            for input in [c, "A\(c)b", " \(c) ", "Đ\(c)\u{0301}ở-", "a\u{0323}\(c)\u{0302}x", "\(c)\u{0316}\u{0301}9", "x\(c)\(c)Y"]
            where VietText.slug(input) != Self.referenceSlug(input) {
                let codes = input.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")
                differences.append("[\(codes)]: \(VietText.slug(input)) ≠ \(Self.referenceSlug(input))")
            }
        }
        #expect(differences == [])
    }

    @Test(arguments: [
        ("Tổ dân phố số 5 – Đồng Tâm", "to-dan-pho-so-5-dong-tam"),
        ("Đ", "d"),
        ("đường", "duong"),
        ("ĐẢNG CỘNG SẢN VIỆT NAM", "dang-cong-san-viet-nam"),
        ("Kế hoạch số 12/KH-UBND", "ke-hoach-so-12-kh-ubnd"),
        ("Hello, World!", "hello-world"),
        ("  --a--  ", "a"),
        ("a    b", "a-b"),
        ("a_b.c", "a-b-c"),
        ("C++ & Swift", "c-swift"),
        ("2026", "2026"),
        ("Quý I/2026", "quy-i-2026"),
        ("Tổ 5 — Đồng Tâm (cũ)", "to-5-dong-tam-cu"),
        ("Nghị quyết 57-NQ/TW", "nghi-quyet-57-nq-tw"),
        ("Phường\u{00A0}Linh\u{2009}Sơn", "phuong-linh-son"),
        ("Ðồng Tâm", "dong-tam"),  // eth typed for Đ
        ("", ""),
        ("!!!", ""),
        ("– —", ""),
        ("日本", ""),
    ])
    func slugTable(_ input: String, _ expected: String) {
        #expect(VietText.slug(input) == expected)
    }

    @Test func nfdInputGivesTheSameSlug() {
        let nfc = "Tổ dân phố số 5 – Đồng Tâm"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(Array(nfd.utf8) != Array(nfc.utf8))
        #expect(VietText.slug(nfd) == "to-dan-pho-so-5-dong-tam")
    }

    @Test func everyVowelWithEveryToneSlugsToItsBase() {
        let families: [(String, String)] = [
            ("aàảãáạ", "a"), ("ăằẳẵắặ", "a"), ("âầẩẫấậ", "a"),
            ("eèẻẽéẹ", "e"), ("êềểễếệ", "e"),
            ("iìỉĩíị", "i"),
            ("oòỏõóọ", "o"), ("ôồổỗốộ", "o"), ("ơờởỡớợ", "o"),
            ("uùủũúụ", "u"), ("ưừửữứự", "u"),
            ("yỳỷỹýỵ", "y"),
        ]
        var checked = 0
        for (letters, base) in families {
            for ch in letters + letters.uppercased() {
                #expect(VietText.slug(String(ch)) == base, "\(ch)")
                #expect(VietText.slug(String(ch).decomposedStringWithCanonicalMapping) == base, "NFD \(ch)")
                checked += 1
            }
        }
        #expect(checked == 12 * 6 * 2)
        #expect(VietText.slug("ắằẳẵặ") == "aaaaa")
        #expect(VietText.slug("ƯỚC MƠ ĐẸP") == "uoc-mo-dep")
    }

    @Test func slugIsAlwaysPlainAscii() {
        let inputs = ["Tổ dân phố số 5 – Đồng Tâm", "ĐẢNG", "  x  ", "© 2026 · Trang chủ", "a\u{0301}\u{0323}"]
        for input in inputs {
            let slug = VietText.slug(input)
            #expect(slug.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D })
            #expect(!slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--"))
        }
        // And known to Swift as ASCII (past 15 bytes, where it is not examined whole anyway):
        // output paths are made from slugs and hashed in sets of 20,000.
        let slugIsASCII = VietText.slug("Tổ dân phố số 5 – Đồng Tâm").utf8Span.isKnownASCII
        let lowercasedIsASCII = VietText.lowercase("TỔ DÂN PHỐ SỐ 5 – ĐỒNG TÂM").utf8Span.isKnownASCII
        #expect(slugIsASCII)
        #expect(!lowercasedIsASCII)
    }
}

@Suite struct SluggerTests {
    @Test func firstClaimIsFreeThenSuffixesCount() {
        var slugger = Slugger()
        #expect(slugger.claim("x") == ("x", false))
        #expect(slugger.claim("x") == ("x-2", true))
        #expect(slugger.claim("x") == ("x-3", true))
        #expect(slugger.claim("y") == ("y", false))
        #expect(slugger.claim("x") == ("x-4", true))
    }

    @Test func generatedSuffixesAreThemselvesTaken() {
        var slugger = Slugger()
        _ = slugger.claim("x")
        #expect(slugger.claim("x") == ("x-2", true))
        #expect(slugger.claim("x-2") == ("x-2-2", true))
    }

    @Test func explicitSuffixClaimedFirstIsSkipped() {
        var slugger = Slugger()
        #expect(slugger.claim("x-2") == ("x-2", false))
        #expect(slugger.claim("x") == ("x", false))
        #expect(slugger.claim("x") == ("x-3", true))
    }

    @Test func manyCollisionsStayUnique() {
        var slugger = Slugger()
        var seen = Set<String>()
        for i in 1...1000 {
            let (slug, collided) = slugger.claim("tin-tuc")
            #expect(collided == (i > 1))
            #expect(seen.insert(slug).inserted)
        }
        #expect(seen.contains("tin-tuc-1000"))
        #expect(!seen.contains("tin-tuc-1"))
    }

    @Test func emptySlugCollisionsGetNumbers() {
        var slugger = Slugger()
        #expect(slugger.claim("") == ("", false))
        #expect(slugger.claim("") == ("2", true))
    }

    @Test func isTakenReflectsClaims() {
        var slugger = Slugger()
        #expect(!slugger.isTaken("a"))
        _ = slugger.claim("a")
        _ = slugger.claim("a")
        #expect(slugger.isTaken("a") && slugger.isTaken("a-2"))
        #expect(!slugger.isTaken("a-3"))
    }
}

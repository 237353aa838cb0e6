import Foundation
import Testing
import VietText

@Suite struct SlugTests {
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

import Foundation
import Testing
@testable import VietText

// Encoders written independently of the decoder's tables, from the published layouts:
// TCVN3 as a character-for-character table, VNI by decomposing each letter into base,
// shape and tone. Decoding their output must give the original back.

private let tcvn3Pairs: [(String, String)] = [
    ("àáảãạ", "µ¸¶·¹"), ("ăằắẳẵặ", "¨»¾¼½Æ"), ("âầấẩẫậ", "©ÇÊÈÉË"), ("đ", "®"),
    ("èéẻẽẹ", "ÌÐÎÏÑ"), ("êềếểễệ", "ªÒÕÓÔÖ"), ("ìíỉĩị", "×ÝØÜÞ"), ("òóỏõọ", "ßãáâä"),
    ("ôồốổỗộ", "«åèæçé"), ("ơờớởỡợ", "¬êíëìî"), ("ùúủũụ", "ïóñòô"), ("ưừứửữự", "\u{AD}õøö÷ù"),
    ("ỳýỷỹỵ", "úýûüþ"), ("ĂÂĐÊÔƠƯ", "¡¢§£¤¥¦"),
]

private func encodeTCVN3(_ s: String) -> String {
    var table: [Character: Character] = [:]
    for (uni, legacy) in tcvn3Pairs {
        for (u, l) in zip(uni, legacy) { table[u] = l }
    }
    return String(s.precomposedStringWithCanonicalMapping.map { table[$0] ?? $0 })
}

private func encodeVNI(_ s: String) -> String {
    var out = ""
    for ch in s.precomposedStringWithCanonicalMapping {
        let scalars = Array(String(ch).decomposedStringWithCanonicalMapping.unicodeScalars)
        guard let base = scalars.first, base.isASCII || base == "đ" || base == "Đ" else {
            out.append(ch); continue
        }
        let upper = String(base).uppercased() == String(base)
        var shape: UInt32?
        var tone: UInt32?
        for m in scalars.dropFirst() {
            switch m.value {
            case 0x0302, 0x0306, 0x031B: shape = m.value
            default: tone = m.value
            }
        }
        func pick(_ lower: String, _ upperForm: String) -> String { upper ? upperForm : lower }
        let toneMark: [UInt32: (String, String)] = [
            0x0301: ("ù", "Ù"), 0x0300: ("ø", "Ø"), 0x0309: ("û", "Û"), 0x0303: ("õ", "Õ"), 0x0323: ("ï", "Ï"),
        ]
        let circumflexTone: [UInt32: (String, String)] = [
            0x0301: ("á", "Á"), 0x0300: ("à", "À"), 0x0309: ("å", "Å"), 0x0303: ("ã", "Ã"), 0x0323: ("ä", "Ä"),
        ]
        let breveTone: [UInt32: (String, String)] = [
            0x0301: ("é", "É"), 0x0300: ("è", "È"), 0x0309: ("ú", "Ú"), 0x0303: ("ü", "Ü"), 0x0323: ("ë", "Ë"),
        ]
        let iTone: [UInt32: (String, String)] = [
            0x0301: ("í", "Í"), 0x0300: ("ì", "Ì"), 0x0309: ("æ", "Æ"), 0x0303: ("ó", "Ó"), 0x0323: ("ò", "Ò"),
        ]
        let lowerBase = String(base).lowercased()
        if base == "đ" || base == "Đ" {
            out += pick("ñ", "Ñ")
        } else if lowerBase == "i", let tone {
            out += pick(iTone[tone]!.0, iTone[tone]!.1)
        } else if lowerBase == "y", tone == 0x0323 {
            out += pick("î", "Î")
        } else if shape == 0x031B {
            out += lowerBase == "o" ? pick("ô", "Ô") : pick("ö", "Ö")
            if let tone { out += pick(toneMark[tone]!.0, toneMark[tone]!.1) }
        } else if shape == 0x0302 {
            out += String(base)
            out += tone.map { pick(circumflexTone[$0]!.0, circumflexTone[$0]!.1) } ?? pick("â", "Â")
        } else if shape == 0x0306 {
            out += String(base)
            out += tone.map { pick(breveTone[$0]!.0, breveTone[$0]!.1) } ?? pick("ê", "Ê")
        } else {
            out += String(base)
            if let tone { out += pick(toneMark[tone]!.0, toneMark[tone]!.1) }
        }
    }
    return out
}

/// Sentences from ward paperwork. TCVN3 had no capitals with a tone in the .VnTime font, so
/// the shared ones avoid them.
private let sentences = [
    "Cộng hòa Xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Báo cáo kết quả công tác tuyên truyền quý I năm 2026",
    "Kế hoạch tổ chức các hoạt động kỷ niệm ngày thành lập phường",
    "Người dân được hướng dẫn cài đặt ứng dụng định danh điện tử",
    "Thực hiện chỉ thị của Ban Bí thư về tăng cường bảo đảm an ninh mạng",
    "Trường Tiểu học Linh Sơn tổ chức lễ khai giảng năm học mới",
    "Trạm Y tế phường tiêm chủng miễn phí cho trẻ em dưới năm tuổi",
    "Tổ dân phố số 5 họp bàn việc giữ gìn vệ sinh môi trường, phòng chống dịch bệnh",
]

private func bytes(_ s: String) -> [UInt8] { Array(s.precomposedStringWithCanonicalMapping.utf8) }

@Suite struct LegacyEncodingTests {
    @Test func encodersReproduceTheKnownSamples() {
        #expect(encodeTCVN3("Cộng hòa Xã hội chủ nghĩa Việt Nam") == "Céng hßa X· héi chñ nghÜa ViÖt Nam")
        #expect(encodeVNI("Cộng hòa xã hội chủ nghĩa Việt Nam") == "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")
        #expect(encodeVNI("Xin chào các bạn") == "Xin chaøo caùc baïn")
        #expect(encodeVNI("trường") == "tröôøng")
        #expect(encodeTCVN3("Mường Khương") == "M\u{AD}êng Kh\u{AD}¬ng")
    }

    @Test func detectsTheBriefSamples() {
        #expect(LegacyEncoding.detect("Céng hßa X· héi chñ nghÜa ViÖt Nam") == .tcvn3)
        #expect(LegacyEncoding.detect("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == .vni)
        #expect(LegacyEncoding.tcvn3.rawValue == "TCVN3 (ABC)")
        #expect(LegacyEncoding.vni.rawValue == "VNI")
    }

    @Test(arguments: sentences)
    func detectsAndDecodesTCVN3(_ sentence: String) {
        let legacy = encodeTCVN3(sentence)
        #expect(bytes(legacy) != bytes(sentence))
        #expect(LegacyEncoding.detect(legacy) == .tcvn3, "\(legacy)")
        #expect(bytes(LegacyEncoding.tcvn3.decode(legacy)) == bytes(sentence))
        #expect(LegacyEncoding.firstSuspectLine(legacy) == 1)
    }

    @Test(arguments: sentences + [
        "ỦY BAN NHÂN DÂN PHƯỜNG LINH SƠN",
        "Ủy ban nhân dân phường đề nghị các đơn vị báo cáo trước ngày 25 tháng 3",
        "Kính gửi: Trưởng các khu phố; Hiệu trưởng các trường học.",
    ])
    func detectsAndDecodesVNI(_ sentence: String) {
        let legacy = encodeVNI(sentence)
        #expect(bytes(legacy) != bytes(sentence))
        #expect(LegacyEncoding.detect(legacy) == .vni, "\(legacy)")
        #expect(bytes(LegacyEncoding.vni.decode(legacy)) == bytes(sentence))
        #expect(LegacyEncoding.firstSuspectLine(legacy) == 1)
    }

    @Test func decodesTheBriefSamples() {
        #expect(bytes(LegacyEncoding.tcvn3.decode("Céng hßa X· héi chñ nghÜa ViÖt Nam")) ==
                bytes("Cộng hòa Xã hội chủ nghĩa Việt Nam"))
        #expect(bytes(LegacyEncoding.vni.decode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")) ==
                bytes("Cộng hòa xã hội chủ nghĩa Việt Nam"))
        #expect(bytes(LegacyEncoding.tcvn3.decode("B¶o Th¾ng, B¸t X¸t, Ninh B×nh")) ==
                bytes("Bảo Thắng, Bát Xát, Ninh Bình"))
        // Output is NFC.
        let decoded = LegacyEncoding.vni.decode("Vieät")
        #expect(Array(decoded.utf8) == Array("Việt".precomposedStringWithCanonicalMapping.utf8))
    }

    @Test func everyTCVN3LetterRoundTrips() {
        for (uni, _) in tcvn3Pairs {
            for ch in uni {
                let legacy = encodeTCVN3(String(ch))
                #expect(bytes(LegacyEncoding.tcvn3.decode(legacy)) == bytes(String(ch)), "\(ch)")
            }
        }
    }

    @Test func everyVietnameseLetterRoundTripsThroughVNI() {
        let bases = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
        let tones = ["", "\u{0300}", "\u{0309}", "\u{0303}", "\u{0301}", "\u{0323}"]
        var count = 0
        for base in bases {
            for tone in tones {
                for letter in [base, base.uppercased()] {
                    let ch = (letter + tone).precomposedStringWithCanonicalMapping
                    let word = "t" + ch + "n"
                    #expect(bytes(LegacyEncoding.vni.decode(encodeVNI(word))) == bytes(word), "\(word)")
                    count += 1
                }
            }
        }
        #expect(count == 144)
        #expect(bytes(LegacyEncoding.vni.decode(encodeVNI("Đường đi"))) == bytes("Đường đi"))
    }

    @Test(arguments: [
        "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Tổ dân phố số 5 – Đồng Tâm: họp bàn kế hoạch quý I/2026, tỷ lệ 99,1%.",
        "Toàn dân tham gia bảo vệ an ninh Tổ quốc; hoàn thành 13/13 tổ dân phố.",
        "Chào các bạn, tôi là cán bộ văn hóa xã hội của phường.",
        "The quick brown fox jumps over the lazy dog.",
        "Die Straße ist schön. Müller aß Käse, daß es grün wird. Maß, Öl, für Übung, Größe.",
        "Un café crème à la française, très naïf; Noël à l'hôtel, garçon, où est l'île? Ça coûte.",
        "El niño y la niña comen piña en España, año tras año, señor.",
        "Straße", "café", "résumé", "naïve", "Zoë", "jalapeño", "Øresund", "smörgåsbord",
        "© 2026 · Trang chủ · Tin tức · Liên hệ · Sơ đồ trang",
        "Kích thước 10 µm, ½ lít, ¼ và ¾; «trích dẫn»; giá 5 €; nhiệt độ 30 °C.",
        "",
        "   \n\n  ",
        "1.234,5 + 2.000 = 3.234,5",
    ])
    func ordinaryTextIsNotLegacy(_ text: String) {
        #expect(LegacyEncoding.detect(text) == nil, "\(text)")
        #expect(LegacyEncoding.firstSuspectLine(text) == nil)
        #expect(LegacyEncoding.detect(text.decomposedStringWithCanonicalMapping) == nil)
    }

    @Test func unicodeVietnameseInBothNormalFormsIsNotLegacy() {
        let text = sentences.joined(separator: "\n")
        #expect(LegacyEncoding.detect(text) == nil)
        #expect(LegacyEncoding.detect(text.decomposedStringWithCanonicalMapping) == nil)
        #expect(LegacyEncoding.detect(text.uppercased()) == nil)
    }

    @Test func tinyHeadingIsDetected() {
        #expect(LegacyEncoding.detect("B¸o c¸o") == .tcvn3)
        #expect(LegacyEncoding.detect("KÕ ho¹ch") == nil)  // one telltale word is not enough
    }

    @Test func firstSuspectLineFindsThePastedParagraph() {
        let text = """
        ---
        title: Thông báo
        date: 2026-03-25
        ---
        Phường Linh Sơn thông báo lịch tiêm chủng.

        \(encodeTCVN3(sentences[4])) \(encodeTCVN3(sentences[5]))
        Trân trọng.
        """
        #expect(LegacyEncoding.detect(text) == .tcvn3)
        #expect(LegacyEncoding.firstSuspectLine(text) == 7)

        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(LegacyEncoding.firstSuspectLine(crlf) == 7)

        let vni = "Tiêu đề\n\n\(encodeVNI(sentences[2]))\n\(encodeVNI(sentences[3]))"
        #expect(LegacyEncoding.detect(vni) == .vni)
        #expect(LegacyEncoding.firstSuspectLine(vni) == 3)
    }

    @Test func wholeLegacyDocument() {
        let tcvn = sentences.map(encodeTCVN3).joined(separator: "\n")
        let vni = sentences.map(encodeVNI).joined(separator: "\n")
        #expect(LegacyEncoding.detect(tcvn) == .tcvn3)
        #expect(LegacyEncoding.detect(vni) == .vni)
        #expect(bytes(LegacyEncoding.tcvn3.decode(tcvn)) == bytes(sentences.joined(separator: "\n")))
        #expect(bytes(LegacyEncoding.vni.decode(vni)) == bytes(sentences.joined(separator: "\n")))
    }

    @Test(arguments: [
        "người", "nghiêng", "khuya", "chuyện", "quý", "giữ", "gì", "hoà", "hòa", "thuở", "rượu",
        "xoong", "việt", "đường", "khuỷu", "ngoặt", "quân", "thuế", "ăn", "ư", "yêu", "nghĩa",
    ])
    func wellFormedSyllables(_ word: String) {
        #expect(VietSyllable.isValid(word))
        #expect(VietSyllable.isValid(word.uppercased()))
    }

    @Test(arguments: [
        "straòe", "aò", "daò", "fừr", "cafộ", "niủo", "hoỉa", "schửn", "mỹller", "", "ab", "tt",
        "hóà", "bcd", "mạs", "câù",
    ])
    func malformedSyllables(_ word: String) {
        #expect(!VietSyllable.isValid(word))
    }
}

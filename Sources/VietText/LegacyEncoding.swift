import Foundation

/// Text typed in the pre-Unicode Vietnamese fonts (TCVN3/ABC ".VnTime", VNI-Times) that reached
/// us as Latin-1/CP1252 characters, e.g. TCVN3 "Céng hßa X· héi chñ nghÜa ViÖt Nam",
/// VNI "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam".
///
/// Such text renders as gibberish on the web, and publishing it under a ward's name is worse
/// than refusing the build, so the engine detects it and points at the line.
public enum LegacyEncoding: String, Sendable, CaseIterable {
    case tcvn3 = "TCVN3 (ABC)", vni = "VNI"

    /// Heuristic detection on a whole text; nil for ordinary Unicode Vietnamese (and for plain
    /// English/ASCII, and for German/French words that merely contain ß, é, ü…).
    ///
    /// Evidence is gathered word by word. A *strong* word holds a character Unicode Vietnamese
    /// never uses (TCVN3 "·", "¸", "ß"…; VNI "ø", "ï", "û", "ä"…) and decodes to a well-formed
    /// Vietnamese syllable with its tone on an allowed vowel, so "Straße", "niño" or "Müller"
    /// (which decode to junk) never count. A *weak* word uses only characters that Unicode
    /// Vietnamese shares (TCVN3 "héi", VNI "caùo") but still decodes to a different valid
    /// syllable; Unicode text produces those by accident ("cá" reads as TCVN3 "cỏ"), so they
    /// count only when the text has almost no letters beyond Latin-1, which any real Unicode
    /// Vietnamese text has in abundance (ạ, ư, ế…).
    ///
    /// The verdict: three different strong words anywhere (a legacy paragraph pasted into a
    /// Unicode file), or one strong word backed by weak ones in a text without Unicode
    /// Vietnamese, or two strong words making up a large share of a tiny text ("B¸o c¸o").
    public static func detect(_ text: String) -> LegacyEncoding? {
        let evidence = Evidence.collect(in: text.precomposedStringWithCanonicalMapping)
        let passing = allCases.filter { evidence[$0]!.isConclusive }
        return passing.max { a, b in
            let ea = evidence[a]!, eb = evidence[b]!
            return (ea.strong.count, ea.strong.count + ea.weak.count)
                < (eb.strong.count, eb.strong.count + eb.weak.count)
        }
    }

    /// Line (1-based) of the first line that looks legacy-encoded, for error messages; nil if none.
    ///
    /// Only reports a line when the text as a whole is judged legacy, so the message and the
    /// verdict never disagree. A line is shown if it holds a strong word of that encoding, or
    /// is mostly weak words with no Unicode Vietnamese; a single weak word is not enough, since
    /// a Unicode line like "title: Thông báo" reads as TCVN3 "Thụng bỏo".
    public static func firstSuspectLine(_ text: String) -> Int? {
        guard let encoding = detect(text) else { return nil }
        let nfc = text.precomposedStringWithCanonicalMapping
        // "\r\n" is a single Character, so Windows line ends count once.
        let lines = nfc.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            let e = Evidence.collect(in: String(line))[encoding]!
            let weakHits = e.legacyHits - e.strongHits
            if e.strongHits > 0 || (weakHits >= 3 && weakHits * 2 >= e.words && e.unicodeWords == 0) {
                return index + 1
            }
        }
        return nil
    }

    /// Converts legacy text to Unicode (NFC). Apply only to text `detect` attributed to this
    /// encoding: genuine Unicode "á" would otherwise be rewritten too.
    ///
    /// Capitals with a tone did not exist in the .VnTime font (headings used the all-caps
    /// .VnTimeH font with lowercase codes), so TCVN3 output keeps the case it was typed in.
    public func decode(_ text: String) -> String {
        switch self {
        case .tcvn3:
            var out = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                if let mapped = LegacyTables.tcvn3[scalar.value] {
                    out.append(mapped)
                } else {
                    out.append(scalar)
                }
            }
            return String(out).precomposedStringWithCanonicalMapping
        case .vni:
            return decodeVNI(text)
        }
    }

    // VNI writes a vowel then a separate byte for its accents; the byte's glyph is drawn over
    // (or under) the preceding letter, so it only means an accent right after a vowel.
    private func decodeVNI(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var afterVowel = false
        for scalar in text.unicodeScalars {
            if afterVowel, let marks = LegacyTables.vniMarks[scalar.value] {
                out.append(contentsOf: marks)
                continue
            }
            let mapped = LegacyTables.vniLetters[scalar.value] ?? scalar
            out.append(mapped)
            afterVowel = LegacyTables.vniVowels.contains(mapped.value)
        }
        return String(out).precomposedStringWithCanonicalMapping
    }

    // MARK: Word-level evidence

    fileprivate enum Strength { case strong, weak }

    fileprivate func classify(_ word: Substring) -> Strength? {
        // A lone symbol ("·" between menu items, "«" before a quote) proves nothing.
        guard word.unicodeScalars.count >= 2 else { return nil }
        let decoded = decode(String(word))
        guard !decoded.utf8.elementsEqual(word.utf8), VietSyllable.isValid(decoded) else {
            return nil
        }
        let telltales = self == .tcvn3 ? LegacyTables.tcvn3Telltales : LegacyTables.vniTelltales
        return word.unicodeScalars.contains { telltales.contains($0.value) } ? .strong : .weak
    }
}

private struct Evidence {
    var strong: Set<String> = []
    var weak: Set<String> = []
    var legacyHits = 0
    var strongHits = 0
    var words = 0
    /// Words with Vietnamese letters beyond Latin-1: proof of real Unicode text.
    var unicodeWords = 0

    var isConclusive: Bool {
        if strong.count >= 3 { return true }
        if strong.count >= 2 && strongHits * 10 >= words * 4 { return true }
        return strong.count >= 1 && strong.count + weak.count >= 3 && unicodeWords * 5 <= legacyHits
    }

    static func collect(in text: String) -> [LegacyEncoding: Evidence] {
        var result = Dictionary(uniqueKeysWithValues: LegacyEncoding.allCases.map { ($0, Evidence()) })
        for word in words(in: text) {
            let isUnicode = word.unicodeScalars.contains { s in
                (0x0100...0x024F).contains(s.value) || (0x1E00...0x1EFF).contains(s.value)
            }
            for encoding in LegacyEncoding.allCases {
                result[encoding]!.words += 1
                if isUnicode {
                    result[encoding]!.unicodeWords += 1
                    continue
                }
                switch encoding.classify(word) {
                case .strong:
                    result[encoding]!.strong.insert(word.lowercased())
                    result[encoding]!.strongHits += 1
                    result[encoding]!.legacyHits += 1
                case .weak:
                    result[encoding]!.weak.insert(word.lowercased())
                    result[encoding]!.legacyHits += 1
                case nil:
                    break
                }
            }
        }
        return result
    }

    /// Runs of letters and Latin-1 characters: TCVN3 stores vowels at code points that are
    /// punctuation in Latin-1 ("·", "¸", "«"), so they must stay inside the word.
    private static func words(in text: String) -> [Substring] {
        var result: [Substring] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let inWord = text[index].unicodeScalars.allSatisfy { s in
                (0xA1...0xFF).contains(s.value) || s.properties.isAlphabetic
                    || VietText.isCombiningMark(s)
            }
            if inWord {
                if start == nil { start = index }
            } else if let s = start {
                result.append(text[s..<index])
                start = nil
            }
            index = text.index(after: index)
        }
        if let s = start { result.append(text[s...]) }
        return result
    }
}

private enum LegacyTables {
    /// TCVN3 (TCVN 5712:1993, VN3 as used by the ABC ".Vn" fonts): Latin-1 code point → letter.
    static let tcvn3: [UInt32: Unicode.Scalar] = {
        let pairs: [(UInt32, String)] = [
            (0xA1, "Ă"), (0xA2, "Â"), (0xA3, "Ê"), (0xA4, "Ô"), (0xA5, "Ơ"), (0xA6, "Ư"), (0xA7, "Đ"),
            (0xA8, "ă"), (0xA9, "â"), (0xAA, "ê"), (0xAB, "ô"), (0xAC, "ơ"), (0xAD, "ư"), (0xAE, "đ"),
            (0xB5, "à"), (0xB6, "ả"), (0xB7, "ã"), (0xB8, "á"), (0xB9, "ạ"),
            (0xBB, "ằ"), (0xBC, "ẳ"), (0xBD, "ẵ"), (0xBE, "ắ"), (0xC6, "ặ"),
            (0xC7, "ầ"), (0xC8, "ẩ"), (0xC9, "ẫ"), (0xCA, "ấ"), (0xCB, "ậ"),
            (0xCC, "è"), (0xCE, "ẻ"), (0xCF, "ẽ"), (0xD0, "é"), (0xD1, "ẹ"),
            (0xD2, "ề"), (0xD3, "ể"), (0xD4, "ễ"), (0xD5, "ế"), (0xD6, "ệ"),
            (0xD7, "ì"), (0xD8, "ỉ"), (0xDC, "ĩ"), (0xDD, "í"), (0xDE, "ị"),
            (0xDF, "ò"), (0xE1, "ỏ"), (0xE2, "õ"), (0xE3, "ó"), (0xE4, "ọ"),
            (0xE5, "ồ"), (0xE6, "ổ"), (0xE7, "ỗ"), (0xE8, "ố"), (0xE9, "ộ"),
            (0xEA, "ờ"), (0xEB, "ở"), (0xEC, "ỡ"), (0xED, "ớ"), (0xEE, "ợ"),
            (0xEF, "ù"), (0xF1, "ủ"), (0xF2, "ũ"), (0xF3, "ú"), (0xF4, "ụ"),
            (0xF5, "ừ"), (0xF6, "ử"), (0xF7, "ữ"), (0xF8, "ứ"), (0xF9, "ự"),
            (0xFA, "ỳ"), (0xFB, "ỷ"), (0xFC, "ỹ"), (0xFD, "ý"), (0xFE, "ỵ"),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { ($0.0, $0.1.unicodeScalars.first!) })
    }()

    /// VNI letters encoded as a single byte (đ ơ ư, and i/y with a tone, which are too narrow
    /// to carry a separate accent glyph).
    static let vniLetters: [UInt32: Unicode.Scalar] = {
        let pairs: [(Character, String)] = [
            ("ñ", "đ"), ("Ñ", "Đ"), ("ô", "ơ"), ("Ô", "Ơ"), ("ö", "ư"), ("Ö", "Ư"),
            ("í", "í"), ("Í", "Í"), ("ì", "ì"), ("Ì", "Ì"), ("æ", "ỉ"), ("Æ", "Ỉ"),
            ("ó", "ĩ"), ("Ó", "Ĩ"), ("ò", "ị"), ("Ò", "Ị"), ("î", "ỵ"), ("Î", "Ỵ"),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map {
            ($0.0.unicodeScalars.first!.value, $0.1.unicodeScalars.first!)
        })
    }()

    /// VNI accent bytes → combining marks (shape modifier first, then tone).
    static let vniMarks: [UInt32: [Unicode.Scalar]] = {
        let circumflex: Unicode.Scalar = "\u{0302}", breve: Unicode.Scalar = "\u{0306}"
        let grave: Unicode.Scalar = "\u{0300}", acute: Unicode.Scalar = "\u{0301}"
        let hook: Unicode.Scalar = "\u{0309}", tilde: Unicode.Scalar = "\u{0303}"
        let dot: Unicode.Scalar = "\u{0323}"
        let pairs: [(String, [Unicode.Scalar])] = [
            ("øØ", [grave]), ("ùÙ", [acute]), ("ûÛ", [hook]), ("õÕ", [tilde]), ("ïÏ", [dot]),
            ("âÂ", [circumflex]), ("àÀ", [circumflex, grave]), ("áÁ", [circumflex, acute]),
            ("åÅ", [circumflex, hook]), ("ãÃ", [circumflex, tilde]), ("äÄ", [circumflex, dot]),
            ("êÊ", [breve]), ("èÈ", [breve, grave]), ("éÉ", [breve, acute]),
            ("úÚ", [breve, hook]), ("üÜ", [breve, tilde]), ("ëË", [breve, dot]),
        ]
        var table: [UInt32: [Unicode.Scalar]] = [:]
        for (chars, marks) in pairs {
            for s in chars.unicodeScalars { table[s.value] = marks }
        }
        return table
    }()

    static let vniVowels: Set<UInt32> = Set("aeiouyAEIOUYơƠưƯ".unicodeScalars.map(\.value))

    /// Latin-1 letters that Unicode Vietnamese itself uses; seeing them proves nothing.
    private static let vietnameseLatin1: Set<UInt32> = Set(
        "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý".unicodeScalars.map(\.value))

    static let tcvn3Telltales: Set<UInt32> = Set(tcvn3.keys).subtracting(vietnameseLatin1)

    static let vniTelltales: Set<UInt32> =
        Set(vniLetters.keys).union(vniMarks.keys).subtracting(vietnameseLatin1)
}

import Foundation

/// Recognises well-formed Vietnamese syllables (initial + vowel nucleus + final, tone on an
/// allowed vowel). Legacy-encoding detection leans on it: a German "Straße" or Spanish "niño"
/// decoded as TCVN3 or VNI turns into junk, whereas a real legacy word turns into a syllable.
enum VietSyllable {
    static func isValid(_ word: String) -> Bool {
        guard let (letters, tonePosition) = parse(word) else { return false }
        for initial in initials where letters.starts(with: initial) {
            let rest = letters.dropFirst(initial.count)
            for nucleus in nuclei where rest.starts(with: nucleus.letters) {
                let final = Array(rest.dropFirst(nucleus.letters.count))
                guard finals.contains(final) else { continue }
                guard let tonePosition else { return true }
                if nucleus.tonePositions.contains(tonePosition - initial.count) { return true }
            }
        }
        return false
    }

    /// Lowercase toneless letters (ă â đ ê ô ơ ư as single Characters) and the index of the
    /// letter carrying the tone; nil for anything outside the Vietnamese alphabet, a second
    /// tone, or a stray accent.
    private static func parse(_ word: String) -> ([Character], Int?)? {
        var letters: [Character] = []
        var tonePosition: Int?
        for scalar in word.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300, 0x0301, 0x0303, 0x0309, 0x0323:
                guard tonePosition == nil, !letters.isEmpty else { return nil }
                tonePosition = letters.count - 1
            case 0x0302, 0x0306, 0x031B:
                guard let last = letters.last,
                      let modified = modify(last, scalar) else { return nil }
                letters[letters.count - 1] = modified
            case 0x0111:
                letters.append("đ")
            case 0x61...0x7A:
                // f j w z occur only in loanwords, never in the syllables legacy fonts encoded.
                guard !"fjwz".unicodeScalars.contains(scalar) else { return nil }
                letters.append(Character(scalar))
            default:
                return nil
            }
        }
        return letters.isEmpty ? nil : (letters, tonePosition)
    }

    private static func modify(_ letter: Character, _ mark: Unicode.Scalar) -> Character? {
        switch (letter, mark.value) {
        case ("a", 0x0306): return "ă"
        case ("a", 0x0302): return "â"
        case ("e", 0x0302): return "ê"
        case ("o", 0x0302): return "ô"
        case ("o", 0x031B): return "ơ"
        case ("u", 0x031B): return "ư"
        default: return nil
        }
    }

    private static let initials: [[Character]] = [
        "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
        "nh", "p", "ph", "q", "qu", "r", "s", "t", "th", "tr", "v", "x",
    ].map(Array.init)

    private static let finals: Set<[Character]> = Set(
        ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"].map(Array.init))

    private struct Nucleus {
        let letters: [Character]
        /// Where the tone may sit. Two positions where old and new spelling disagree
        /// (hòa/hoà, thủy/thuỷ): legacy documents use both.
        let tonePositions: Set<Int>
    }

    private static let nuclei: [Nucleus] = {
        let table: [(String, Set<Int>)] = [
            ("a", [0]), ("ă", [0]), ("â", [0]), ("e", [0]), ("ê", [0]), ("i", [0]), ("o", [0]),
            ("ô", [0]), ("ơ", [0]), ("u", [0]), ("ư", [0]), ("y", [0]),
            ("ai", [0]), ("ao", [0]), ("au", [0]), ("ay", [0]), ("âu", [0]), ("ây", [0]),
            ("eo", [0]), ("êu", [0]), ("ia", [0]), ("iu", [0]), ("oi", [0]), ("ôi", [0]),
            ("ơi", [0]), ("ui", [0]), ("ưi", [0]), ("ưu", [0]), ("ua", [0]), ("ưa", [0]),
            ("iê", [1]), ("yê", [1]), ("uô", [1]), ("ươ", [1]), ("oă", [1]), ("uâ", [1]),
            ("uê", [1]), ("uơ", [1]), ("oa", [0, 1]), ("oe", [0, 1]), ("uy", [0, 1]),
            ("oo", [0, 1]),
            ("iêu", [1]), ("yêu", [1]), ("oai", [1]), ("oao", [1]), ("oay", [1]), ("oeo", [1]),
            ("uây", [1]), ("uôi", [1]), ("uya", [1]), ("uyu", [1]), ("ươi", [1]), ("ươu", [1]),
            ("uyê", [2]),
        ]
        // Longest first, so "ươi" is tried before "ươ".
        return table.map { Nucleus(letters: Array($0.0), tonePositions: $0.1) }
            .sorted { $0.letters.count > $1.letters.count }
    }()
}

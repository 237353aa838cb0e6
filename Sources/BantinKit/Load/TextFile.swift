import FastUTF8
import Foundation
import VietText

/// A content file read as text: UTF-8 checked, BOMs dropped, CRLF made LF, NFC applied,
/// so every later stage sees one form of Vietnamese whatever editor wrote it.
struct TextFile: Sendable {
    let path: String       // relative to the site folder, for diagnostics
    let text: String

    /// Reads and validates; on failure records why and returns nil.
    static func read(_ url: URL, relativePath: String, into diagnostics: inout Diagnostics) -> TextFile? {
        guard SizeLimit.allows(url, relativePath: relativePath, megabytes: SizeLimit.textMB, what: "a text file",
                               into: &diagnostics) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            diagnostics.error(SourceRef(file: relativePath), "cannot read the file")
            return nil
        }
        return decode(data, relativePath: relativePath, into: &diagnostics)
    }

    static func decode(_ data: Data, relativePath: String, into diagnostics: inout Diagnostics) -> TextFile? {
        // Read in place: copying every file's bytes into an array, then shifting it past a BOM, was
        // a visible part of loading 10,000 files.
        data.withUnsafeBytes { raw in
            let all = raw.bindMemory(to: UInt8.self)
            let bomLength = all.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            return decode(UnsafeBufferPointer(rebasing: all[bomLength...]), relativePath: relativePath, into: &diagnostics)
        }
    }

    /// `bytes`: the file less a leading UTF-8 BOM.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, relativePath: String,
                               into diagnostics: inout Diagnostics) -> TextFile? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            diagnostics.error(SourceRef(file: relativePath), "the file is UTF-16, not UTF-8", hint: resaveHint(relativePath))
            return nil
        }
        guard let decoded = FastUTF8.string(validating: bytes) else {
            let (line, column) = firstInvalidUTF8(Array(bytes))
            diagnostics.error(SourceRef(file: relativePath, line: line, column: column),
                              "the file is not valid UTF-8 (it looks like \(guessLegacyEncoding(Array(bytes))))", hint: resaveHint(relativePath))
            return nil
        }
        // One pass over the bytes answers what each step below would otherwise scan the text for;
        // nil (a character that may need NFC) takes every step the exact way.
        let facts = Facts.scan(bytes)
        var text = facts?.hasInnerBOM == false ? decoded : withoutBOMs(decoded)
        if facts?.hasCR ?? bytes.contains(0x0D) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        if facts == nil { text = VietText.nfc(text) }
        if facts?.mayBeLegacy ?? mayBeLegacy(text), let encoding = LegacyEncoding.detect(text) {
            let line = LegacyEncoding.firstSuspectLine(text) ?? 1
            diagnostics.error(SourceRef(file: relativePath, line: line),
                              "the text looks typed in the legacy \(encoding.rawValue) encoding, not Unicode",
                              hint: "convert it to Unicode (UniKey: Công cụ → Chuyển mã, from \(encoding.rawValue) to Unicode dựng sẵn)")
            return nil
        }
        return TextFile(path: relativePath, text: text)
    }

    /// What `decode` needs to know of a file's valid UTF-8, found in one pass instead of four
    /// (BOMs, CRs, `VietText.isSurelyNFC`, `mayBeLegacy`: together half the time of reading a file).
    struct Facts: Equatable {
        var hasCR = false
        /// A U+FEFF past the start, which `withoutBOMs` drops.
        var hasInnerBOM = false
        /// `mayBeLegacy` of the text once BOMs and CRs are dropped: they are whole characters, and
        /// it looks at each two-byte character alone.
        var mayBeLegacy = false

        /// Nil unless the text, once its BOMs are dropped, is surely NFC by `VietText.isSurelyNFC`'s
        /// rule (which also looks at each character alone; a BOM is not NFC-safe by it, and is
        /// never kept); nil sends `decode` down the exact path. `bytes` must be valid UTF-8.
        static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Facts? {
            guard !bytes.isEmpty else { return Facts() }
            var found: UInt8 = 0
            pairFacts.ofLead.withUnsafeBufferPointer { ofLead in
                pairFacts.rows.withUnsafeBufferPointer { rows in
                    // Every byte with the one after it (the last with 0): in valid UTF-8 only a lead
                    // byte gives a fact, so reading continuation bytes as leads adds none.
                    var current = bytes[0]
                    for index in 1...bytes.count {
                        let next = index < bytes.count ? bytes[index] : 0
                        let fact = rows[Int(ofLead[Int(current)]) << 6 | Int(next & 0x3F)]
                        found |= fact
                        if fact & PairFact.third != 0 { found |= thirdFact(current, next, bytes[index + 1]) }
                        current = next
                    }
                }
            }
            guard found & PairFact.notNFC == 0 else { return nil }
            return Facts(hasCR: found & PairFact.cr != 0, hasInnerBOM: found & PairFact.bom != 0,
                         mayBeLegacy: found & PairFact.legacy != 0)
        }

        /// Bits of what a lead byte and the byte after it say.
        private enum PairFact {
            static let cr: UInt8 = 1, bom: UInt8 = 2, legacy: UInt8 = 4, notNFC: UInt8 = 8
            /// Decided by the third byte: `thirdFact`.
            static let third: UInt8 = 16
        }

        /// The facts of every pair of bytes, looked up once per byte: branching on each character's
        /// length and kind, a branch mispredicted every few letters of Vietnamese, took a third longer.
        /// A byte that gives a fact by the byte after it leads a character of two or more, so that
        /// byte is a continuation byte and its low six bits say all: a row of 64 facts per kind of
        /// lead byte (under a dozen kinds), 1 KB in all rather than 64 KB for every pair.
        private static let pairFacts: (ofLead: [UInt8], rows: [UInt8]) = {
            var ofLead: [UInt8] = [], rows: [UInt8] = [], known: [[UInt8]: UInt8] = [:]
            for lead in UInt8.min...UInt8.max {
                let row = (0..<64).map { pairFact(lead, 0x80 | UInt8($0)) }
                if known[row] == nil {
                    known[row] = UInt8(known.count)
                    rows += row
                }
                ofLead.append(known[row]!)
            }
            return (ofLead, rows)
        }()

        /// `isSurelyNFC`'s ranges by their UTF-8 (U+0000–U+02FF: leads below 0xCC; U+1E00–U+1EFF:
        /// E1 B8–BB; U+2002–U+20CF: E2 80 82 – E2 83 8F), U+FEFF (EF BB BF), and `mayBeLegacy`'s
        /// two-byte letters (leads C2–C5).
        private static func pairFact(_ lead: UInt8, _ second: UInt8) -> UInt8 {
            switch (lead, second) {
            case (0x0D, _): return PairFact.cr
            case (0xC2...0xC5, _): return isOtherLatin(lead, second) ? PairFact.legacy : 0
            case (..<0xCC, _): return 0
            case (0xE1, 0xB8...0xBB), (0xE2, 0x81...0x82): return 0
            case (0xE2, 0x80), (0xE2, 0x83), (0xEF, 0xBB): return PairFact.third
            default: return PairFact.notNFC
            }
        }

        private static func thirdFact(_ lead: UInt8, _ second: UInt8, _ third: UInt8) -> UInt8 {
            switch (lead, second, third) {
            case (0xE2, 0x80, 0x82...), (0xE2, 0x83, ...0x8F): return 0
            case (0xEF, 0xBB, 0xBF): return PairFact.bom
            default: return PairFact.notNFC
            }
        }
    }

    /// Text files are Markdown and YAML, written in a text editor: Excel's "CSV UTF-8", the way out
    /// for an activity report (Spreadsheet's own hint), would only confuse whoever wrote them.
    static func resaveHint(_ path: String) -> String {
        let kind = path.lowercased().hasSuffix(".md") ? "Markdown" : "YAML"
        return "this \(kind) file must be UTF-8: open it in your text editor and save it again with the encoding UTF-8 "
            + "(Notepad: Save As → Encoding: UTF-8; VS Code: the encoding in the status bar → Save with Encoding → UTF-8)"
    }

    /// A BOM past the start (files joined with `cat`, text pasted from a web page) is invisible in
    /// every editor yet stops `## Mục` or `title:` at the start of its line from being read as such.
    /// As a character it is the deprecated zero-width no-break space, which Vietnamese text never
    /// needs, so it is dropped wherever it is, like the leading one.
    static func withoutBOMs(_ text: String) -> String {
        guard text.containsBytes("\u{FEFF}") else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\u{FEFF}" }))
    }

    /// Letters of Latin-1 and Latin Extended-A that Unicode Vietnamese uses. TCVN3 and VNI text
    /// always shows some other one (¸ µ · ß ä ø …), so text without any skips the slow detector.
    private static let vietnameseLatin: Set<Unicode.Scalar> = Set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝăĂđĐĩĨũŨơƠưƯ".unicodeScalars)

    /// The same set as a table over U+00A0–U+017F, looked up per letter.
    private static let otherLatin: [Bool] = (0xA0...0x17F).map { !vietnameseLatin.contains(Unicode.Scalar($0)!) }

    static func mayBeLegacy(_ text: String) -> Bool {
        // Those letters are two UTF-8 bytes led by C2–C5: read on the bytes, not as decoded scalars.
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index + 1 < bytes.count {
                let byte = bytes[index]
                guard (0xC2...0xC5).contains(byte) else { index += 1; continue }
                if isOtherLatin(byte, bytes[index + 1]) { return true }
                index += 2
            }
            return false
        }
    }

    /// Whether the two-byte character led by `lead` (C2–C5) is a Latin letter or sign that Unicode Vietnamese never uses.
    @inline(__always)
    private static func isOtherLatin(_ lead: UInt8, _ second: UInt8) -> Bool {
        let value = Int(lead & 0x1F) << 6 | Int(second & 0x3F)
        return value >= 0xA0 && otherLatin[value - 0xA0]
    }

    /// Line and column (in characters) of the first byte that breaks UTF-8.
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> (Int, Int) {
        var line = 1, lineStart = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let valid = length > 0 && index + length <= bytes.count
                && String(validating: bytes[index..<index + length], as: UTF8.self) != nil
            if !valid {
                let prefix = String(decoding: bytes[lineStart..<index], as: UTF8.self)
                return (line, prefix.count + 1)
            }
            if byte == 0x0A { line += 1; lineStart = index + 1 }
            index += length
        }
        return (line, 1)
    }

    /// Office files that are not UTF-8 are nearly always Windows code pages.
    private static func guessLegacyEncoding(_ bytes: [UInt8]) -> String {
        let high = bytes.filter { $0 >= 0x80 }
        // Windows-1258 puts Vietnamese combining tones at 0xCC, 0xD2, 0xDE, 0xEC, 0xF2.
        let cp1258Tones: Set<UInt8> = [0xCC, 0xD2, 0xDE, 0xEC, 0xF2]
        if high.contains(where: { cp1258Tones.contains($0) }) { return "Windows-1258 (Vietnamese ANSI)" }
        return "Windows-1252 or another ANSI code page"
    }
}

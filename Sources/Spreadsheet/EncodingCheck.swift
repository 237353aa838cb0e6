import FastUTF8

/// Makes sure CSV bytes are UTF-8 and, when they are not, says what they most likely are.
///
/// Guessing matters more than refusing: a ward clerk who sees "not UTF-8" alone cannot act on
/// it, but "this is Windows-1258, Excel's plain CSV export" points at the menu item to change.
enum EncodingCheck {
    /// Returns the offset where the text starts (after a UTF-8 BOM).
    static func requireUTF8(_ bytes: [UInt8]) throws(SpreadsheetError) -> Int {
        try refuseOtherFileKinds(bytes)
        if let utf16 = utf16Kind(bytes) {
            throw SpreadsheetError(
                message: "The file is \(utf16) text, not UTF-8 (Excel writes this for \"Unicode Text (*.txt)\").",
                hint: SpreadsheetError.reexportAsUTF8)
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // The common case first, sixteen bytes at a time; the scan below finds where it is not.
        if bytes.withUnsafeBufferPointer({ FastUTF8.isValid(UnsafeBufferPointer(rebasing: $0[start...])) }) { return start }
        let scan = UTF8Scan(bytes, from: start)
        guard let bad = scan.firstInvalid else { return start }
        let position = TextPosition(offset: bad, in: bytes, start: start)
        let byte = "0x" + String(bytes[bad], radix: 16, uppercase: true)
        throw SpreadsheetError(
            line: position.line, column: position.column,
            message: "The file is not UTF-8: byte \(byte) at line \(position.line), column \(position.column) "
                + "is not valid UTF-8. \(guess(bytes, start: start, scan: scan))",
            hint: SpreadsheetError.reexportAsUTF8)
    }

    /// A workbook renamed to .csv would otherwise be reported as some 8-bit encoding.
    private static func refuseOtherFileKinds(_ bytes: [UInt8]) throws(SpreadsheetError) {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw SpreadsheetError(
                message: "The file is a zip archive (probably an .xlsx workbook), not CSV text.",
                hint: "Give the file its .xlsx name, or export it as CSV. \(SpreadsheetError.reexportAsUTF8)")
        }
        if bytes.starts(with: OLE.signature) {
            throw SpreadsheetError(
                message: "The file is an Excel binary workbook (.xls, or a password-protected .xlsx), not CSV text.",
                hint: SpreadsheetError.reexportAsUTF8)
        }
    }

    /// UTF-16 shows itself by a BOM or, without one, by a NUL beside almost every ASCII letter;
    /// UTF-8 text never contains NUL in practice, so a quarter of NULs is far past any accident.
    private static func utf16Kind(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16 (little-endian)" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16 (big-endian)" }
        let sample = bytes.prefix(4096)
        var evenNULs = 0, oddNULs = 0
        for (index, byte) in sample.enumerated() where byte == 0 {
            if index % 2 == 0 { evenNULs += 1 } else { oddNULs += 1 }
        }
        guard !sample.isEmpty, (evenNULs + oddNULs) * 4 >= sample.count else { return nil }
        return oddNULs >= evenNULs ? "UTF-16 (little-endian)" : "UTF-16 (big-endian)"
    }

    /// The second sentence of the error: which 8-bit code page the bytes look like.
    static func guess(_ bytes: [UInt8], start: Int, scan: UTF8Scan) -> String {
        // A file that is UTF-8 almost everywhere was damaged (e.g. two exports pasted together);
        // calling it Windows-1252 would send the user to fix the wrong thing.
        if scan.multibyteSequences > scan.invalidBytes {
            return "The rest of the file is UTF-8, so this part was probably pasted in from a file in another encoding."
        }
        if looksLikeWindows1258(bytes, start: start) {
            return "It looks like Windows-1258 (Vietnamese), which Excel writes when you choose "
                + "\"CSV (Comma delimited)\" on Vietnamese Windows."
        }
        return "It looks like Windows-1252 (Western European), which Excel writes when you choose "
            + "\"CSV (Comma delimited)\"; Vietnamese letters outside that code page were already replaced by \"?\"."
    }

    /// Windows-1258 spells most Vietnamese letters as a base vowel followed by a combining tone
    /// byte (0xCC grave, 0xEC acute, 0xD2 hook above, 0xDE tilde, 0xF2 dot below). In
    /// Windows-1252 those bytes are Ì ì Ò Þ ò, which Western languages put after consonants
    /// ("così") but hardly ever straight after a vowel. Đ/đ (0xD0/0xF0) are Icelandic Ð/ð there.
    static func looksLikeWindows1258(_ bytes: [UInt8], start: Int) -> Bool {
        let tones: Set<UInt8> = [0xCC, 0xEC, 0xD2, 0xDE, 0xF2]
        // ASCII vowels plus 1258's Â Ê Ô Ă Ơ Ư in both cases.
        let vowels = Set("aeiouyAEIOUY".utf8).union([0xC2, 0xE2, 0xCA, 0xEA, 0xD4, 0xF4, 0xC3, 0xE3,
                                                       0xD5, 0xF5, 0xDD, 0xFD])
        var index = start + 1
        while index < bytes.count {
            if tones.contains(bytes[index]), vowels.contains(bytes[index - 1]) { return true }
            index += 1
        }
        return bytes[start...].contains(0xD0) || bytes[start...].contains(0xF0)
    }
}

/// One strict pass over UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF), the same
/// rules `String(validating:)` applies, but keeping the offset of the first bad byte.
struct UTF8Scan {
    private(set) var firstInvalid: Int?
    private(set) var invalidBytes = 0
    private(set) var multibyteSequences = 0

    init(_ bytes: [UInt8], from start: Int) {
        var index = start
        while index < bytes.count {
            let length = Self.sequenceLength(bytes, at: index)
            if length == 0 {
                if firstInvalid == nil { firstInvalid = index }
                invalidBytes += 1
                index += 1
            } else {
                if length > 1 { multibyteSequences += 1 }
                index += length
            }
        }
    }

    /// 0 when the bytes at `index` do not start a well-formed sequence.
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        case 0xF1...0xF3: length = 4
        default: return 0
        }
        guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
        return length
    }
}

enum OLE {
    /// Compound File Binary: old .xls, and also what Office wraps an encrypted .xlsx in.
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
}

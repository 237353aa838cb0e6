import Foundation

public enum CSVReader {
    /// UTF-8 with or without BOM, CRLF/LF/CR, RFC 4180 quotes (doubled quotes, quoted newlines and
    /// delimiters). The delimiter is detected from the header line: "," or ";" (Excel with a
    /// Vietnamese or European locale writes ";") or tab; an Excel `sep=;` first line overrides it.
    ///
    /// Every non-empty cell is `.text`, byte for byte as written (less any BOM): deciding what "1.200" or
    /// "3/4/2026" means depends on the column, which is the caller's business.
    ///
    /// Not UTF-8 → throws with the line/column of the first bad byte and a guess of the encoding
    /// (Windows-1258, Windows-1252 or UTF-16). An unterminated quote throws at the line where it opened.
    public static func read(_ data: Data, name: String = "") throws(SpreadsheetError) -> Sheet {
        let bytes = [UInt8](data)
        var start = try EncodingCheck.requireUTF8(bytes)
        var firstLine = 1
        let delimiter: UInt8
        if let declared = sepLine(bytes, from: start) {
            delimiter = declared.delimiter
            start = declared.end
            firstLine = 2
        } else {
            delimiter = detectDelimiter(bytes, from: start)
        }
        var parser = CSVParser(bytes: bytes, textStart: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0,
                               delimiter: delimiter)
        return Sheet(name: name, rows: try parser.rows(from: start, line: firstLine))
    }

    /// Excel honours a first line `sep=;` and hides it; files made for Excel use it to pin the
    /// delimiter regardless of the reader's locale.
    static func sepLine(_ bytes: [UInt8], from start: Int) -> (delimiter: UInt8, end: Int)? {
        let prefix = Array("sep=".utf8)
        guard bytes.count >= start + prefix.count + 1,
              Array(bytes[start..<start + prefix.count]) == prefix else { return nil }
        let delimiter = bytes[start + prefix.count]
        var end = start + prefix.count + 1
        guard delimiter != ASCII.cr, delimiter != ASCII.lf, delimiter != ASCII.quote, delimiter < 0x80 else {
            return nil
        }
        if end < bytes.count, bytes[end] == ASCII.cr { end += 1 }
        if end < bytes.count, bytes[end] == ASCII.lf { end += 1 }
        guard end == bytes.count || bytes[end - 1] == ASCII.lf || bytes[end - 1] == ASCII.cr else { return nil }
        return (delimiter, end)
    }

    /// Counts the candidates outside quotes on the first non-blank line. The most frequent wins;
    /// a tie goes to the comma, then the semicolon, and a one-column file reads as comma-separated.
    static func detectDelimiter(_ bytes: [UInt8], from start: Int) -> UInt8 {
        let candidates = [ASCII.comma, ASCII.semicolon, ASCII.tab]
        var counts = [UInt8: Int]()
        var inQuotes = false
        var sawContent = false
        scan: for byte in bytes[start...] {
            switch byte {
            case ASCII.quote:
                inQuotes.toggle()
                sawContent = true
            case ASCII.cr where !inQuotes, ASCII.lf where !inQuotes:
                if sawContent { break scan }
            default:
                sawContent = true
                if !inQuotes, candidates.contains(byte) { counts[byte, default: 0] += 1 }
            }
        }
        var best = ASCII.comma
        for candidate in candidates where counts[candidate, default: 0] > counts[best, default: 0] {
            best = candidate
        }
        return best
    }
}

/// The RFC 4180 state machine, run over bytes: every byte it reacts to is ASCII, and in UTF-8
/// no byte of a multi-byte character is ASCII, so cutting at those bytes never splits a letter.
struct CSVParser {
    let bytes: [UInt8]
    let textStart: Int
    let delimiter: UInt8

    private var index = 0
    private var line = 1

    init(bytes: [UInt8], textStart: Int, delimiter: UInt8) {
        self.bytes = bytes
        self.textStart = textStart
        self.delimiter = delimiter
    }

    mutating func rows(from start: Int, line firstLine: Int) throws(SpreadsheetError) -> [SheetRow] {
        index = start
        line = firstLine
        var rows: [SheetRow] = []
        while index < bytes.count {
            let recordLine = line
            let cells = try record()
            if let row = SheetRow.normalized(number: recordLine, cells: cells) { rows.append(row) }
        }
        return rows
    }

    /// Reads one record and the line break that ends it.
    private mutating func record() throws(SpreadsheetError) -> [CellValue] {
        var cells: [CellValue] = []
        var field: [UInt8] = []
        var atFieldStart = true
        while index < bytes.count {
            let byte = bytes[index]
            if atFieldStart, byte == ASCII.quote {
                try quoted(into: &field)
                atFieldStart = false
                continue
            }
            atFieldStart = false
            index += 1
            switch byte {
            case delimiter:
                cells.append(Self.cell(field))
                field.removeAll(keepingCapacity: true)
                atFieldStart = true
            case ASCII.cr, ASCII.lf:
                if byte == ASCII.cr, index < bytes.count, bytes[index] == ASCII.lf { index += 1 }
                line += 1
                cells.append(Self.cell(field))
                return cells
            default:
                // Like Excel, text after a closing quote or a quote inside an unquoted field is
                // kept literally rather than rejected: `"a"b` reads as `ab`, `5" pipe` as is.
                field.append(byte)
            }
        }
        cells.append(Self.cell(field))
        return cells
    }

    /// Consumes a quoted section starting at its opening quote, keeping quoted line breaks
    /// exactly as written (CRLF stays CRLF) while still counting them as physical lines.
    private mutating func quoted(into field: inout [UInt8]) throws(SpreadsheetError) {
        let opening = index
        let openingLine = line
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case ASCII.quote:
                guard index < bytes.count, bytes[index] == ASCII.quote else { return }
                field.append(ASCII.quote)
                index += 1
            case ASCII.cr:
                field.append(byte)
                if index < bytes.count, bytes[index] == ASCII.lf {
                    field.append(ASCII.lf)
                    index += 1
                }
                line += 1
            case ASCII.lf:
                field.append(byte)
                line += 1
            default:
                field.append(byte)
            }
        }
        let position = TextPosition(offset: opening, in: bytes, start: textStart)
        throw SpreadsheetError(
            line: openingLine, column: position.column,
            message: "The quoted cell that starts at line \(openingLine), column \(position.column) is never closed: "
                + "the file ends inside the quotes.",
            hint: "Look for a stray double quote (\") in that cell. Inside a quoted cell a quote is written twice (\"\"); "
                + "saving the sheet again from Excel or Google Sheets writes it correctly.")
    }

    private static func cell(_ field: [UInt8]) -> CellValue {
        var text = String(decoding: field, as: UTF8.self)
        // A BOM inside the file (two exports joined with `copy a.csv+b.csv`, a value pasted from a web
        // page) is invisible in every editor yet makes "1" something that is not a number: drop it,
        // as the leading one is. It is never part of a real value.
        if field.contains(0xEF), text.unicodeScalars.contains("\u{FEFF}") {
            text = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\u{FEFF}" }))
        }
        return text.isEmpty ? .empty : .text(text)
    }
}

/// Reads `<sheetData>` of one worksheet into rows, placing each cell by its reference.
final class WorksheetHandler: XMLHandler {
    private let sharedStrings: [String]
    private let dateStyles: DateStyles
    private let date1904: Bool

    /// Sparse on purpose: rows and cells that Excel left out of the file are gaps, and a
    /// reference may jump far ahead (a note in column Z).
    private var cellsByRow: [Int: [Int: CellValue]] = [:]
    private var inSheetData = false
    private var currentRow: Int?
    private var lastRow = 0
    private var lastColumn = 0
    private var cell: PendingCell?

    /// A `<c>` whose children have not all been seen yet.
    private struct PendingCell {
        let row: Int
        let column: Int
        let type: String
        let style: Int
        var value: String?
        var formula: String?
        var inValue = false
        var inFormula = false
        var inInlineString = false
        var inline = RichTextCollector()
        var inlineText: String?

        var name: String { CellReference.name(column: column, row: row) }
    }

    init(sharedStrings: [String], dateStyles: DateStyles, date1904: Bool) {
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.date1904 = date1904
    }

    func rows() -> [SheetRow] {
        cellsByRow.keys.sorted().compactMap { number in
            let cells = cellsByRow[number]!
            var row = Array(repeating: CellValue.empty, count: cells.keys.max() ?? 0)
            for (column, value) in cells { row[column - 1] = value }
            return SheetRow.normalized(number: number, cells: row)
        }
    }

    func start(_ name: String, attributes: [String: String]) throws(SpreadsheetError) {
        if var pending = cell {
            switch name {
            case "v": pending.inValue = true; pending.value = pending.value ?? ""
            case "f": pending.inFormula = true; pending.formula = pending.formula ?? ""
            case "is": pending.inInlineString = true
            default: if pending.inInlineString { pending.inline.start(name) }
            }
            cell = pending
            return
        }
        switch name {
        case "sheetData":
            inSheetData = true
        case "row" where inSheetData:
            try startRow(attributes)
        case "c" where inSheetData:
            try startCell(attributes)
        default:
            break
        }
    }

    func end(_ name: String) throws(SpreadsheetError) {
        switch name {
        case "c" where cell != nil:
            let finished = cell!
            cell = nil
            let value = try resolve(finished)
            if value != .empty { cellsByRow[finished.row, default: [:]][finished.column] = value }
        case _ where cell != nil:
            switch name {
            case "v": cell!.inValue = false
            case "f": cell!.inFormula = false
            case "is":
                cell!.inInlineString = false
                cell!.inlineText = cell!.inline.finish()
            default: if cell!.inInlineString { cell!.inline.end(name) }
            }
        case "row":
            if let currentRow { lastRow = currentRow }
            currentRow = nil
        case "sheetData":
            inSheetData = false
        default:
            break
        }
    }

    func text(_ string: String) {
        guard cell != nil else { return }
        if cell!.inValue {
            cell!.value! += string
        } else if cell!.inFormula {
            cell!.formula! += string
        } else if cell!.inInlineString {
            cell!.inline.text(string)
        }
    }

    private func startRow(_ attributes: [String: String]) throws(SpreadsheetError) {
        lastColumn = 0
        guard let text = attributes["r"] else {
            // `r` is optional: a row without it follows the previous one.
            currentRow = lastRow + 1
            return
        }
        guard let number = Int(text), (1...CellReference.maxRow).contains(number) else {
            throw SpreadsheetError(line: lastRow + 1, message: "A row has the number \"\(text)\", which is not a valid "
                + "row number (1 to \(CellReference.maxRow)); the workbook is damaged.")
        }
        currentRow = number
    }

    private func startCell(_ attributes: [String: String]) throws(SpreadsheetError) {
        let rowNumber = currentRow ?? lastRow + 1
        var column = lastColumn + 1
        var row = rowNumber
        if let text = attributes["r"] {
            guard let reference = CellReference(text) else {
                throw SpreadsheetError(line: rowNumber, message: "A cell in row \(rowNumber) has the reference \"\(text)\", "
                    + "which is not a valid cell reference (A1 to XFD\(CellReference.maxRow)); the workbook is damaged.")
            }
            column = reference.column
            row = reference.row ?? rowNumber
        }
        // `r` is optional on cells too: a cell without it follows the previous one.
        guard column <= CellReference.maxColumn else {
            throw SpreadsheetError(line: row, message: "Row \(row) has more than \(CellReference.maxColumn) cells; "
                + "the workbook is damaged.")
        }
        lastColumn = column
        cell = PendingCell(row: row, column: column, type: attributes["t"] ?? "n",
                           style: attributes["s"].flatMap { Int($0) } ?? 0)
    }

    /// XML's own whitespace (space, tab, CR, LF); also much cheaper per cell than Foundation's
    /// `trimmingCharacters(in:)`, which showed up at 10% of a large sheet's read time.
    private static func trimXMLWhitespace(_ text: String) -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !isSpace($0) })!
        if first == utf8.startIndex, last == utf8.index(before: utf8.endIndex) { return text }
        return String(text[first...last])
    }

    private func resolve(_ cell: PendingCell) throws(SpreadsheetError) -> CellValue {
        func text(_ string: String) -> CellValue { string.isEmpty ? .empty : .text(string) }
        func damaged(_ what: String) -> SpreadsheetError {
            SpreadsheetError(line: cell.row, column: cell.column,
                             message: "Cell \(cell.name) \(what); the workbook is damaged.",
                             hint: "Open it in Excel or LibreOffice, which can often repair it, and save it again as .xlsx.")
        }

        // A formula written by a program that does not calculate (openpyxl, many exporters)
        // has no result in the file. Reading it as empty would silently lose a figure that
        // Excel shows on screen, so it is refused with the way to store the results.
        // An empty result is real only for text (`t="str"`, a formula returning ""); openpyxl
        // writes `<v/>` for every formula it did not calculate.
        let hasResult = cell.value.map { !$0.isEmpty || cell.type == "str" } ?? false
        if cell.formula != nil, !hasResult, cell.type != "inlineStr" {
            let shown = cell.formula.map { $0.isEmpty ? "" : " =\($0)" } ?? ""
            throw SpreadsheetError(
                line: cell.row, column: cell.column,
                message: "Cell \(cell.name) holds a formula\(shown) but no calculated result: the file was written by a "
                    + "program that does not calculate formulas.",
                hint: "Open the file in Excel or LibreOffice and save it again (this stores the results), "
                    + "or replace the formula with its value.")
        }
        let raw = cell.value ?? ""
        let trimmed = Self.trimXMLWhitespace(raw)
        switch cell.type {
        case "s":
            guard !trimmed.isEmpty else { return .empty }
            guard let index = Int(trimmed), sharedStrings.indices.contains(index) else {
                throw damaged("refers to shared string \(trimmed), but the workbook has \(sharedStrings.count)")
            }
            return text(sharedStrings[index])
        case "inlineStr":
            return text(cell.inlineText ?? OOXMLEscape.decode(raw))
        case "str":
            // Kept exactly: a formula's text result may rightly begin or end with spaces.
            return text(OOXMLEscape.decode(raw))
        case "e":
            // Error results (#DIV/0!, #N/A) stay visible as text, as Excel shows them.
            return text(trimmed)
        case "b":
            guard !trimmed.isEmpty else { return .empty }
            guard let value = XMLBoolean.parse(trimmed) else { throw damaged("has the boolean \"\(trimmed)\"") }
            return .bool(value)
        case "d":
            guard !trimmed.isEmpty else { return .empty }
            guard let date = SerialDate.parseISO(trimmed) else { throw damaged("has the date \"\(trimmed)\"") }
            return .date(date)
        case "n":
            guard !trimmed.isEmpty else { return .empty }
            guard let number = Double(trimmed), number.isFinite else {
                throw damaged("has the number \"\(trimmed)\"")
            }
            if dateStyles.isDate(styleIndex: cell.style),
               let date = SerialDate.date(serial: number, date1904: date1904) {
                return .date(date)
            }
            return .number(number)
        default:
            throw damaged("has the unknown type t=\"\(cell.type)\"")
        }
    }
}

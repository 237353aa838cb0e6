public struct SpreadsheetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based. For CSV the physical line; for xlsx the row number; 1 when the problem is the file as a whole.
    public let line: Int
    /// 1-based, counted in characters (not bytes) so it matches what an editor shows; 1 when unknown.
    public let column: Int
    public let message: String
    public let hint: String?

    public init(line: Int = 1, column: Int = 1, message: String, hint: String? = nil) {
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var text = "line \(line), column \(column): \(message)"
        if let hint { text += "\nHint: \(hint)" }
        return text
    }
}

extension SpreadsheetError {
    /// Shared by every "re-export" hint so the menu paths are spelled the same everywhere.
    static let reexportAsUTF8 = """
        Re-export the sheet as UTF-8: in Excel choose File → Save As → CSV UTF-8 (Comma delimited) (*.csv); \
        in Google Sheets choose File → Download → Comma-separated values (.csv), which is always UTF-8.
        """

    static let saveAsXLSX = """
        Open it in Excel or LibreOffice and save it as "Excel Workbook (*.xlsx)", \
        or in Google Sheets choose File → Download → Microsoft Excel (.xlsx).
        """
}

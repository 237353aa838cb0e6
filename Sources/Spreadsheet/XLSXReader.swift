import Foundation

public enum XLSXReader {
    /// Reads the first worksheet in workbook (tab) order, found through xl/workbook.xml and its
    /// relationships rather than by file name: after sheets are reordered or deleted, the first
    /// tab is often not sheet1.xml.
    ///
    /// Text comes from shared strings (rich-text runs joined), inline strings and cached
    /// formula results; numbers with a date format become `.date`. Cells are placed by their
    /// reference, so gaps stay empty. Everything is read in memory and nothing touches the disk.
    ///
    /// Refused with a `SpreadsheetError`: data that is not a zip (e.g. an old .xls), an
    /// encrypted workbook, a workbook without a worksheet, any part over 50 MB uncompressed
    /// (zip bomb guard), XML with a DOCTYPE or entity declaration (XXE / billion laughs guard),
    /// and formulas without a stored result.
    public static func read(_ data: Data) throws(SpreadsheetError) -> Sheet {
        try read(data, maxEntrySize: XLSXPackage.defaultMaxEntrySize)
    }

    /// The limit is a parameter only so tests can exercise the guard without 50 MB fixtures.
    static func read(_ data: Data, maxEntrySize: Int) throws(SpreadsheetError) -> Sheet {
        let package = try XLSXPackage(data, maxEntrySize: maxEntrySize)
        let workbookPath = try findWorkbook(in: package)

        let workbook = WorkbookHandler()
        try parse(workbookPath, in: package, required: true, with: workbook)
        let relationships = try relationships(of: workbookPath, in: package, required: true)
        func part(ofType type: String) -> String? {
            relationships.first { $0.hasType(type) && !$0.isExternal }
                .map { PartPath.resolve($0.target, relativeTo: workbookPath) }
        }

        // Chart sheets and dialog sheets have tabs too, but no cells.
        let byID = Dictionary(relationships.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let first = workbook.sheets.lazy.compactMap { sheet -> (name: String, path: String)? in
            guard let relationship = byID[sheet.relationshipID], relationship.hasType("worksheet"),
                  !relationship.isExternal else { return nil }
            return (sheet.name, PartPath.resolve(relationship.target, relativeTo: workbookPath))
        }.first
        guard let first else {
            throw SpreadsheetError(
                message: "The workbook has no worksheet (only chart sheets, or none at all).",
                hint: "Put the report on an ordinary worksheet as the first tab and save the file again.")
        }

        let strings = SharedStringsHandler()
        if let path = part(ofType: "sharedStrings") {
            try parse(path, in: package, required: false, with: strings)
        }
        let styles = StylesHandler()
        if let path = part(ofType: "styles") {
            try parse(path, in: package, required: false, with: styles)
        }

        let sheet = WorksheetHandler(sharedStrings: strings.strings, dateStyles: styles.dateStyles,
                                     date1904: workbook.date1904)
        try parse(first.path, in: package, required: true, with: sheet)
        return Sheet(name: first.name, rows: sheet.rows())
    }

    /// The package's root relationships name the main part; xl/workbook.xml is the fallback
    /// because every producer uses that name.
    private static func findWorkbook(in package: XLSXPackage) throws(SpreadsheetError) -> String {
        let root = try relationships(of: "", in: package, required: false)
        if let main = root.first(where: { $0.hasType("officeDocument") && !$0.isExternal }) {
            let path = PartPath.resolve(main.target, relativeTo: "")
            if package.contains(path) { return path }
        }
        if package.contains("xl/workbook.xml") { return "xl/workbook.xml" }

        if let mimetype = try package.read("mimetype"),
           String(decoding: mimetype, as: UTF8.self).hasPrefix("application/vnd.oasis.opendocument.spreadsheet") {
            throw SpreadsheetError(
                message: "The file is an OpenDocument spreadsheet (.ods), not an .xlsx workbook.",
                hint: "In LibreOffice choose File → Save As → Excel 2007-365 (.xlsx).")
        }
        throw SpreadsheetError(
            message: "The file is a zip archive but not an .xlsx workbook (it has no xl/workbook.xml).",
            hint: SpreadsheetError.saveAsXLSX)
    }

    private static func relationships(of part: String, in package: XLSXPackage, required: Bool)
        throws(SpreadsheetError) -> [Relationship] {
        let handler = RelationshipsHandler()
        let path = part.isEmpty ? "_rels/.rels" : PartPath.relationships(of: part)
        try parse(path, in: package, required: required, with: handler)
        return handler.relationships
    }

    private static func parse(_ path: String, in package: XLSXPackage, required: Bool,
                              with handler: some XMLHandler) throws(SpreadsheetError) {
        guard let data = try package.read(path) else {
            guard required else { return }
            throw SpreadsheetError(
                message: "The workbook refers to \(path), but the file has no such part; the workbook is damaged.",
                hint: "Open it in Excel or LibreOffice, which can often repair it, and save it again as .xlsx.")
        }
        try SafeXML.parse(data, part: path, handler: handler)
    }
}

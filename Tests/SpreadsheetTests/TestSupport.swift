import Foundation
import Spreadsheet
import Testing
import ZIPFoundation

/// Builds small .xlsx files in memory, for the cases openpyxl cannot produce (cached formula
/// results, booleans written by Excel, hostile XML) and to keep each test's input in view.
enum TestXLSX {
    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelNS = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// `zeros` adds an entry of that many zero bytes, streamed so the test never holds them all.
    static func zip(_ entries: [(path: String, data: Data)], zeros: (path: String, size: Int)? = nil) throws -> Data {
        let archive = try Archive(accessMode: .create)
        let fixed = Date(timeIntervalSince1970: 315_532_800)
        for entry in entries {
            let data = entry.data
            try archive.addEntry(
                with: entry.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixed,
                compressionMethod: .deflate,
                provider: { (position: Int64, size: Int) -> Data in
                    data.subdata(in: Int(position)..<Int(position) + size)
                })
        }
        if let zeros {
            try archive.addEntry(
                with: zeros.path, type: .file, uncompressedSize: Int64(zeros.size), modificationDate: fixed,
                compressionMethod: .deflate, bufferSize: 1 << 20,
                provider: { (_: Int64, size: Int) -> Data in Data(count: size) })
        }
        return try #require(archive.data)
    }

    /// Rewrites the uncompressed size that both the local header and the central directory
    /// declare for `path`, as a crafted zip bomb would.
    static func patchUncompressedSize(of path: String, in zip: Data, to size: UInt32) throws -> Data {
        var bytes = [UInt8](zip)
        let name = Array(path.utf8)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func put32(_ value: UInt32, at: Int) {
            for shift in 0..<4 { bytes[at + shift] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(shift))) }
        }
        var patched = 0
        var index = 0
        while index + 46 < bytes.count {
            defer { index += 1 }
            guard bytes[index] == 0x50, bytes[index + 1] == 0x4B else { continue }
            if bytes[index + 2] == 0x03, bytes[index + 3] == 0x04, u16(index + 26) == name.count,
               Array(bytes[index + 30..<index + 30 + name.count]) == name {
                put32(size, at: index + 22)
                patched += 1
            } else if bytes[index + 2] == 0x01, bytes[index + 3] == 0x02, u16(index + 28) == name.count,
                      Array(bytes[index + 46..<index + 46 + name.count]) == name {
                put32(size, at: index + 24)
                patched += 1
            }
        }
        try #require(patched == 2)
        return Data(bytes)
    }

    struct SheetPart {
        var name: String
        /// Rows (`<row …>…`) to wrap in `<worksheet><sheetData>`, or else a whole document.
        var xml: String
        var path: String
        var type = "worksheet"
    }

    /// A workbook whose tabs are `sheets` in order; extra parts replace or add entries verbatim.
    static func workbook(
        sheets: [SheetPart],
        sharedStrings: [String]? = nil,
        styles: String? = nil,
        date1904: Bool? = nil,
        extraParts: [String: String] = [:],
        omit: Set<String> = [],
        zeros: (path: String, size: Int)? = nil
    ) throws -> Data {
        var parts: [String: String] = [:]
        parts["[Content_Types].xml"] = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/></Types>
            """
        parts["_rels/.rels"] = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(packageRelNS)"><Relationship Id="rId1" \
            Type="\(relNS)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """
        var sheetElements = ""
        var relationships = ""
        for (index, sheet) in sheets.enumerated() {
            sheetElements += #"<sheet name="\#(sheet.name)" sheetId="\#(index + 1)" r:id="rIdS\#(index + 1)"/>"#
            relationships += #"<Relationship Id="rIdS\#(index + 1)" Type="\#(relNS)/\#(sheet.type)" Target="\#(sheet.path)"/>"#
            let full = sheet.path.hasPrefix("/") ? String(sheet.path.dropFirst()) : "xl/" + sheet.path
            parts[full] = !sheet.xml.hasPrefix("<row") ? sheet.xml : """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="\(mainNS)" xmlns:r="\(relNS)"><sheetData>\(sheet.xml)</sheetData></worksheet>
                """
        }
        if let sharedStrings {
            relationships += #"<Relationship Id="rIdSST" Type="\#(relNS)/sharedStrings" Target="sharedStrings.xml"/>"#
            parts["xl/sharedStrings.xml"] = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <sst xmlns="\(mainNS)" count="\(sharedStrings.count)" uniqueCount="\(sharedStrings.count)">\
                \(sharedStrings.map { $0.hasPrefix("<") ? "<si>\($0)</si>" : "<si><t>\($0)</t></si>" }.joined())</sst>
                """
        }
        if let styles {
            relationships += #"<Relationship Id="rIdStyles" Type="\#(relNS)/styles" Target="styles.xml"/>"#
            parts["xl/styles.xml"] = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="\(mainNS)">\(styles)</styleSheet>
                """
        }
        let workbookPr = date1904.map { #"<workbookPr date1904="\#($0 ? "true" : "false")"/>"# } ?? ""
        parts["xl/workbook.xml"] = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\(mainNS)" xmlns:r="\(relNS)">\(workbookPr)<sheets>\(sheetElements)</sheets></workbook>
            """
        parts["xl/_rels/workbook.xml.rels"] = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(packageRelNS)">\(relationships)</Relationships>
            """
        parts.merge(extraParts) { _, new in new }
        let entries = parts.keys.sorted().filter { !omit.contains($0) }.map { (path: $0, data: Data(parts[$0]!.utf8)) }
        return try zip(entries, zeros: zeros)
    }

    /// The common case: one tab named "Sheet1" stored as xl/worksheets/sheet1.xml.
    static func single(_ sheetData: String, sharedStrings: [String]? = nil, styles: String? = nil,
                       date1904: Bool? = nil) throws -> Data {
        try workbook(sheets: [SheetPart(name: "Sheet1", xml: sheetData, path: "worksheets/sheet1.xml")],
                     sharedStrings: sharedStrings, styles: styles, date1904: date1904)
    }

    /// `<cellXfs>` with one `<xf>` per number format id, so cell style `s="i"` uses `ids[i]`.
    static func styles(numberFormatIDs ids: [Int], custom: [Int: String] = [:]) -> String {
        let numFmts = custom.isEmpty ? "" : "<numFmts count=\"\(custom.count)\">"
            + custom.keys.sorted().map { #"<numFmt numFmtId="\#($0)" formatCode="\#(custom[$0]!)"/>"# }.joined()
            + "</numFmts>"
        let xfs = ids.map { #"<xf numFmtId="\#($0)" fontId="0" fillId="0" borderId="0" xfId="0"/>"# }.joined()
        return numFmts + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + "<cellXfs count=\"\(ids.count)\">\(xfs)</cellXfs>"
    }
}

enum Fixture {
    static func data(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
                               "missing fixture \(name); run Fixtures/make_fixtures.py")
        return try Data(contentsOf: url)
    }
}

/// Byte views, because `String ==` treats NFC and NFD as equal and would hide normalisation.
func utf8(_ value: CellValue) -> [UInt8]? {
    if case .text(let text) = value { return Array(text.utf8) }
    return nil
}

func utf8(_ row: SheetRow) -> [[UInt8]?] { row.cells.map(utf8) }

func texts(_ strings: [String]) -> [[UInt8]?] { strings.map { Array($0.utf8) } }

/// Runs `body` and returns its `SpreadsheetError`, failing the test if it does not throw one.
func spreadsheetError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation)
    -> SpreadsheetError? {
    do {
        try body()
        Issue.record("expected a SpreadsheetError, but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as SpreadsheetError {
        return error
    } catch {
        Issue.record("expected a SpreadsheetError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

extension SheetDate {
    init(_ year: Int, _ month: Int, _ day: Int) { self.init(year: year, month: month, day: day) }
}

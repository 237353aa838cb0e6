import Foundation
import Spreadsheet
import Testing

@Suite struct XLSXDateTests {
    /// One numeric cell with the given value and number format, read back.
    private func cell(_ value: String, formatID: Int, custom: [Int: String] = [:], date1904: Bool? = nil) throws
        -> CellValue {
        let data = try TestXLSX.single(
            #"<row r="1"><c r="A1" s="1"><v>\#(value)</v></c></row>"#,
            styles: TestXLSX.styles(numberFormatIDs: [0, formatID], custom: custom), date1904: date1904)
        return try #require(XLSXReader.read(data).rows.first)[0]
    }

    @Test(arguments: [14, 15, 16, 17, 22, 27, 30, 36, 45, 47, 50, 58])
    func builtInDateFormats(_ id: Int) throws {
        #expect(try cell("46115", formatID: id) == .date(SheetDate(2026, 4, 3)))
    }

    @Test(arguments: [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 18, 19, 20, 21, 37, 44, 48, 49, 59])
    func builtInNonDateFormats(_ id: Int) throws {
        #expect(try cell("46115", formatID: id) == .number(46115))
    }

    @Test(arguments: [
        "dd/mm/yyyy", "d/m/yy", "yyyy-mm-dd h:mm:ss", "[$-42A]dd/mm/yyyy", "mmmm yyyy", "mmm",
        #"dd"/"mm"/"yyyy"#, #"[$-F800]dddd\,\ mmmm\ dd\,\ yyyy"#, "DD.MM.YYYY", "d-mmm;@",
        #""Ngày "dd" tháng "mm" năm "yyyy"#,
    ])
    func customDateFormats(_ code: String) throws {
        let escaped = code.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        #expect(try cell("46115", formatID: 164, custom: [164: escaped]) == .date(SheetDate(2026, 4, 3)), "\(code)")
    }

    @Test(arguments: [
        "h:mm", "mm:ss", "[h]:mm:ss", "h:mm AM/PM", "h:mm A/P", "#,##0", "0.00", "General", "@",
        #"#,##0 "ngày""#, #"0" dd""#, "[Red]#,##0;[Blue]-#,##0", "0.00E+00", #"#,##0\ "đ""#, "_(* #,##0_)",
        #"0;-0;"-";@"#,
    ])
    func customNonDateFormats(_ code: String) throws {
        let escaped = code.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        #expect(try cell("46115", formatID: 164, custom: [164: escaped]) == .number(46115), "\(code)")
    }

    @Test func aCustomFormatMayRedefineABuiltInID() throws {
        #expect(try cell("46115", formatID: 14, custom: [14: "0.00"]) == .number(46115))
    }

    @Test(arguments: [
        ("1", SheetDate(1900, 1, 1)),
        ("59", SheetDate(1900, 2, 28)),
        // Lotus 1-2-3's phantom leap day, shown by Excel; everything after is shifted by it.
        ("60", SheetDate(1900, 2, 29)),
        ("61", SheetDate(1900, 3, 1)),
        ("25569", SheetDate(1970, 1, 1)),
        ("46115", SheetDate(2026, 4, 3)),
        ("46115.75", SheetDate(2026, 4, 3)),
        ("46115.9999999999", SheetDate(2026, 4, 4)),
        ("2958465", SheetDate(9999, 12, 31)),
    ])
    func serials1900(_ serial: String, _ expected: SheetDate) throws {
        #expect(try cell(serial, formatID: 14) == .date(expected))
    }

    @Test(arguments: [
        ("0", SheetDate(1904, 1, 1)),
        ("1", SheetDate(1904, 1, 2)),
        ("59", SheetDate(1904, 2, 29)),
        ("44653", SheetDate(2026, 4, 3)),
    ])
    func serials1904(_ serial: String, _ expected: SheetDate) throws {
        #expect(try cell(serial, formatID: 14, date1904: true) == .date(expected))
    }

    @Test func date1904FalseIsThe1900System() throws {
        #expect(try cell("44653", formatID: 14, date1904: false) == .date(SheetDate(2022, 4, 2)))
    }

    @Test(arguments: ["0", "0.5", "-1", "2958466"])
    func serialsOutsideExcelsCalendarStayNumbers(_ serial: String) throws {
        #expect(try cell(serial, formatID: 14) == .number(Double(serial)!))
    }

    @Test func sheetDateOrdersAndPrintsAsISO() {
        #expect(SheetDate(2026, 4, 3) < SheetDate(2026, 4, 10))
        #expect(SheetDate(2025, 12, 31) < SheetDate(2026, 1, 1))
        #expect(SheetDate(987, 1, 2).description == "0987-01-02")
    }
}

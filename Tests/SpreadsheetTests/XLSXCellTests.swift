import Foundation
import Spreadsheet
import Testing

/// Cell kinds that openpyxl cannot write, in workbooks built by hand the way Excel writes them.
@Suite struct XLSXCellTests {
    @Test func formulaResultsUseTheCachedValue() throws {
        let data = try TestXLSX.single("""
            <row r="1"><c r="A1"><v>2</v></c><c r="B1"><v>150</v></c>\
            <c r="C1"><f>A1*B1</f><v>300</v></c>\
            <c r="D1" t="str"><f>B1&amp;" lượt"</f><v>150 lượt</v></c>\
            <c r="E1" t="str"><f>""</f><v></v></c>\
            <c r="F1" t="b"><f>C1&gt;100</f><v>1</v></c>\
            <c r="G1" t="e"><f>1/0</f><v>#DIV/0!</v></c>\
            <c r="H1" s="1"><f>DATE(2026,4,3)</f><v>46115</v></c></row>
            """, styles: TestXLSX.styles(numberFormatIDs: [0, 14]))
        let row = try XLSXReader.read(data).rows[0]
        #expect(row.cells == [
            .number(2), .number(150), .number(300), .text("150 lượt"), .empty, .bool(true), .text("#DIV/0!"),
            .date(SheetDate(2026, 4, 3)),
        ])
    }

    @Test func sharedFormulaWithoutResultNamesTheCell() throws {
        let data = try TestXLSX.single("""
            <row r="4"><c r="B4"><f t="shared" ref="B4:B5" si="0">A4*2</f><v>8</v></c></row>\
            <row r="5"><c r="B5"><f t="shared" si="0"/></c></row>
            """)
        let error = spreadsheetError { _ = try XLSXReader.read(data) }
        #expect(error?.line == 5)
        #expect(error?.column == 2)
        #expect(error?.message.contains("Cell B5 holds a formula but no calculated result") == true)
    }

    @Test func inlineStringsIncludingRichRunsAndSkippingPhonetics() throws {
        let data = try TestXLSX.single("""
            <row r="1"><c r="A1" t="inlineStr"><is><t>Tổ dân phố 5</t></is></c>\
            <c r="B1" t="inlineStr"><is><r><t xml:space="preserve">Hội nghị </t></r>\
            <r><rPr><b/></rPr><t>tổng kết</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></is></c>\
            <c r="C1" t="inlineStr"><is><t xml:space="preserve">  lề  </t></is></c>\
            <c r="D1" t="inlineStr"><is><t></t></is></c><c r="E1" t="inlineStr"><is><t>x</t></is></c></row>
            """)
        let row = try XLSXReader.read(data).rows[0]
        #expect(utf8(row) == [
            Array("Tổ dân phố 5".utf8), Array("Hội nghị tổng kết".utf8), Array("  lề  ".utf8), nil, Array("x".utf8),
        ])
        #expect(row[3] == .empty)
    }

    @Test func sharedStringsWithRunsPhoneticsAndEscapes() throws {
        let data = try TestXLSX.single(
            #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>"#
                + #"<c r="D1" t="s"><v>3</v></c></row>"#,
            sharedStrings: [
                "Phường Linh Sơn",
                "<r><t>Đồng </t></r><r><rPr><i/></rPr><t>Tâm</t></r><rPh><t>x</t></rPh>",
                // Excel's escape for a carriage return typed in a cell, and for a literal "_x".
                "<t>dòng 1_x000D_\ndòng 2, mã _x005F_x0041_</t>",
                "<t/>",
            ])
        let row = try XLSXReader.read(data).rows[0]
        #expect(utf8(row) == texts(["Phường Linh Sơn", "Đồng Tâm", "dòng 1\r\ndòng 2, mã _x0041_"]))
    }

    @Test func sharedStringIndexOutOfRangeIsReportedAtTheCell() throws {
        let data = try TestXLSX.single(#"<row r="3"><c r="D3" t="s"><v>7</v></c></row>"#, sharedStrings: ["a"])
        let error = spreadsheetError { _ = try XLSXReader.read(data) }
        #expect(error?.line == 3)
        #expect(error?.column == 4)
        #expect(error?.message.contains("D3") == true)
    }

    @Test func booleans() throws {
        let data = try TestXLSX.single(
            #"<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="b"><v>true</v></c></row>"#)
        #expect(try XLSXReader.read(data).rows[0].cells == [.bool(true), .bool(false), .bool(true)])
    }

    @Test func numbersKeepTheirValue() throws {
        let data = try TestXLSX.single("""
            <row r="1"><c r="A1"><v>1200</v></c><c r="B1" t="n"><v>0.1</v></c><c r="C1"><v>-3.5E-2</v></c>\
            <c r="D1"><v>1.2345678901234E+15</v></c><c r="E1"><v/></c><c r="F1" s="0"/></row>
            """)
        #expect(try XLSXReader.read(data).rows[0].cells == [
            .number(1200), .number(0.1), .number(-0.035), .number(1_234_567_890_123_400),
        ])
    }

    @Test func isoDateCellsOfStrictOOXML() throws {
        let data = try TestXLSX.single(#"<row r="1"><c r="A1" t="d"><v>2026-04-03T00:00:00</v></c></row>"#)
        #expect(try XLSXReader.read(data).rows[0].cells == [.date(SheetDate(2026, 4, 3))])
    }

    @Test func cellsArePlacedByReferenceNotByOrder() throws {
        let data = try TestXLSX.single("""
            <row r="2"><c r="C2"><v>3</v></c><c r="A2"><v>1</v></c></row>\
            <row r="10"><c r="AA10"><v>27</v></c></row>\
            <row r="1"><c r="B1"><v>0</v></c></row>
            """)
        let rows = try XLSXReader.read(data).rows
        #expect(rows.map(\.number) == [1, 2, 10])
        #expect(rows[0].cells == [.empty, .number(0)])
        #expect(rows[1].cells == [.number(1), .empty, .number(3)])
        #expect(rows[2].cells.count == 27)
        #expect(rows[2][26] == .number(27))
    }

    @Test func rowsAndCellsWithoutReferencesFollowThePreviousOne() throws {
        let data = try TestXLSX.single("""
            <row r="3"><c><v>1</v></c><c><v>2</v></c><c r="E3"><v>5</v></c><c><v>6</v></c></row>\
            <row><c><v>7</v></c></row>
            """)
        let rows = try XLSXReader.read(data).rows
        #expect(rows.map(\.number) == [3, 4])
        #expect(rows[0].cells == [.number(1), .number(2), .empty, .empty, .number(5), .number(6)])
    }

    @Test func emptyAndStyledOnlyCellsDoNotMakeRows() throws {
        // Excel writes formatted-but-empty cells and rows; they are not data.
        let data = try TestXLSX.single("""
            <row r="1"><c r="A1"><v>1</v></c><c r="B1" s="0"/><c r="C1" t="s"/></row>\
            <row r="2" ht="30" customHeight="1"><c r="A2" s="0"/></row><row r="3"/>
            """)
        let rows = try XLSXReader.read(data).rows
        #expect(rows.map(\.number) == [1])
        #expect(rows[0].cells == [.number(1)])
    }

    @Test func badCellReferenceIsRefused() throws {
        for reference in ["A0", "1A", "XFE1", "A1048577", "Ä1"] {
            let data = try TestXLSX.single(#"<row r="2"><c r="\#(reference)"><v>1</v></c></row>"#)
            let error = spreadsheetError { _ = try XLSXReader.read(data) }
            #expect(error?.line == 2, "\(reference)")
            #expect(error?.message.contains(reference) == true, "\(reference)")
        }
    }

    @Test func sheetPartsOver10MBParse() throws {
        // libxml2 fed from one buffer stops at 10 MB on Linux; 400 rows of 30,000 characters pass it.
        let long = String(repeating: "Tổ dân phố ", count: 2_728)
        let rows = (1...400).map { #"<row r="\#($0)"><c r="A\#($0)" t="inlineStr"><is><t>\#(long)</t></is></c></row>"# }
        let data = try TestXLSX.single(rows.joined())
        let sheet = try XLSXReader.read(data)
        #expect(rows.joined().utf8.count > 10_500_000)
        #expect(sheet.rows.count == 400)
        #expect(sheet.rows.last?.cells == [.text(long)])
    }

    @Test func prefixedElementNamesAreUnderstood() throws {
        // Some .NET exporters write `<x:worksheet>` with a prefix instead of a default namespace.
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <x:worksheet xmlns:x="\(TestXLSX.mainNS)"><x:sheetData><x:row r="1">\
            <x:c r="A1" t="inlineStr"><x:is><x:t>Tổ 1</x:t></x:is></x:c><x:c r="B1"><x:v>4</x:v></x:c>\
            </x:row></x:sheetData></x:worksheet>
            """
        let data = try TestXLSX.workbook(sheets: [.init(name: "S", xml: xml, path: "worksheets/sheet1.xml")])
        #expect(try XLSXReader.read(data).rows[0].cells == [.text("Tổ 1"), .number(4)])
    }
}

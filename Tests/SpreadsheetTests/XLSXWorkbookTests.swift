import Foundation
import Spreadsheet
import Testing

/// Finding the first tab through workbook.xml and its relationships.
@Suite struct XLSXWorkbookTests {
    private static let one = #"<row r="1"><c r="A1" t="inlineStr"><is><t>first tab</t></is></c></row>"#
    private static let two = #"<row r="1"><c r="A1" t="inlineStr"><is><t>second tab</t></is></c></row>"#

    @Test func firstTabIsFollowedThroughRelationshipsNotFileNames() throws {
        let data = try TestXLSX.workbook(sheets: [
            .init(name: "Tổng hợp", xml: Self.one, path: "worksheets/sheet3.xml"),
            .init(name: "Sheet1", xml: Self.two, path: "worksheets/sheet1.xml"),
        ])
        let sheet = try XLSXReader.read(data)
        #expect(sheet.name == "Tổng hợp")
        #expect(sheet.rows[0].cells == [.text("first tab")])
    }

    @Test func absoluteAndDotDotTargetsResolve() throws {
        for path in ["/xl/worksheets/data.xml", "../xl/worksheets/data.xml", "./worksheets/data.xml"] {
            let data = try TestXLSX.workbook(
                sheets: [.init(name: "A", xml: Self.one, path: path)],
                extraParts: ["xl/worksheets/data.xml": "<worksheet xmlns=\"\(TestXLSX.mainNS)\"><sheetData>\(Self.one)</sheetData></worksheet>"])
            #expect(try XLSXReader.read(data).rows[0].cells == [.text("first tab")], "\(path)")
        }
    }

    @Test func chartSheetsAreSkipped() throws {
        let data = try TestXLSX.workbook(sheets: [
            .init(name: "Biểu đồ", xml: "<chartsheet xmlns=\"\(TestXLSX.mainNS)\"/>", path: "chartsheets/sheet1.xml",
                  type: "chartsheet"),
            .init(name: "Dữ liệu", xml: Self.two, path: "worksheets/sheet1.xml"),
        ])
        #expect(try XLSXReader.read(data).name == "Dữ liệu")
    }

    @Test func workbookWithoutWorksheetIsRefused() throws {
        let data = try TestXLSX.workbook(sheets: [
            .init(name: "Biểu đồ", xml: "<chartsheet xmlns=\"\(TestXLSX.mainNS)\"/>", path: "chartsheets/sheet1.xml",
                  type: "chartsheet"),
        ])
        let error = spreadsheetError { _ = try XLSXReader.read(data) }
        #expect(error?.message.contains("no worksheet") == true)
    }

    @Test func missingRootRelationshipsFallBackToXlWorkbook() throws {
        let data = try TestXLSX.workbook(sheets: [.init(name: "A", xml: Self.one, path: "worksheets/sheet1.xml")],
                                         omit: ["_rels/.rels"])
        #expect(try XLSXReader.read(data).name == "A")
    }

    @Test func missingWorksheetPartIsReportedAsDamage() throws {
        let data = try TestXLSX.workbook(sheets: [.init(name: "A", xml: Self.one, path: "worksheets/sheet1.xml")],
                                         omit: ["xl/worksheets/sheet1.xml"])
        let error = spreadsheetError { _ = try XLSXReader.read(data) }
        #expect(error?.message.contains("xl/worksheets/sheet1.xml") == true)
        #expect(error?.message.contains("damaged") == true)
    }

    @Test func malformedXMLIsReportedWithThePart() throws {
        let data = try TestXLSX.single(#"<row r="1"><c r="A1"><v>1</v></row>"#)
        let error = spreadsheetError { _ = try XLSXReader.read(data) }
        #expect(error?.message.contains("xl/worksheets/sheet1.xml is not well-formed XML") == true)
    }

    @Test func zipWithoutWorkbookIsNamed() throws {
        let docx = try TestXLSX.zip([(path: "word/document.xml", data: Data("<w:document/>".utf8))])
        #expect(spreadsheetError { _ = try XLSXReader.read(docx) }?.message.contains("not an .xlsx workbook") == true)

        let ods = try TestXLSX.zip([(path: "mimetype", data: Data("application/vnd.oasis.opendocument.spreadsheet".utf8))])
        #expect(spreadsheetError { _ = try XLSXReader.read(ods) }?.message.contains(".ods") == true)
    }
}

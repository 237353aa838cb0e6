import Foundation
import Spreadsheet
import Testing

@Suite struct CSVReaderTests {
    private func read(_ text: String) throws -> Sheet { try CSVReader.read(Data(text.utf8)) }

    @Test func bomIsNotPartOfTheFirstCellAndCRLFEndsLines() throws {
        let data = Data([0xEF, 0xBB, 0xBF] + Array("ngày,đơn vị\r\n3/4/2026,Tổ 1\r\n".utf8))
        let sheet = try CSVReader.read(data, name: "bao-cao")
        #expect(sheet.name == "bao-cao")
        #expect(sheet.rows.map(\.number) == [1, 2])
        #expect(utf8(sheet.rows[0]) == texts(["ngày", "đơn vị"]))
        #expect(utf8(sheet.rows[1]) == texts(["3/4/2026", "Tổ 1"]))
    }

    /// Two exports joined with `copy a.csv+b.csv` put the second BOM at the start of a row; a value
    /// pasted from a web page may carry one too. Invisible, never data: dropped, lines unchanged.
    @Test func aBOMInsideTheFileIsDroppedFromItsCell() throws {
        let bom = "\u{FEFF}"
        let sheet = try read("ngày,đơn vị,buổi\n3/4/2026,Tổ 1,\(bom)1\n\(bom)4/4/2026,Tổ \(bom)2,2\n5/4/2026,\(bom),3\n")
        #expect(sheet.rows.map(\.number) == [1, 2, 3, 4])
        #expect(utf8(sheet.rows[1]) == texts(["3/4/2026", "Tổ 1", "1"]))
        #expect(utf8(sheet.rows[2]) == texts(["4/4/2026", "Tổ 2", "2"]))
        #expect(sheet.rows[3].cells[1] == .empty)
    }

    @Test func bareLFAndBareCRBothEndLines() throws {
        #expect(try read("a,b\n1,2\n").rows.map(\.cells) == [[.text("a"), .text("b")], [.text("1"), .text("2")]])
        let mac = try read("a,b\r1,2\r3,4")
        #expect(mac.rows.map(\.number) == [1, 2, 3])
        #expect(mac.rows[2].cells == [.text("3"), .text("4")])
    }

    @Test func quotedFieldsKeepCommasDoubledQuotesAndNewlines() throws {
        let sheet = try read(#"""
            đơn vị,hoạt động,ghi chú
            Tổ 1,"Họp dân, phát tờ rơi","Chủ đề ""Phòng cháy"""
            Tổ 2,"Tập huấn
            kỹ năng",xong
            Tổ 3,"",cuối

            """#)
        #expect(sheet.rows.map(\.number) == [1, 2, 3, 5])
        #expect(utf8(sheet.rows[1]) == texts(["Tổ 1", "Họp dân, phát tờ rơi", "Chủ đề \"Phòng cháy\""]))
        #expect(utf8(sheet.rows[2]) == texts(["Tổ 2", "Tập huấn\nkỹ năng", "xong"]))
        #expect(sheet.rows[3].cells == [.text("Tổ 3"), .empty, .text("cuối")])
    }

    @Test func quotedCRLFIsKeptAndCountsAsOneLine() throws {
        let sheet = try read("a,b\r\nx,\"1\r\n2\r\n3\"\r\ny,4\r\n")
        #expect(sheet.rows.map(\.number) == [1, 2, 5])
        #expect(utf8(sheet.rows[1][1]) == Array("1\r\n2\r\n3".utf8))
    }

    @Test func textAroundQuotesIsKeptLikeExcelDoes() throws {
        let sheet = try read("a,b\n\"Hội\" nghị,ống 5\" dài\n")
        #expect(sheet.rows[1].cells == [.text("Hội nghị"), .text("ống 5\" dài")])
    }

    @Test func semicolonDelimiterFromAVietnameseLocaleExcel() throws {
        let sheet = try read("ngày;đơn vị;lượt người\n3/4/2026;Tổ 1, khu A;1,5\n")
        #expect(utf8(sheet.rows[1]) == texts(["3/4/2026", "Tổ 1, khu A", "1,5"]))
    }

    @Test func tabDelimiter() throws {
        let sheet = try read("ngày\tđơn vị\n3/4/2026\tTổ 1, khu A\n")
        #expect(utf8(sheet.rows[1]) == texts(["3/4/2026", "Tổ 1, khu A"]))
    }

    @Test func delimiterInsideQuotedHeaderDoesNotCount() throws {
        let sheet = try read("\"a;b;c\",d\n1,2\n")
        #expect(sheet.rows[0].cells == [.text("a;b;c"), .text("d")])
    }

    @Test func headerAfterBlankLinesStillDecidesTheDelimiter() throws {
        let sheet = try read("\n\na;b\n1;2\n")
        #expect(sheet.rows.map(\.number) == [3, 4])
        #expect(sheet.rows[1].cells == [.text("1"), .text("2")])
    }

    @Test func excelSepLineSetsTheDelimiterAndIsNotARow() throws {
        let sheet = try read("sep=;\r\na;b,c\r\n1;2\r\n")
        #expect(sheet.rows.map(\.number) == [2, 3])
        #expect(sheet.rows[0].cells == [.text("a"), .text("b,c")])
    }

    @Test func singleColumnFile() throws {
        let sheet = try read("đơn vị\nTổ 1\n")
        #expect(utf8(sheet.rows[1]) == texts(["Tổ 1"]))
    }

    @Test func emptyLinesAndEmptyRowsAreDroppedAndTrailingEmptyCellsTrimmed() throws {
        let sheet = try read("a,b,c\n\n1,,3\n,,\n\r\n4,5,,\n\"\",\"\"\n6")
        #expect(sheet.rows.map(\.number) == [1, 3, 6, 8])
        #expect(sheet.rows[1].cells == [.text("1"), .empty, .text("3")])
        #expect(sheet.rows[2].cells == [.text("4"), .text("5")])
        #expect(sheet.rows[3].cells == [.text("6")])
        #expect(sheet.rows[3][5] == .empty)
    }

    @Test func emptyFileHasNoRows() throws {
        #expect(try CSVReader.read(Data()).rows.isEmpty)
        #expect(try CSVReader.read(Data([0xEF, 0xBB, 0xBF])).rows.isEmpty)
    }

    @Test func vietnameseTextIsByteExactInNFCAndNFD() throws {
        let nfc = "Phường Linh Sơn – Tổ dân phố số 5, “Đồng Tâm”"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(Array(nfc.utf8) == Array(nfc.precomposedStringWithCanonicalMapping.utf8))
        #expect(Array(nfd.utf8) != Array(nfc.utf8))
        let sheet = try read("\"\(nfc)\",\"\(nfd)\",  khoảng trắng  \n")
        #expect(utf8(sheet.rows[0]) == [Array(nfc.utf8), Array(nfd.utf8), Array("  khoảng trắng  ".utf8)])
    }

    @Test func unterminatedQuoteIsReportedWhereItOpened() throws {
        let error = spreadsheetError { _ = try read("a,b\n1,2\nTổ 3,\"chưa đóng\n4,5\n6,7\n") }
        #expect(error?.line == 3)
        #expect(error?.column == 6)
        #expect(error?.message.contains("line 3, column 6") == true)
        #expect(error?.hint?.contains("\"\"") == true)
    }

    @Test func quoteOpeningOnALaterLineOfAMultilineRecord() throws {
        let error = spreadsheetError { _ = try read("a,b\n\"x\ny\",\"z\n") }
        #expect(error?.line == 3)
        #expect(error?.column == 4)
    }
}

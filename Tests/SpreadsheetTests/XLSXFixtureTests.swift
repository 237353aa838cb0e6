import Foundation
import Spreadsheet
import Testing

/// Workbooks written by openpyxl (Fixtures/make_fixtures.py), i.e. by a real library rather
/// than by the same hands that wrote the reader.
@Suite struct XLSXFixtureTests {
    @Test func reportReadsTheFirstTabEvenThoughItIsStoredAsSheet2() throws {
        let sheet = try XLSXReader.read(Fixture.data("report.xlsx"))
        #expect(Array(sheet.name.utf8) == Array("Báo cáo tháng 4".utf8))
        #expect(!sheet.rows.contains { $0.cells.contains(.text("KHÔNG ĐỌC")) })
    }

    @Test func reportRowsKeepTheirSpreadsheetNumbersAcrossTheGapRow() throws {
        let sheet = try XLSXReader.read(Fixture.data("report.xlsx"))
        #expect(sheet.rows.map(\.number) == [1, 2, 3, 5, 6, 7])
    }

    @Test func reportHeaderIsVietnameseSharedStringsByteForByte() throws {
        let sheet = try XLSXReader.read(Fixture.data("report.xlsx"))
        let header = ["ngày", "đơn vị", "hoạt động", "buổi", "lượt người", "ghi chú"]
        #expect(header.allSatisfy { Array($0.utf8) == Array($0.precomposedStringWithCanonicalMapping.utf8) })
        #expect(utf8(sheet.rows[0]) == texts(header))
    }

    @Test func reportCellsHaveTheirTypes() throws {
        let rows = try XLSXReader.read(Fixture.data("report.xlsx")).rows

        // A real date cell (openpyxl's custom "yyyy-mm-dd h:mm:ss"), integers, text with curly quotes.
        #expect(rows[1].cells == [
            .date(SheetDate(2026, 4, 3)), .text("Tổ dân phố 1"), .text("Tuyên truyền phòng chống sốt xuất huyết"),
            .number(2), .number(150), .text("Ghi chú có “ngoặc kép”"),
        ])

        // Typed as text, so kept as text: interpreting "3/4/2026" or "1.200" is the caller's job.
        #expect(rows[2][0] == .text("3/4/2026"))
        #expect(rows[2][3] == .number(1))
        #expect(rows[2][4] == .text("1.200"))

        // Built-in format 14, a gap cell in D, a decimal, nothing after E.
        #expect(rows[3].cells == [
            .date(SheetDate(2026, 4, 10)), .text("Đoàn Thanh niên"), .text("Ra quân làm sạch đường phố"),
            .empty, .number(85.5),
        ])

        // "[$-42A]dd/mm/yyyy" (a Vietnamese locale tag), rich text runs joined, 0.5 and 1200.
        #expect(rows[4].cells == [
            .date(SheetDate(2026, 4, 30)), .text("Mặt trận Tổ quốc"), .text("Hội nghị tổng kết"),
            .number(0.5), .number(1200), .text("Số liệu tạm tính"),
        ])

        // Leading gap cells stay empty so the note is still in column F.
        #expect(rows[5].cells == [.empty, .empty, .empty, .empty, .empty, .text("Hàng chỉ có ghi chú")])
    }

    @Test func reportKeepsNFDTextAsNFD() throws {
        let rows = try XLSXReader.read(Fixture.data("report.xlsx")).rows
        let nfd = "Nguyễn Thị Hồng Nhung".decomposedStringWithCanonicalMapping
        #expect(utf8(rows[2][5]) == Array(nfd.utf8))
        #expect(utf8(rows[2][5]) != Array("Nguyễn Thị Hồng Nhung".utf8))
    }

    /// Column B holds each date's ISO text, so every row checks itself.
    @Test(arguments: ["dates1900.xlsx", "dates1904.xlsx"])
    func datesMatchTheirISOText(_ name: String) throws {
        let rows = try XLSXReader.read(Fixture.data(name)).rows
        #expect(rows.count == (name == "dates1900.xlsx" ? 7 : 4))
        for row in rows {
            guard case .date(let date) = row[0], case .text(let iso) = row[1] else {
                Issue.record("row \(row.number): \(row.cells)")
                continue
            }
            #expect(date.description == iso)
        }
    }

    @Test func formulaWithoutACachedResultIsRefused() throws {
        // openpyxl writes `<f>A2*B2</f><v/>`: it does not calculate formulas.
        let error = spreadsheetError { _ = try XLSXReader.read(Fixture.data("formula.xlsx")) }
        #expect(error?.line == 2)
        #expect(error?.column == 3)
        #expect(error?.message.contains("Cell C2") == true)
        #expect(error?.message.contains("=A2*B2") == true)
        #expect(error?.hint?.contains("save it again") == true)
    }
}

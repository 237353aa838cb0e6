import Testing
@testable import BantinKit

@Suite("Decree 30 lints")
struct Decree30Tests {
    /// A document whose fields after `kind` are given; `number` is on line 4, `date_written` on line 6.
    func loadDocument(kind: String = "cong-van", number: String, date: String, dateWritten: String? = nil,
                      subject: String? = "V/v thử") -> Diagnostics {
        let site = TestSite.minimal()
        site.write("content/documents/vb.md", """
        ---
        title: "Văn bản"
        kind: \(kind)
        number: "\(number)"
        date: \(date)
        \(dateWritten.map { "date_written: \"\($0)\"" } ?? "place: \"Hoà Bình\"")
        \(subject.map { "subject: \"\($0)\"" } ?? "cc: []")
        signer: {title: "TRƯỞNG PHÒNG", name: "Nguyễn Văn An"}
        ---

        Nội dung.
        """)
        let (loaded, diagnostics) = site.load()
        #expect(loaded?.articles.count == 1, "\(diagnostics.summary)")
        #expect(!diagnostics.hasErrors, "\(diagnostics.summary)")
        return diagnostics
    }

    @Test func paddedMonthInDateWrittenWarnsAtItsLine() throws {
        let diagnostics = loadDocument(number: "12/VHXH", date: "2026-03-25", dateWritten: "ngày 25 tháng 03 năm 2026")
        let warning = try #require(diagnostics.warnings.first, "\(diagnostics.summary)")
        #expect(diagnostics.all.count == 1)
        #expect(warning.file == "content/documents/vb.md")
        #expect(warning.line == 6)
        #expect(warning.column == 15)
        #expect(warning.message == "Decree 30 writes this date as \"ngày 25 tháng 3 năm 2026\", not \"ngày 25 tháng 03 năm 2026\"")
    }

    @Test func correctlyPaddedDayGivesNoWarning() {
        let diagnostics = loadDocument(number: "12/VHXH", date: "2026-03-05", dateWritten: "ngày 05 tháng 3 năm 2026")
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
    }

    @Test func januaryAndFebruaryArePadded() {
        let diagnostics = loadDocument(number: "12/VHXH", date: "2026-02-15", dateWritten: "ngày 15 tháng 02 năm 2026")
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
    }

    @Test func dateWrittenForAnotherDay() throws {
        let diagnostics = loadDocument(number: "12/VHXH", date: "2026-03-25", dateWritten: "ngày 26 tháng 3 năm 2026")
        let warning = try #require(diagnostics.warnings.first)
        #expect(warning.line == 6)
        #expect(warning.message == "`date_written` (\"ngày 26 tháng 3 năm 2026\") does not match `date` (25/3/2026)")
    }

    @Test func cvInAStateCongVanNumberWarns() throws {
        let diagnostics = loadDocument(number: "246/CV-VHXXH", date: "2026-03-25")
        let warning = try #require(diagnostics.warnings.first, "\(diagnostics.summary)")
        #expect(diagnostics.all.count == 1)
        #expect(warning.line == 4)
        #expect(warning.column == 9)
        #expect(warning.message.contains("\"246/VHXXH\""))
        #expect(warning.message.contains("CV"))
    }

    @Test func cvInAReportIsNotAboutCongVan() {
        let diagnostics = loadDocument(kind: "bao-cao", number: "246/CV-VHXXH", date: "2026-03-25")
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
    }

    @Test func numberUnderTenIsPadded() throws {
        let diagnostics = loadDocument(kind: "bao-cao", number: "5/BC-VHXH", date: "2026-03-25")
        let warning = try #require(diagnostics.warnings.first, "\(diagnostics.summary)")
        #expect(diagnostics.all.count == 1)
        #expect(warning.line == 4)
        #expect(warning.message == "Decree 30 pads numbers under 10 with a zero: \"05/BC-VHXH\"")
    }

    @Test func paddedNumberIsFine() {
        let diagnostics = loadDocument(kind: "bao-cao", number: "05/BC-VHXH", date: "2026-03-25")
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
    }

    @Test func partyStyleNumberHasNoCVWarning() {
        let diagnostics = loadDocument(number: "234-CV/BTGTU", date: "2026-03-25")
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
    }

    @Test func partyDirectiveNumberWithoutSlash() {
        let diagnostics = loadDocument(kind: "thong-bao", number: "57-CT", date: "2026-03-25")
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
    }

    @Test func numberWithoutSymbol() throws {
        let diagnostics = loadDocument(kind: "thong-bao", number: "57", date: "2026-03-25")
        let warning = try #require(diagnostics.warnings.first)
        #expect(warning.message.contains("has no symbol"))
    }

    @Test func numberWithSpaces() throws {
        let diagnostics = loadDocument(kind: "thong-bao", number: "05 / TB-VHXH", date: "2026-03-25")
        #expect(diagnostics.warnings.contains { $0.message.contains("contains spaces") }, "\(diagnostics.summary)")
    }

    @Test func congVanWithoutSubject() throws {
        let diagnostics = loadDocument(number: "12/VHXH", date: "2026-03-25", subject: nil)
        let warning = try #require(diagnostics.warnings.first)
        #expect(diagnostics.all.count == 1)
        #expect(warning.line == 2)
        #expect(warning.message.contains("`subject`"))
    }

    @Test func documentWithoutSignerOrNumber() throws {
        let site = TestSite.minimal()
        site.write("content/documents/vb.md", "---\ntitle: \"Văn bản\"\nkind: bao-cao\ndate: 2026-03-25\n---\n")
        let (loaded, diagnostics) = site.load()
        #expect(diagnostics.matching("content/documents/vb.md", "missing the required field `number`").count == 1)
        #expect(diagnostics.matching("content/documents/vb.md", "needs `signer:").count == 1)
        // The article stays so its other problems are found, but it has no letter and the build fails.
        #expect(diagnostics.hasErrors)
        #expect(loaded?.articles.first?.letter == nil)
    }
}

import Foundation
import Spreadsheet
import Testing

@Suite struct CSVEncodingTests {
    /// "tên,ghi chú" / "Nguyễn Văn Đức,đã họp" as Vietnamese Excel writes them in "CSV (Comma
    /// delimited)": Windows-1258 with ê (0xEA) + combining tilde (0xDE), ă (0xE3), Đ (0xD0),
    /// ư (0xFD) + combining acute (0xEC), đ (0xF0), a + dot below (0xF2), o + dot below.
    static let windows1258: [UInt8] =
        Array("te".utf8) + [0xCC] + Array("n,ghi chu".utf8) + [0xEC] + [0x0D, 0x0A]
        + Array("Nguy".utf8) + [0xEA, 0xDE] + Array("n V".utf8) + [0xE3] + Array("n ".utf8) + [0xD0, 0xFD, 0xEC]
        + Array("c,".utf8) + [0xF0] + Array("a".utf8) + [0xF2] + Array(" ho".utf8) + [0xF2] + Array("p".utf8)
        + [0x0D, 0x0A]

    @Test func windows1258IsNamedWithTheFirstBadBytesPosition() throws {
        let error = spreadsheetError { _ = try CSVReader.read(Data(Self.windows1258)) }
        #expect(error?.line == 1)
        #expect(error?.column == 3)
        #expect(error?.message.contains("Windows-1258") == true)
        #expect(error?.message.contains("0xCC") == true)
        #expect(error?.hint?.contains("CSV UTF-8 (Comma delimited) (*.csv)") == true)
        #expect(error?.hint?.contains("Google Sheets") == true)
    }

    @Test func windows1258OnALaterLine() throws {
        // An ASCII header (as many offices type it) puts the first bad byte on line 2.
        let bytes = Array("ten,ghi chu\r\n".utf8) + Self.windows1258.drop { $0 != 0x0A }.dropFirst()
        let error = spreadsheetError { _ = try CSVReader.read(Data(bytes)) }
        #expect(error?.line == 2)
        #expect(error?.column == 5)
        #expect(error?.message.contains("Windows-1258") == true)
        #expect(error?.description.hasPrefix("line 2, column 5: ") == true)
    }

    @Test func windows1258IsRecognisedByToneMarksAlone() throws {
        // "Hùng,Văn" without Đ/đ: u + combining grave (0xCC), ă (0xE3).
        let bytes = Array("ten,ho\nHu".utf8) + [0xCC] + Array("ng,V".utf8) + [0xE3] + Array("n\n".utf8)
        let error = spreadsheetError { _ = try CSVReader.read(Data(bytes)) }
        #expect(error?.line == 2)
        #expect(error?.column == 3)
        #expect(error?.message.contains("Windows-1258") == true)
    }

    @Test func windows1258IsRecognisedByDStrokeAlone() throws {
        // "Đông Anh" has no tone mark: Đ (0xD0) and ô (0xF4) only.
        let bytes = Array("huyen\n".utf8) + [0xD0, 0xF4] + Array("ng Anh\n".utf8)
        let error = spreadsheetError { _ = try CSVReader.read(Data(bytes)) }
        #expect(error?.message.contains("Windows-1258") == true)
    }

    @Test func windows1252IsNamedForWesternText() throws {
        // "Café,Müller" from an English-locale Excel: é = 0xE9 after a consonant, ü = 0xFC.
        let bytes = Array("name,note\nCaf".utf8) + [0xE9] + Array(",M".utf8) + [0xFC] + Array("ller\n".utf8)
        let error = spreadsheetError { _ = try CSVReader.read(Data(bytes)) }
        #expect(error?.line == 2)
        #expect(error?.column == 4)
        #expect(error?.message.contains("Windows-1252") == true)
        #expect(error?.message.contains("Windows-1258") == false)
    }

    @Test func columnCountsCharactersNotBytes() throws {
        // Eight characters precede the bad byte, but thirteen bytes (NFD ễ alone is five).
        let prefix = "Nguyễn Đ".decomposedStringWithCanonicalMapping
        let bytes = Array("a\n".utf8) + Array(prefix.utf8) + [0xFF] + Array("\n".utf8)
        let error = spreadsheetError { _ = try CSVReader.read(Data(bytes)) }
        #expect(error?.line == 2)
        #expect(error?.column == 9)
    }

    @Test func mostlyUTF8FileWithOneBadByteIsNotBlamedOnACodePage() throws {
        let bytes = Array("ngày,đơn vị\nTổ 1,Phường Linh Sơn\nTổ 2,".utf8) + [0xE9] + Array("\n".utf8)
        let error = spreadsheetError { _ = try CSVReader.read(Data(bytes)) }
        #expect(error?.line == 3)
        #expect(error?.column == 6)
        #expect(error?.message.contains("rest of the file is UTF-8") == true)
    }

    @Test(arguments: [
        ("with BOM, little-endian", Data([0xFF, 0xFE]) + "ngày,đơn vị\n".data(using: .utf16LittleEndian)!),
        ("with BOM, big-endian", Data([0xFE, 0xFF]) + "ngày,đơn vị\n".data(using: .utf16BigEndian)!),
        ("without BOM", "ngay,don vi\nTo 1,Linh Son\n".data(using: .utf16LittleEndian)!),
    ])
    func utf16IsRefused(_ label: String, _ data: Data) throws {
        let error = spreadsheetError { _ = try CSVReader.read(data) }
        #expect(error?.message.contains("UTF-16") == true, "\(label)")
        #expect(error?.line == 1)
        #expect(error?.hint?.contains("CSV UTF-8") == true)
    }

    @Test func aWorkbookGivenAsCSVIsNamed() throws {
        let zip = spreadsheetError { _ = try CSVReader.read(Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00])) }
        #expect(zip?.message.contains(".xlsx") == true)
        let ole = spreadsheetError { _ = try CSVReader.read(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0])) }
        #expect(ole?.message.contains(".xls") == true)
    }
}

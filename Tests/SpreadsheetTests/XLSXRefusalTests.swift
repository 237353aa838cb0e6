import Foundation
@testable import Spreadsheet
import Testing

/// Files that must be refused with a clear message rather than half-read or trusted.
@Suite struct XLSXRefusalTests {
    @Test func dataThatIsNotAZipIsNotAWorkbook() throws {
        for data in [Data(), Data("ngày,đơn vị\n3/4/2026,Tổ 1\n".utf8), Data([0x50, 0x4B, 0x03, 0x04, 0, 0])] {
            let error = spreadsheetError { _ = try XLSXReader.read(data) }
            #expect(error?.message.contains("The file is not an .xlsx workbook") == true)
            #expect(error?.message.contains("save it as .xlsx") == true)
            #expect(error?.line == 1 && error?.column == 1)
        }
    }

    @Test func oldXLSIsNamed() throws {
        let xls = Data(OLE.signature + [UInt8](repeating: 0, count: 504) + Array("Workbook".utf8))
        let error = spreadsheetError { _ = try XLSXReader.read(xls) }
        #expect(error?.message.contains("old .xls") == true)
    }

    @Test func encryptedWorkbookIsNamed() throws {
        // Office puts an encrypted .xlsx inside an OLE file whose directory names the
        // "EncryptionInfo" and "EncryptedPackage" streams in UTF-16LE.
        let name = Array("EncryptionInfo".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let encrypted = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504) + name)
        let error = spreadsheetError { _ = try XLSXReader.read(encrypted) }
        #expect(error?.message.contains("password-protected") == true)
        #expect(error?.hint?.contains("Encrypt with Password") == true)
    }

    @Test func billionLaughsDoctypeIsRefusedBeforeParsing() throws {
        let sheet = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <worksheet xmlns="\(TestXLSX.mainNS)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c>\
            </row></sheetData></worksheet>
            """
        let data = try TestXLSX.workbook(sheets: [.init(name: "A", xml: sheet, path: "worksheets/sheet1.xml")])
        let error = spreadsheetError { _ = try XLSXReader.read(data) }
        #expect(error?.message.contains("xl/worksheets/sheet1.xml contains a <!DOCTYPE> declaration") == true)
    }

    @Test func externalEntityInSharedStringsIsRefused() throws {
        let sst = """
            <?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <sst xmlns="\(TestXLSX.mainNS)"><si><t>&xxe;</t></si></sst>
            """
        let data = try TestXLSX.workbook(
            sheets: [.init(name: "A", xml: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, path: "worksheets/sheet1.xml")],
            sharedStrings: ["x"], extraParts: ["xl/sharedStrings.xml": sst])
        let error = spreadsheetError { _ = try XLSXReader.read(data) }
        #expect(error?.message.contains("xl/sharedStrings.xml") == true)
        #expect(error?.message.contains("DOCTYPE") == true)
    }

    @Test func declarationScanCatchesCaseAndUTF16() {
        #expect(SafeXML.declaration(in: Data("<?xml?><!doctype x><x/>".utf8)) == "DOCTYPE")
        #expect(SafeXML.declaration(in: Data("<x><!ENTITY a 'b'></x>".utf8)) == "ENTITY")
        #expect(SafeXML.declaration(in: "<?xml?><!DOCTYPE x><x/>".data(using: .utf16LittleEndian)!) == "DOCTYPE")
        #expect(SafeXML.declaration(in: Data("<x><!-- note --><![CDATA[a]]></x>".utf8)) == nil)
        #expect(SafeXML.declaration(in: Data("<!DOCTYP".utf8)) == nil)
    }

    @Test func entryLargerThan50MBIsRefused() throws {
        // Deflated zeros: a few tens of KB in the file, 50 MB + 1 byte unpacked.
        let bomb = try TestXLSX.workbook(
            sheets: [.init(name: "A", xml: "<x/>", path: "worksheets/sheet1.xml")],
            omit: ["xl/worksheets/sheet1.xml"],
            zeros: (path: "xl/worksheets/sheet1.xml", size: XLSXPackage.defaultMaxEntrySize + 1))
        #expect(bomb.count < 1_000_000)
        let error = spreadsheetError { _ = try XLSXReader.read(bomb) }
        #expect(error?.message.contains("xl/worksheets/sheet1.xml unpacks to more than 50 MB") == true)
        #expect(error?.message.contains("zip bomb") == true)
    }

    @Test func entryThatLiesAboutItsSizeIsStoppedWhileInflating() throws {
        let sheetData = String(repeating: #"<row><c t="inlineStr"><is><t>Tổ dân phố</t></is></c></row>"#, count: 200)
        let honest = try TestXLSX.single(sheetData)
        #expect(try XLSXReader.read(honest, maxEntrySize: 100_000).rows.count == 200)
        #expect(spreadsheetError { _ = try XLSXReader.read(honest, maxEntrySize: 4_000) }?
            .message.contains("zip bomb") == true)

        // Declares 100 bytes for the sheet in both headers, so only counting the inflated bytes catches it.
        let lying = try TestXLSX.patchUncompressedSize(of: "xl/worksheets/sheet1.xml", in: honest, to: 100)
        #expect(spreadsheetError { _ = try XLSXReader.read(lying, maxEntrySize: 4_000) }?
            .message.contains("zip bomb") == true)
    }

    /// Found by the xlsx fuzzer: an offset past the end of the bytes trapped inside ZIPFoundation's
    /// in-memory archive (a negative range) instead of giving an error.
    @Test func offsetsPastTheEndAreAnErrorNotACrash() throws {
        let workbook = [UInt8](try TestXLSX.single(#"<row r="1"><c r="A1" t="inlineStr"><is><t>Ngày</t></is></c></row>"#))
        let endRecord = try #require((0...workbook.count - 22).last { Array(workbook[$0..<$0 + 4]) == [0x50, 0x4B, 0x05, 0x06] })
        let directory = Int(workbook[endRecord + 16]) | Int(workbook[endRecord + 17]) << 8 | Int(workbook[endRecord + 18]) << 16
        func patched(_ offset: Int, to value: Int) -> Data {
            var bytes = workbook
            for shift in 0..<4 { bytes[offset + shift] = UInt8(truncatingIfNeeded: value >> (8 * shift)) }
            return Data(bytes)
        }
        let corrupt = [
            patched(endRecord + 16, to: workbook.count + 1_000),  // central directory after the end
            patched(directory + 42, to: workbook.count + 1_000),  // first local header after the end
            Data(workbook.prefix(directory + 10)),                // cut inside the central directory
        ]
        for data in corrupt {
            let error = spreadsheetError { _ = try XLSXReader.read(data) }
            #expect(error?.line == 1 && error?.column == 1)
            #expect(error.map { !$0.message.isEmpty } == true)
        }
    }
}

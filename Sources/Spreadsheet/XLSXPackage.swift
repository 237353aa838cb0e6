import Foundation
import ZIPFoundation

/// The zip container of an xlsx, read entirely in memory: parts are looked up by name and
/// nothing is ever written to disk, so entry names cannot escape anywhere (no zip-slip).
struct XLSXPackage {
    /// Real report sheets are a few MB uncompressed; 50 MB leaves room for big ones while
    /// stopping a zip bomb long before it exhausts memory.
    static let defaultMaxEntrySize = 50 * 1024 * 1024

    private let archive: Archive
    private let entries: [String: Entry]
    private let maxEntrySize: Int

    init(_ data: Data, maxEntrySize: Int = defaultMaxEntrySize) throws(SpreadsheetError) {
        if data.starts(with: OLE.signature) { throw Self.oleError(data) }
        let archive = try Self.openArchive(data)
        // OPC part names are case-insensitive, and some Windows tools write backslashes.
        var entries: [String: Entry] = [:]
        for entry in archive where entry.type == .file {
            let key = Self.key(entry.path)
            if entries[key] == nil { entries[key] = entry }
        }
        self.archive = archive
        self.entries = entries
        self.maxEntrySize = maxEntrySize
    }

    /// ZIPFoundation's in-memory archives trap when an offset in the zip points past the end of
    /// the bytes (0.9.20: a negative range in `MemoryFile.readData`; one flipped byte in a
    /// central directory does it) and leak when the bytes are not a zip at all. Through stdio
    /// such a read just comes up short and ZIPFoundation reports it, so the bytes go to a
    /// temporary file, removed as soon as it is open; entries are still only ever
    /// extracted into memory.
    private static func openArchive(_ data: Data) throws(SpreadsheetError) -> Archive {
        let url = FileManager.default.temporaryDirectory.appending(path: "bantin-xlsx-\(UUID().uuidString).zip")
        do {
            try data.write(to: url, options: .withoutOverwriting)
        } catch {
            throw SpreadsheetError(message: "Cannot read the workbook: writing its temporary copy failed (\(error.localizedDescription)).",
                                   hint: "Check that \(url.deletingLastPathComponent().path) exists and has free space.")
        }
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            return try Archive(url: url, accessMode: .read)
        } catch {
            throw SpreadsheetError(
                message: "The file is not an .xlsx workbook (it is not a zip archive; it may be an old .xls or a CSV file "
                    + "with the wrong name): save it as .xlsx.",
                hint: SpreadsheetError.saveAsXLSX)
        }
    }

    func contains(_ path: String) -> Bool { entries[Self.key(path)] != nil }

    /// The entry's bytes, or nil if there is no such part.
    ///
    /// The size is checked twice: the declared size up front (cheap, catches honest giants),
    /// and the bytes actually inflated (a crafted header can declare 1 KB and inflate to GBs).
    func read(_ path: String) throws(SpreadsheetError) -> Data? {
        guard let entry = entries[Self.key(path)] else { return nil }
        let limit = maxEntrySize
        guard entry.uncompressedSize <= UInt64(limit) else { throw tooLarge(path) }
        var data = Data()
        do {
            _ = try archive.extract(entry) { (chunk: Data) throws in
                guard data.count + chunk.count <= limit else { throw SizeLimitExceeded() }
                data.append(chunk)
            }
        } catch is SizeLimitExceeded {
            throw tooLarge(path)
        } catch {
            throw SpreadsheetError(
                message: "The part \(path) of the workbook cannot be unpacked (\(error)); the file is damaged.",
                hint: "Open it in Excel or LibreOffice, which can often repair it, and save it again as .xlsx.")
        }
        return data
    }

    private struct SizeLimitExceeded: Error {}

    private func tooLarge(_ path: String) -> SpreadsheetError {
        SpreadsheetError(
            message: "The part \(path) unpacks to more than \(maxEntrySize / 1024 / 1024) MB, far beyond any real report; "
                + "the file was refused as a possible zip bomb.",
            hint: "If the sheet really is that large, split it into several workbooks.")
    }

    private static func key(_ path: String) -> String {
        var normalized = path.replacingOccurrences(of: "\\", with: "/")
        while normalized.hasPrefix("/") { normalized.removeFirst() }
        return normalized.lowercased()
    }

    /// Both an old .xls and an encrypted .xlsx are OLE compound files; Office names the stream
    /// that holds an encrypted workbook's key "EncryptionInfo", stored as UTF-16LE.
    private static func oleError(_ data: Data) -> SpreadsheetError {
        let marker = Data("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        if data.range(of: marker) != nil {
            return SpreadsheetError(
                message: "The workbook is password-protected (encrypted), so it cannot be read.",
                hint: "Open it in Excel, remove the password (File → Info → Protect Workbook → Encrypt with Password, "
                    + "clear the box) and save it again as .xlsx.")
        }
        return SpreadsheetError(
            message: "The file is not an .xlsx workbook (it is an old .xls file): save it as .xlsx.",
            hint: SpreadsheetError.saveAsXLSX)
    }
}

/// Resolves relationship targets, which are relative to the folder of the part that owns
/// the .rels file ("worksheets/sheet1.xml" from xl/workbook.xml) or absolute ("/xl/…").
enum PartPath {
    static func resolve(_ target: String, relativeTo sourcePart: String) -> String {
        var segments: [Substring]
        if target.hasPrefix("/") {
            segments = []
        } else {
            segments = sourcePart.split(separator: "/", omittingEmptySubsequences: true)
            _ = segments.popLast()
        }
        for segment in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    /// `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    static func relationships(of part: String) -> String {
        var segments = part.split(separator: "/").map(String.init)
        let name = segments.popLast() ?? ""
        return (segments + ["_rels", name + ".rels"]).joined(separator: "/")
    }
}

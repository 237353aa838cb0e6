import CLibcrypto
import Foundation
import ZIPFoundation

/// Writes a zip that is the same bytes for the same files: entries in byte order of their
/// paths, one fixed date, fixed permissions, and a MANIFEST.txt of sizes and SHA-256.
enum ZipWriter {
    static func sha256(_ data: Data) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        data.withUnsafeBytes { raw in _ = SHA256(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, &digest) }
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    static func write(_ files: [(path: String, data: Data)], to url: URL, date: Date) throws {
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let archive = try Archive(url: url, accessMode: .create)
        let sorted = files.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
        let manifest = sorted.map { file in
            let digest = sha256(file.data)
            return "\(digest)  \(String(format: "%9d", file.data.count))  \(file.path)"
        }.joined(separator: "\n") + "\n"
        for file in sorted + [(path: "MANIFEST.txt", data: Data(manifest.utf8))] {
            let data = file.data
            try archive.addEntry(with: file.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                 permissions: 0o644, compressionMethod: .deflate,
                                 provider: { (position: Int64, size: Int) -> Data in
                                     data.subdata(in: Int(position)..<Int(position) + size)
                                 })
        }
    }
}

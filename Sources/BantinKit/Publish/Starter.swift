import Foundation

/// `bantin init`: writes the starter site carried in the binary. The theme itself is not
/// copied: the binary supplies it, and a site only adds templates/ to override a file.
public enum Starter {
    public struct Error: Swift.Error { public let message: String }

    public static func write(to folder: URL) throws -> Int {
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: folder.path), !existing.isEmpty {
            throw Error(message: "\(folder.path) exists and is not empty; choose a new folder")
        }
        var count = 0
        do {
            for entry in EmbeddedFiles.starter {
                guard let data = Data(base64Encoded: entry.base64) else { continue }
                let target = folder.appending(path: entry.path)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: target)
                count += 1
            }
        } catch {
            throw Error(message: "cannot write into \(folder.path): \(error.localizedDescription)")
        }
        return count
    }

    /// The built-in theme, for tools that show or copy it.
    public static var themeFiles: [String] { EmbeddedFiles.templates.map(\.path) }
}

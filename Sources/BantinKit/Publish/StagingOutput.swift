import Foundation

/// The output is written to a fresh folder beside the destination and swapped in only when the
/// whole build succeeded, so a failed build leaves the published site exactly as it was.
struct StagingOutput: Sendable {
    /// Left in every output folder, so a later build knows it may replace the folder.
    static let marker = ".bantin-output"

    let destination: URL
    let staging: URL

    init(destination: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        staging = parent.appending(path: ".\(self.destination.lastPathComponent).staging-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try Data("Made by bantin. This folder is replaced whole on every build: keep nothing of your own here.\n".utf8)
            .write(to: staging.appending(path: Self.marker))
    }

    /// Safe to call from several render workers at once: each writes its own file.
    func write(_ data: Data, to path: String) throws {
        let url = staging.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Replaces the destination with the staged tree. The old tree is moved aside first and
    /// removed last, so at no moment is there a half-written site at the destination.
    func commit() throws {
        let fm = FileManager.default
        let old = staging.deletingLastPathComponent().appending(path: ".\(destination.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: old)
        let hadOld = fm.fileExists(atPath: destination.path)
        if hadOld { try fm.moveItem(at: destination, to: old) }
        do {
            try fm.moveItem(at: staging, to: destination)
        } catch {
            if hadOld { try? fm.moveItem(at: old, to: destination) }
            throw error
        }
        if hadOld { try? fm.removeItem(at: old) }
    }

    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}

import Foundation
import Testing

/// Runs the real `bantin` binary, the way an officer would.
struct Bantin {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The binary built next to the test bundle (or BANTIN_BINARY when set).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["BANTIN_BINARY"] { return URL(fileURLWithPath: path) }
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL {
            var folder = executable.deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(folder.appending(path: "bantin"))
                folder = folder.deletingLastPathComponent()
            }
        }
        candidates.append(packageRoot.appending(path: ".build/debug/bantin"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a chatty process cannot fill the pipe and stall.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A throwaway folder with helpers to lay out a site in it.
struct TempSite {
    let root: URL

    /// A helper for a folder that already exists (e.g. one `bantin init` made).
    init(existing folder: URL) { root = folder }

    init() throws {
        root = FileManager.default.temporaryDirectory.appending(path: "bantin-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appending(path: path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: root.appending(path: path).path) }

    /// Copies the repository's content/ so tests can break a real site without touching it.
    func copyRepositoryContent() throws {
        try FileManager.default.copyItem(at: Bantin.packageRoot.appending(path: "content"), to: root.appending(path: "content"))
    }
}

/// Every regular file under a folder with its bytes, keyed by relative path.
func tree(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let base = folder.standardizedFileURL.path
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
    for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
        files[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = try Data(contentsOf: url)
    }
    return files
}

/// Relative href/src targets of an HTML page that do not exist in the output.
func brokenLocalLinks(in html: String, page: String, output: URL) -> [String] {
    let pattern = try! NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
    let folder = output.appending(path: page).deletingLastPathComponent()
    var broken: [String] = []
    for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
        let raw = String(html[Range(match.range(at: 1), in: html)!]).replacingOccurrences(of: "&amp;", with: "&")
        if raw.isEmpty || raw.hasPrefix("#") || raw.contains(":") { continue }
        let path = String(raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
        let target = folder.appending(path: path.removingPercentEncoding ?? path).standardizedFileURL
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder) || isFolder.boolValue {
            broken.append("\(page) → \(raw)")
        }
    }
    return broken
}

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

/// A throwaway folder with helpers to lay out a site in it. It is removed with everything built
/// into it when the last test holding it lets go; one a suite keeps in a static (a build shared by
/// its tests) is removed when the test process exits.
final class TempSite: Sendable {
    let root: URL
    /// The temporary folder this one is inside, kept as long as this one is.
    private let owner: TempSite?

    init() throws {
        root = FileManager.default.temporaryDirectory.appending(path: "bantin-e2e-\(UUID().uuidString)")
        owner = nil
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        TempFolders.keep(root.path)
    }

    private init(root: URL, owner: TempSite) {
        self.root = root
        self.owner = owner
    }

    deinit {
        guard owner == nil else { return }
        try? FileManager.default.removeItem(at: root)
        TempFolders.forget(root.path)
    }

    /// A folder inside this one (e.g. one `bantin init` made), as a site of its own.
    func inside(_ path: String) -> TempSite { TempSite(root: root.appending(path: path), owner: self) }

    /// A site `bantin init` made, inside a temporary folder that goes with it.
    static func starter() throws -> TempSite {
        let temp = try TempSite()
        #expect(try Bantin.run(["init", temp.root.appending(path: "site").path]).status == 0)
        return temp.inside("site")
    }

    /// A copy of the repository's site (content/ and templates/): tests build it there rather than
    /// with `--site` on the repository, whose .bantin-cache/ would keep a cache for every output.
    static func repositoryCopy() throws -> TempSite {
        let site = try TempSite()
        try site.copyRepositoryContent()
        try FileManager.default.copyItem(at: Bantin.packageRoot.appending(path: "templates"), to: site.root.appending(path: "templates"))
        return site
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

    /// Unpacks a zip into a new folder inside this one (removed with it), with Python's zipfile:
    /// a reader Bantin's own writer has nothing in common with.
    func unzip(_ zip: URL) throws -> URL {
        let folder = root.appending(path: "unzip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "zipfile", "-e", zip.path, folder.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return folder
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: root.appending(path: path).path) }

    /// Copies the repository's content/ so tests can break a real site without touching it.
    func copyRepositoryContent() throws {
        try FileManager.default.copyItem(at: Bantin.packageRoot.appending(path: "content"), to: root.appending(path: "content"))
    }
}

/// The temporary folders not yet removed, for the exit handler: a static is never deinitialised.
enum TempFolders {
    private static let lock = NSLock()
    /// Only touched under `lock` (Mutex would need macOS 15).
    nonisolated(unsafe) private static var live: Set<String> = []

    static func keep(_ path: String) {
        _ = exitHandler
        lock.withLock { _ = live.insert(path) }
    }

    static func forget(_ path: String) {
        lock.withLock { _ = live.remove(path) }
    }

    private static let exitHandler: Void = {
        atexit {
            for path in TempFolders.lock.withLock({ TempFolders.live }) { try? FileManager.default.removeItem(atPath: path) }
        }
    }()
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

/// Every folder under `folder`, relative to it: `tree` sees no empty one.
func folders(_ folder: URL) throws -> Set<String> {
    let base = folder.standardizedFileURL.path
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) else { return [] }
    var found = Set<String>()
    for case let url as URL in walker where (try url.resourceValues(forKeys: [.isDirectoryKey])).isDirectory == true {
        found.insert(String(url.standardizedFileURL.path.dropFirst(base.count + 1)))
    }
    return found
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

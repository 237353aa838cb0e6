import Foundation

/// What the last successful build into an output folder was made from, kept in the site's
/// `.bantin-cache/` folder: the key of every output file, what each page reported, the search
/// entries and the build's summary. The next build renders only pages whose key changed and
/// hard-links the others from the old output into the new one; when no input changed at all it
/// does nothing. A cache is used only for the very folder it describes (same device and inode,
/// which the atomic swap changes on every build), and `--clean` ignores it.
struct BuildCache: Codable, Sendable {
    static let format = 2

    var format = BuildCache.format
    var output: String
    var outputIdentity: String
    var inputs: String
    /// The bantin that made the output (`BuildInputs.binary`).
    var binary: String
    /// Output path → key of what it was made from.
    var files: [String: String] = [:]
    /// Output path → what rendering or printing it reported (warnings; a failed build is never cached).
    var reports: [String: [Diagnostic]] = [:]
    /// Everything the build reported, for a build with no change at all.
    var diagnostics: [Diagnostic] = []
    var summary = Summary()

    struct Summary: Codable, Sendable {
        var pages = 0, files = 0, pdfs = 0, pngs = 0
        var bundles: [BundleStage.Made] = []
        var printNote: String?
    }

    /// The folder holding the cache of one output folder.
    static func folder(siteRoot: URL, output: URL) -> URL {
        let name = String(Digest.sha256(Data(output.standardizedFileURL.path.utf8)).prefix(16))
        return siteRoot.appending(path: ".bantin-cache").appending(path: name)
    }

    /// The cache of this output folder, if it describes the folder as it is now.
    static func load(siteRoot: URL, output: URL) -> BuildCache? {
        let folder = folder(siteRoot: siteRoot, output: output)
        guard let data = FileManager.default.contents(atPath: folder.appending(path: "manifest.json").path),
              let cache = try? JSONDecoder().decode(BuildCache.self, from: data),
              cache.format == format, cache.output == output.standardizedFileURL.path,
              let identity = identity(of: output), identity == cache.outputIdentity else { return nil }
        return cache
    }

    static func remove(siteRoot: URL, output: URL) {
        try? FileManager.default.removeItem(at: folder(siteRoot: siteRoot, output: output))
    }

    /// Written after the new output is in place; a build killed before this leaves a cache whose
    /// identity no longer matches, so it is not used.
    func save(siteRoot: URL, searchEntries: SearchEntries) throws {
        let folder = Self.folder(siteRoot: siteRoot, output: URL(fileURLWithPath: output))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        Self.prune(beside: folder)
        try Data(output.utf8).write(to: folder.appending(path: "output"), options: .atomic)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try searchEntries.write(to: folder.appending(path: "search.bin"))
        try encoder.encode(self).write(to: folder.appending(path: "manifest.json"), options: .atomic)
    }

    /// Caches of output folders that are gone (a test's temporary folder, a renamed output) go too.
    private static func prune(beside folder: URL) {
        let parent = folder.deletingLastPathComponent()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name != folder.lastPathComponent {
            let other = parent.appending(path: name)
            guard let output = FileManager.default.contents(atPath: other.appending(path: "output").path) else { continue }
            if !FileManager.default.fileExists(atPath: String(decoding: output, as: UTF8.self)) {
                try? FileManager.default.removeItem(at: other)
            }
        }
    }

    func searchEntries(siteRoot: URL) -> SearchEntries {
        let url = Self.folder(siteRoot: siteRoot, output: URL(fileURLWithPath: output)).appending(path: "search.bin")
        return SearchEntries(data: FileManager.default.contents(atPath: url.path) ?? Data())
    }

    static func identity(of folder: URL) -> String? {
        var info = stat()
        guard stat(folder.path, &info) == 0 else { return nil }
        return "\(info.st_dev):\(info.st_ino)"
    }

    /// Whether `path` in the old output was made from `key`.
    func has(_ path: String, key: String) -> Bool { files[path] == key }
}

/// Search entries (their encoded JSON) by article key, stored as plain records: the index of a
/// big site is tens of megabytes, and decoding it as JSON would cost what it saves.
struct SearchEntries: Sendable {
    private(set) var entries: [String: Data] = [:]

    init() {}

    init(data: Data) {
        // Records: 64 hex digits of key, a space, the length in decimal, a newline, the bytes.
        var index = data.startIndex
        while index < data.endIndex {
            guard let space = data[index...].firstIndex(of: 0x20), let newline = data[space...].firstIndex(of: 0x0A),
                  let length = Int(String(decoding: data[(space + 1)..<newline], as: UTF8.self)),
                  newline + 1 + length <= data.endIndex else { return }
            entries[String(decoding: data[index..<space], as: UTF8.self)] = data[(newline + 1)..<(newline + 1 + length)]
            index = newline + 1 + length
        }
    }

    subscript(key: String) -> Data? {
        get { entries[key] }
        set { entries[key] = newValue }
    }

    /// Written a megabyte at a time (the records of a big site are its whole search index, which
    /// the build still holds once), into a new file renamed over the old.
    func write(to url: URL) throws {
        let temporary = url.appendingPathExtension("new")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        let file = try FileHandle(forWritingTo: temporary)
        var chunk = Data()
        for (key, entry) in entries.sorted(by: { $0.key < $1.key }) {
            chunk += Data("\(key) \(entry.count)\n".utf8)
            chunk += entry
            if chunk.count >= 1 << 20 {
                try file.write(contentsOf: chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try file.write(contentsOf: chunk)
        try file.close()
        guard rename(temporary.path, url.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }
}

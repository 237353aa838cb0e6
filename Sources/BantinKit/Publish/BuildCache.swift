import Foundation

/// What the last successful build into an output folder was made from, kept in the site's
/// `.bantin-cache/` folder: the key of every output file, what each page reported, the search
/// entries and the build's summary. The next build renders only pages whose key changed and
/// hard-links the others from the old output into the new one; when no input changed at all it
/// does nothing. A cache is used only for the very folder it describes (same device and inode,
/// which the atomic swap changes on every build), and `--clean` ignores it.
struct BuildCache: Sendable {
    static let format = 5
    static let fileName = "manifest.bin"

    var output: String
    var outputIdentity: String
    var inputs: String
    /// The bantin that made the output (`BuildInputs.binary`).
    var binary: String
    /// Output path → key of what it was made from (pages, fragments, prints, search index parts).
    var files: [String: String] = [:]
    /// Output path → what rendering or printing it reported (warnings; a failed build is never cached).
    var reports: [String: [Diagnostic]] = [:]
    /// Everything the build reported, for a build with no change at all.
    var diagnostics: [Diagnostic] = []
    /// Every file in the output folder: when the next build replaces it, the list of the spare
    /// folder it becomes (`SpareOutput`).
    var outputFiles: [String] = []
    var summary = Summary()

    struct Summary: Sendable {
        var pages = 0, files = 0, pdfs = 0, pngs = 0
        var bundles: [BundleStage.Made] = []
        /// What each page or style sheet the bundles followed refers to (`BundleStage.assets`).
        var bundleReferences: [String: [String]] = [:]
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
        guard let data = FileManager.default.contents(atPath: folder.appending(path: fileName).path),
              let cache = try? BuildCache(reading: [UInt8](data)), cache.output == output.standardizedFileURL.path,
              let identity = identity(of: output), identity == cache.outputIdentity else { return nil }
        return cache
    }

    /// With the spare output in it (`SpareOutput`): 20,000 files at 10,000 pages.
    static func remove(siteRoot: URL, output: URL) {
        FileTree.remove(folder(siteRoot: siteRoot, output: output).path)
    }

    /// Written after the new output is in place; a build killed before this leaves a cache whose
    /// identity no longer matches, so it is not used. `searchRecords`: this build's search entries,
    /// written while it rendered, which replace the last build's.
    /// Saves the parse cache and the known files, which depend only on the inputs: a build saves
    /// them while it renders and zips, not after. They describe files by their digests and times,
    /// whatever output they went into, so a build that fails after saving them leaves nothing wrong.
    static func saveInputCaches(siteRoot: URL, output: URL, parsed: LoadCache?, known: KnownFiles) throws {
        let folder = folder(siteRoot: siteRoot, output: output)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The parse cache on one core, the known files on the other.
        let (parsedSaved, knownSaved) = inParallel({ () -> Result<Void, any Error> in
            Result {
                if let parsed {
                    try parsed.save(in: folder)
                } else {
                    try? FileManager.default.removeItem(at: folder.appending(path: LoadCache.fileName))
                    try? FileManager.default.removeItem(at: folder.appending(path: LoadCache.reportsFileName))
                }
            }
        }, { Result { try known.save(in: folder) } })
        try parsedSaved.get()
        try knownSaved.get()
    }

    /// Saves the rest, after `saveInputCaches`: the search records and, last, the manifest, as
    /// a cache is used only once its manifest is in place.
    func save(siteRoot: URL, searchRecords: SearchRecords.Writer?) throws {
        let folder = Self.folder(siteRoot: siteRoot, output: URL(fileURLWithPath: output))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        Self.prune(beside: folder)
        try Data(output.utf8).write(to: folder.appending(path: "output"), options: .atomic)
        let records = folder.appending(path: "search.bin")
        if var searchRecords {
            try searchRecords.finish()
            guard rename(searchRecords.url.path, records.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: records.path])
            }
        } else {
            try? FileManager.default.removeItem(at: records)
        }
        try Data(written).write(to: folder.appending(path: Self.fileName), options: .atomic)
    }

    /// Caches of output folders that are gone (a test's temporary folder, a renamed output) go too.
    private static func prune(beside folder: URL) {
        let parent = folder.deletingLastPathComponent()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name != folder.lastPathComponent {
            let other = parent.appending(path: name)
            guard let output = FileManager.default.contents(atPath: other.appending(path: "output").path) else { continue }
            if !FileManager.default.fileExists(atPath: String(decoding: output, as: UTF8.self)) {
                FileTree.remove(other.path)
            }
        }
    }

    func searchRecords(siteRoot: URL) -> SearchRecords? {
        SearchRecords(url: Self.folder(siteRoot: siteRoot, output: URL(fileURLWithPath: output)).appending(path: "search.bin"))
    }

    /// Where a build writes its search records before `save` puts them in place.
    static func newSearchRecords(siteRoot: URL, output: URL) -> URL {
        folder(siteRoot: siteRoot, output: output).appending(path: "search.bin.new")
    }

    static func identity(of folder: URL) -> String? {
        var info = stat()
        guard stat(folder.path, &info) == 0 else { return nil }
        return "\(info.st_dev):\(info.st_ino)"
    }

    /// Whether `path` in the old output was made from `key`.
    func has(_ path: String, key: String) -> Bool { files[path] == key }
}

extension BuildCache {
    /// In the parse cache's binary form (JSON took a tenth of a second each way at 10,000 pages,
    /// a third of a build with nothing to do).
    var written: [UInt8] {
        var writer = CacheWriter()
        writer.int(Self.format)
        for text in [output, outputIdentity, inputs, binary] { writer.string(text) }
        // In the dictionaries' order: a cache is never compared byte for byte.
        writer.list(Array(files)) { $0.string($1.key); $0.name($1.value) }
        writer.list(Array(reports)) { writer, report in
            writer.string(report.key)
            writer.list(report.value) { $0.diagnostic($1) }
        }
        writer.list(diagnostics) { $0.diagnostic($1) }
        writer.list(outputFiles) { $0.string($1) }
        for count in [summary.pages, summary.files, summary.pdfs, summary.pngs] { writer.int(count) }
        writer.list(summary.bundles) { writer, bundle in
            for text in [bundle.name, bundle.title, bundle.path, bundle.contents] { writer.string(text) }
            writer.int(bundle.bytes)
            writer.int(bundle.files)
        }
        writer.list(Array(summary.bundleReferences)) { writer, page in
            writer.string(page.key)
            writer.list(page.value) { $0.name($1) }
        }
        writer.optional(summary.printNote) { $0.string($1) }
        return writer.bytes
    }

    init(reading bytes: [UInt8]) throws {
        var reader = CacheReader(bytes)
        guard try reader.int() == Self.format else { throw CacheReader.Malformed() }
        self.init(output: try reader.string(), outputIdentity: try reader.string(), inputs: try reader.string(), binary: try reader.string())
        for (path, key) in try reader.list({ (try $0.string(), try $0.string()) }) { files[path] = key }
        for (path, found) in try reader.list({ (try $0.string(), try $0.list { try $0.diagnostic() }) }) { reports[path] = found }
        diagnostics = try reader.list { try $0.diagnostic() }
        outputFiles = try reader.list { try $0.string() }
        summary = Summary(pages: try reader.int(), files: try reader.int(), pdfs: try reader.int(), pngs: try reader.int())
        summary.bundles = try reader.list { reader in
            let name = try reader.string(), title = try reader.string(), path = try reader.string(), contents = try reader.string()
            return BundleStage.Made(name: name, title: title, path: path, bytes: try reader.int(), files: try reader.int(), contents: contents)
        }
        for (page, targets) in try reader.list({ (try $0.string(), try $0.list { try $0.string() }) }) { summary.bundleReferences[page] = targets }
        summary.printNote = try reader.optional { try $0.string() }
        guard reader.atEnd else { throw CacheReader.Malformed() }
    }

    /// What a build that just replaced `output` made, for the next one. `searchParts` and
    /// `siteFiles`: the keys of the search index's parts and of the site files made from `shared`.
    init(output: URL, identity: String, inputs: BuildInputs, rendered: [RenderStage.Outcome], prints: CachedPrints,
         searchParts: [String: String] = [:], siteFiles: [String: String] = [:], outputFiles: [String], diagnostics: Diagnostics,
         summary: Summary) {
        self.init(output: output.standardizedFileURL.path, outputIdentity: identity, inputs: inputs.total, binary: inputs.binary)
        self.outputFiles = outputFiles
        for outcome in rendered {
            files[outcome.path] = outcome.key
            if let fragment = outcome.fragment { files[fragment] = outcome.key }
            if !outcome.diagnostics.all.isEmpty { reports[outcome.path] = outcome.diagnostics.all }
        }
        files.merge(prints.keys) { _, print in print }
        files.merge(searchParts) { _, part in part }
        files.merge(siteFiles) { _, file in file }
        for (path, found) in prints.printed.reports where !found.isEmpty { reports[path] = found }
        self.diagnostics = diagnostics.all
        self.summary = summary
    }
}

/// Search entries (their encoded JSON) by article key, as plain records in the cache: 64 hex digits
/// of key, a space, the length in decimal, a newline, the bytes. At 50,000 pages they are the whole
/// search index, 400 MB: a build reads only the places of the records, then the entries of the
/// index parts an edit changed; the records of the articles it reuses go into the new file as runs
/// copied by the kernel.
///
/// The places are an index after the records: for each, its key and three offsets (record, entry,
/// end), then the index's offset, its count and `magic`. Found by reading the records' headers,
/// they took reading the whole file (4 MB at 1,000 pages, 2.6 ms of a rebuild after one edit).
struct SearchRecords: Sendable {
    let file: ReadOnlyFile
    /// Where each record is, header included, and where its entry starts.
    private let places: [String: (record: Range<Int>, entry: Int)]

    fileprivate static let magic = Array("BTSRIDX1".utf8)
    fileprivate static let keyLength = 64, placeLength = 64 + 3 * 8, trailerLength = 2 * 8 + 8

    init?(url: URL) {
        guard let file = ReadOnlyFile(url: url), file.size >= Self.trailerLength,
              let trailer = file.bytes(at: file.size - Self.trailerLength, count: Self.trailerLength),
              trailer[16...].elementsEqual(Self.magic) else { return nil }
        let indexStart = Int(trailer.le64(0)), count = Int(trailer.le64(8))
        // Anything unexpected (a file cut short, another format) and the records are simply not used.
        guard count >= 0, count <= (file.size - Self.trailerLength) / Self.placeLength,
              indexStart == file.size - Self.trailerLength - count * Self.placeLength,
              let index = file.bytes(at: indexStart, count: count * Self.placeLength) else { return nil }
        var places: [String: (record: Range<Int>, entry: Int)] = [:]
        places.reserveCapacity(count)
        for at in stride(from: 0, to: index.count, by: Self.placeLength) {
            let start = Int(index.le64(at + Self.keyLength)), entry = Int(index.le64(at + Self.keyLength + 8))
            let end = Int(index.le64(at + Self.keyLength + 16))
            guard start <= entry, entry <= end, end <= indexStart else { return nil }
            places[String(decoding: index[at..<(at + Self.keyLength)], as: UTF8.self)] = (start..<end, entry)
        }
        self.file = file
        self.places = places
    }

    subscript(key: String) -> Data? {
        places[key].flatMap { file.read(at: $0.entry, count: $0.record.upperBound - $0.entry) }
    }

    /// Whether a record is kept under `key`, without reading it.
    func holds(_ key: String) -> Bool { places[key] != nil }

    /// Appends records to a new file: new ones through a buffer, those of the last build's file
    /// as runs of it; `finish` adds the index.
    struct Writer {
        let url: URL
        private let file: AppendingFile
        /// The last build's records, and the run of them that comes next in this file.
        private var source: SearchRecords?
        private var run: Range<Int>?
        /// The index so far, and the size of the records written or to be copied.
        private var index: [UInt8] = []
        private var size = 0

        init(url: URL) throws {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            self.url = url
            file = try AppendingFile(creating: url)
        }

        mutating func add(key: String, entry: Data) throws {
            try copyRun()
            let header = "\(key) \(entry.count)\n".utf8
            try file.append(header)
            try file.append(entry)
            place(key, header: header.count, entry: entry.count)
        }

        /// Puts the last build's record of `key` in this file; false if `records` has none.
        mutating func copy(key: String, from records: SearchRecords) throws -> Bool {
            guard let (record, entry) = records.places[key] else { return false }
            place(key, header: entry - record.lowerBound, entry: record.upperBound - entry)
            if let run, source?.file === records.file, run.upperBound == record.lowerBound {
                self.run = run.lowerBound..<record.upperBound
                return true
            }
            try copyRun()
            (source, run) = (records, record)
            return true
        }

        /// Notes the next record's place in the index.
        private mutating func place(_ key: String, header: Int, entry: Int) {
            precondition(key.utf8.count == SearchRecords.keyLength, "a search record's key is a SHA-256 in hex")
            index += key.utf8
            index.append(le: UInt64(size))
            index.append(le: UInt64(size + header))
            size += header + entry
            index.append(le: UInt64(size))
        }

        private mutating func copyRun() throws {
            if let run, let source { try file.append(run, of: source.file) }
            run = nil
        }

        /// Sends the pending run of the last build's records to be copied now, on the file's own
        /// thread, beside what the build does next: left to `finish`, after the zips, it was the
        /// most of saving the cache after one edit (1.7 of 3.4 ms at 1,000 pages).
        mutating func flush() throws { try copyRun() }

        /// For a build that failed: its records never replace the last good build's.
        func discard() {
            try? file.close()
            unlink(url.path)
        }

        mutating func finish() throws {
            try copyRun()
            var trailer: [UInt8] = []
            trailer.append(le: UInt64(size))
            trailer.append(le: UInt64(index.count / SearchRecords.placeLength))
            try file.append(index)
            try file.append(trailer + SearchRecords.magic)
            try file.close()
        }
    }
}

import Foundation

/// Everything a build is made from, as digests: each file under content/ and templates/,
/// the bantin binary itself and the options that change output. Two builds with equal
/// digests make the same bytes, which is what lets the build cache skip work.
struct BuildInputs: Sendable {
    /// Site-relative path ("content/posts/a.md") → SHA-256 of its bytes.
    let files: [String: String]
    /// Site-relative path of a Markdown article → SHA-256 of its front matter only.
    let frontMatter: [String: String]
    /// The binary and the options, so a new bantin or another --as-of never reuses old pages.
    let environment: String
    /// The binary alone: compressed zip entries are reused only from zips the same bantin wrote.
    let binary: String
    /// All of the above in one digest.
    let total: String
    /// What each file was on disk when it was read, for the next scan.
    let known: KnownFiles
    /// The files of content/ as listed for the scan: the loader reads exactly these.
    let content: [SiteLoader.ListedFile]
    /// `files` in the order of the listing (byte order of the paths, as listed), for keys that
    /// need them in byte order without sorting them again.
    let listed: [(path: String, digest: String)]

    /// `known`: the last scan's files; one whose size, times and inode are the same, and whose
    /// last change was well before that scan, is not read again.
    /// `binary`: `binaryIdentity()`, when the caller has it already.
    static func scan(siteRoot: URL, environment: [String], known previous: KnownFiles? = nil,
                     binary: String = binaryIdentity()) -> BuildInputs {
        let started = Date().timeIntervalSince1970
        let listings = ["content", "templates"].map { SiteLoader.listFiles(under: siteRoot.appending(path: $0)) }
        let listed = zip(["content", "templates"], listings).flatMap { folder, files in
            files.filter { !$0.leavesRoot }.map { (folder + "/" + $0.path, folder + "/" + $0.diskPath) }
        }
        // Paths joined as strings: a URL made and turned back into a path for each of 10,000
        // files was a third of a scan with nothing to read.
        let rootPath = siteRoot.path
        let digests = listed.concurrentMap { path, diskPath -> (String, String, String?, KnownFiles.File?) in
            let file = rootPath + "/" + diskPath
            var info = stat()
            guard stat(file, &info) == 0 else { return (path, Digest.sha256(Data()), path.hasSuffix(".md") ? frontMatterDigest(Data()) : nil, nil) }
            let seen = KnownFiles.Stat(info)
            if let last = previous?.files[path], last.stat == seen, previous!.settled(seen) {
                return (path, last.digest, last.frontMatter, last)
            }
            // A file past the size limits (a big scan, or one the loader will refuse) is known by
            // its size and times, not read: the point of the limits is never to hold it in memory.
            if Int(info.st_size) > max(SizeLimit.textMB, SizeLimit.reportMB) * 1_048_576 {
                return (path, "stat:\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ino)", nil, nil)
            }
            let data = FileManager.default.contents(atPath: file) ?? Data()
            let digest = Digest.sha256(data), front = path.hasSuffix(".md") ? frontMatterDigest(data) : nil
            return (path, digest, front, KnownFiles.File(stat: seen, digest: digest, frontMatter: front))
        }
        var files: [String: String] = [:], frontMatter: [String: String] = [:]
        var known = KnownFiles(scanned: started)
        for (path, digest, front, file) in digests {
            files[path] = digest
            if let front { frontMatter[path] = front }
            known.files[path] = file
        }
        let environment = digest(environment + [binary])
        let total = digest([environment] + digests.map { "\($0.0)\u{0}\($0.1)" })
        return BuildInputs(files: files, frontMatter: frontMatter, environment: environment, binary: binary, total: total, known: known,
                           content: listings[0], listed: digests.map { ($0.0, $0.1) })
    }

    /// The parts joined by U+0001, hashed from one byte buffer (no joined string, no Data copy).
    static func digest(_ parts: [String]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parts.reduce(parts.count) { $0 + $1.utf8.count })
        for (index, part) in parts.enumerated() {
            if index > 0 { bytes.append(1) }
            bytes += part.utf8
        }
        return Digest.sha256(bytes)
    }

    /// The front matter block (through its closing `---` line), or the whole file when there is
    /// none to find: then any change to the file counts as a change of its front matter.
    static func frontMatterDigest(_ data: Data) -> String {
        let bytes = [UInt8](data)
        func trimmed(_ line: ArraySlice<UInt8>) -> [UInt8] {
            Array(line.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
                .reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }.reversed())
        }
        var start = 0, lineNumber = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = trimmed(bytes[start..<end])
            if lineNumber == 0, line != Array("---".utf8) { break }
            if lineNumber > 0, line == Array("---".utf8) || line == Array("...".utf8) {
                return Digest.sha256(Data(bytes[..<end]))
            }
            lineNumber += 1
            start = end + 1
        }
        return Digest.sha256(data)
    }

    /// Size and modification time of the running executable: a rebuilt bantin renders afresh.
    static func binaryIdentity() -> String {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 || stat(CommandLine.arguments[0], &info) == 0 else { return UUID().uuidString }
        return "\(info.st_size)/\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)/\(info.st_ino)"
    }
}

/// The files a scan read, as git's index knows them: size, modification and change times and
/// inode with the digest of the bytes, so the next scan reads only files that changed (at 10,000
/// pages, reading and hashing 76 MB was most of a build with nothing to do).
///
/// A file counts as unchanged only if it was last changed at least two seconds before the scan
/// that read it: a file system that keeps whole seconds (or two, as FAT does) could otherwise hide
/// an edit made in the same second the file was read. The change time cannot be set by programs,
/// so a copy that keeps the old modification time still shows.
struct KnownFiles: Sendable {
    static let fileName = "files.bin"

    struct Stat: Equatable, Sendable {
        let size: Int, inode: Int, modified: Int, changed: Int   // times in nanoseconds

        init(size: Int, inode: Int, modified: Int, changed: Int) {
            (self.size, self.inode, self.modified, self.changed) = (size, inode, modified, changed)
        }

        init(_ info: stat) {
            self.init(size: Int(info.st_size), inode: Int(info.st_ino),
                      modified: info.st_mtim.tv_sec * 1_000_000_000 + info.st_mtim.tv_nsec,
                      changed: info.st_ctim.tv_sec * 1_000_000_000 + info.st_ctim.tv_nsec)
        }
    }

    struct File: Sendable {
        let stat: Stat
        let digest: String
        let frontMatter: String?
    }

    /// When the scan began, in seconds since 1970.
    var scanned: Double
    var files: [String: File] = [:]

    func settled(_ file: Stat) -> Bool {
        Double(max(file.modified, file.changed)) / 1e9 < scanned - 2
    }

    static func load(from folder: URL) -> KnownFiles? {
        guard let data = FileManager.default.contents(atPath: folder.appending(path: fileName).path) else { return nil }
        var reader = CacheReader([UInt8](data))
        do {
            var known = KnownFiles(scanned: try reader.double())
            for _ in 0..<(try reader.int()) {
                let path = try reader.string()
                let stat = Stat(size: try reader.int(), inode: try reader.int(), modified: try reader.int(), changed: try reader.int())
                known.files[path] = File(stat: stat, digest: try reader.string(), frontMatter: try reader.optional { try $0.string() })
            }
            return reader.atEnd ? known : nil
        } catch {
            return nil
        }
    }

    func save(in folder: URL) throws {
        var writer = CacheWriter()
        writer.double(scanned)
        writer.list(Array(files)) { writer, entry in
            writer.string(entry.key)
            for number in [entry.value.stat.size, entry.value.stat.inode, entry.value.stat.modified, entry.value.stat.changed] { writer.int(number) }
            writer.string(entry.value.digest)
            writer.optional(entry.value.frontMatter) { $0.string($1) }
        }
        try Data(writer.bytes).write(to: folder.appending(path: Self.fileName), options: .atomic)
    }
}

/// What each output file is made from: a digest that changes whenever anything that can
/// change the file's bytes changes.
///
/// Every page depends on everything that is not an article (configuration, units, campaigns,
/// progress data, assets, templates, the binary and the options) and on every article's front
/// matter (titles, dates and addresses appear in links, lists and neighbours). An article's own
/// pages (its page, print layout, fragment, PDF, PNG, search entry) depend on its whole file
/// too; an edition shows other articles whole, so it depends on every file. No other page
/// shows an article's body: lists, units, campaigns and progress show front matter only.
struct PageKeys: Sendable {
    let shared: String
    let everything: String
    let articles: [String: String]   // article id → key

    init(inputs: BuildInputs, site: Site) {
        // Read in place: copying an Article whole retains every one of its strings.
        let articlePaths = site.articles.indices.map { "content/" + site.articles[$0].sourcePath }
        let isArticle = Set(articlePaths)
        // The same bytes `BuildInputs.digest` would hash from one part per file, written straight
        // into one buffer. The scan's listing is in byte order already unless two names listed
        // the same after normalising (or a listing was not sorted): only then are they sorted.
        var files = inputs.listed
        if !zip(files, files.dropFirst()).allSatisfy({ $0.path.precedesBytewise($1.path) }) {
            files = inputs.files.sorted { $0.key.precedesBytewise($1.key) }.map { ($0.key, $0.value) }
        }
        var bytes = Array(inputs.environment.utf8)
        for (path, digest) in files {
            bytes.append(1)
            bytes += path.utf8
            bytes.append(0)
            if isArticle.contains(path) {
                bytes += "front:".utf8
                bytes += (inputs.frontMatter[path] ?? digest).utf8
            } else {
                bytes += digest.utf8
            }
        }
        shared = Digest.sha256(bytes)
        everything = BuildInputs.digest([shared, inputs.total])
        // An article's key is digest([shared, its file's digest]): the shared half and the
        // separator are kept in the buffer, the file's digest replaced for each article.
        var key = Array(shared.utf8) + [1]
        let prefix = key.count
        var articles: [String: String] = [:]
        articles.reserveCapacity(site.articles.count)
        for (index, path) in articlePaths.enumerated() {
            guard site.articles[index].edition == nil else {
                articles[site.articles[index].id] = everything
                continue
            }
            key.removeSubrange(prefix...)
            key += (inputs.files[path] ?? "").utf8
            articles[site.articles[index].id] = Digest.sha256(key)
        }
        self.articles = articles
    }

    func key(for page: Page) -> String {
        switch page {
        case let .article(article), let .printArticle(article): return articles[article.id] ?? everything
        default: return shared
        }
    }
}

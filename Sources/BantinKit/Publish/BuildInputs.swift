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

    static func scan(siteRoot: URL, environment: [String]) -> BuildInputs {
        let listed = ["content", "templates"].flatMap { folder in
            SiteLoader.listFiles(under: siteRoot.appending(path: folder)).filter { !$0.leavesRoot }
                .map { (folder + "/" + $0.path, folder + "/" + $0.diskPath) }
        }
        let digests = listed.concurrentMap { path, diskPath -> (String, String, String?) in
            let file = siteRoot.appending(path: diskPath).path
            // A file past the size limits (a big scan, or one the loader will refuse) is known by
            // its size and times, not read: the point of the limits is never to hold it in memory.
            var info = stat()
            if stat(file, &info) == 0, Int(info.st_size) > max(SizeLimit.textMB, SizeLimit.reportMB) * 1_048_576 {
                return (path, "stat:\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ino)", nil)
            }
            let data = FileManager.default.contents(atPath: file) ?? Data()
            return (path, Digest.sha256(data), path.hasSuffix(".md") ? frontMatterDigest(data) : nil)
        }
        var files: [String: String] = [:], frontMatter: [String: String] = [:]
        for (path, digest, front) in digests {
            files[path] = digest
            if let front { frontMatter[path] = front }
        }
        let binary = binaryIdentity()
        let environment = digest(environment + [binary])
        let total = digest([environment] + digests.map { "\($0.0)\u{0}\($0.1)" })
        return BuildInputs(files: files, frontMatter: frontMatter, environment: environment, binary: binary, total: total)
    }

    static func digest(_ parts: [String]) -> String { Digest.sha256(Data(parts.joined(separator: "\u{1}").utf8)) }

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
    private static func binaryIdentity() -> String {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 || stat(CommandLine.arguments[0], &info) == 0 else { return UUID().uuidString }
        return "\(info.st_size)/\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)/\(info.st_ino)"
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
        let articlePaths = Set(site.articles.map { "content/" + $0.sourcePath })
        var parts = [inputs.environment]
        for (path, digest) in inputs.files.sorted(by: { $0.key.precedesBytewise($1.key) }) {
            parts.append(path + "\u{0}" + (articlePaths.contains(path) ? "front:" + (inputs.frontMatter[path] ?? digest) : digest))
        }
        shared = BuildInputs.digest(parts)
        everything = BuildInputs.digest([shared, inputs.total])
        var articles: [String: String] = [:]
        for article in site.articles {
            articles[article.id] = article.edition != nil
                ? everything : BuildInputs.digest([shared, inputs.files["content/" + article.sourcePath] ?? ""])
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

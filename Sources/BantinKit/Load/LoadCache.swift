import Foundation

/// What the last build parsed: each article and each activity report, with what parsing them
/// reported, under the digest of the bytes (and, for a report, of its campaign and units) they
/// were parsed from. A rebuild after one edit parses that one file instead of 10,000; everything
/// that looks across files (slugs, references, editions, sorting) still runs on every build.
///
/// Kept beside the build cache of one output folder and used only by the bantin that wrote it:
/// another binary may parse differently. A failed build saves nothing, so every entry is of a
/// file that parsed.
struct LoadCache: Sendable {
    static let fileName = "parsed.bin"
    static let reportsFileName = "reports.bin"
    /// Changes whenever the form written by `save` changes.
    static let format = 4

    /// A class: an entry goes from the last build's cache to the next one's as it is, and
    /// copying its article (some forty fields) at each step was most of taking 10,000 from the cache.
    final class ParsedArticle: Sendable {
        let digest: String
        let article: Article
        let diagnostics: [Diagnostic]

        init(digest: String, article: Article, diagnostics: [Diagnostic]) {
            self.digest = digest
            self.article = article
            self.diagnostics = diagnostics
        }

        /// The article, its body read from `diskName` in `content`: the site folder may have
        /// moved since, and the name on disk is not in the cache.
        func article(in content: URL, diskName: String) -> Article {
            var article = article
            if case let .file(location, bytes) = article.bodySource {
                article.bodySource = .file(Article.BodyFile(folder: content, name: diskName, path: location.path), bytes: bytes)
            }
            return article
        }
    }

    struct ParsedReport: Sendable {
        let digest: String
        let diagnostics: [Diagnostic]
        /// From the cache, decoded when first asked for: a rebuild after one edit shows no
        /// activity, and decoding 5,000 rows was a tenth of its processor time at 1,000 pages.
        private let rows: Once<[Activity]>
        var activities: [Activity] { rows.value }

        init(digest: String, activities: [Activity], diagnostics: [Diagnostic]) {
            self.init(digest: digest, rows: Once(value: activities), diagnostics: diagnostics)
        }

        init(digest: String, rows: Once<[Activity]>, diagnostics: [Diagnostic]) {
            (self.digest, self.rows, self.diagnostics) = (digest, rows, diagnostics)
        }
    }

    var binary: String
    /// Content-relative path (`posts/a.md`) → the article parsed from it.
    var articles: [String: ParsedArticle] = [:]
    /// Content-relative path of a report → its rows.
    var reports: [String: ParsedReport] = [:]
    /// How the articles were sorted, and the digest of the fields the order depends on.
    var order: Order?
    /// Whether any report was parsed anew or is gone since the cache this one was made from.
    var reportsChanged = true

    struct Order: Sendable {
        let fields: String
        /// Positions in the loaded (path) order, in sorted order.
        let permutation: [Int]
    }

    /// What the loader needs to use and refill a cache.
    struct Use: Sendable {
        /// Site-relative path (`content/posts/a.md`) → SHA-256 of its bytes, from `BuildInputs`.
        let digests: [String: String]
        let binary: String
        let previous: LoadCache?
        /// content/ as the input scan listed it (listing 10,000 files twice took a tenth of a second).
        var listing: [SiteLoader.ListedFile]?

        /// The digest of the file, nil when it was not hashed (then it is parsed and not cached).
        func digest(of contentPath: String) -> String? { digests["content/" + contentPath] }

        /// A report's rows depend on its bytes, its campaign's definition and the units.
        func reportDigest(_ contentPath: String, campaign: String) -> String? {
            guard let own = digest(of: contentPath) else { return nil }
            return BuildInputs.digest([own, digest(of: "campaigns/\(campaign)/campaign.yaml") ?? "", digest(of: "units.yaml") ?? ""])
        }

        /// The last build's parse of the file, if its bytes are the same.
        func article(_ contentPath: String) -> ParsedArticle? {
            guard let digest = digest(of: contentPath), let parsed = previous?.articles[contentPath], parsed.digest == digest else { return nil }
            return parsed
        }

        func report(_ contentPath: String, campaign: String) -> ParsedReport? {
            guard let digest = reportDigest(contentPath, campaign: campaign), let parsed = previous?.reports[contentPath],
                  parsed.digest == digest else { return nil }
            return parsed
        }
    }

    /// `content`: the site's content folder, where the articles' bodies are read from. The two
    /// files are read on two cores.
    ///
    /// reports.bin holds each report's path, digest and warnings, then all their rows, then the
    /// SHA-256 of the rows' bytes: those are checked now and decoded when first asked for, so
    /// decoding them cannot fail later on bytes that are not the ones written.
    static func load(from folder: URL, binary: String, content: URL) -> LoadCache? {
        let parts = [fileName, reportsFileName].concurrentMap { name -> LoadCache? in
            guard var bytes = FileManager.default.contents(atPath: folder.appending(path: name).path).map({ [UInt8]($0) }) else { return nil }
            var rowsDigest = ""
            if name == reportsFileName {
                guard bytes.count >= 64 else { return nil }
                rowsDigest = String(decoding: bytes.suffix(64), as: UTF8.self)
                bytes.removeLast(64)
            }
            var reader = CacheReader(bytes)
            var cache = LoadCache(binary: binary)
            do {
                guard try reader.int() == format, try reader.string() == binary else { return nil }
                if name == reportsFileName {
                    let heads = try reader.list { reader in (path: try reader.string(), digest: try reader.string(),
                                                             diagnostics: try reader.list { try $0.diagnostic() }) }
                    guard reader.rest.withUnsafeBytes({ Digest.sha256($0) }) == rowsDigest else { return nil }
                    let rows = Once { [reader] in
                        var reader = reader
                        do {
                            let rows = try heads.map { _ in try reader.list { try $0.activity() } }
                            guard reader.atEnd else { throw CacheReader.Malformed() }
                            return rows
                        } catch {
                            preconditionFailure("reports.bin has the digest it was written with, yet does not decode: \(error)")
                        }
                    }
                    for (index, head) in heads.enumerated() {
                        cache.reports[head.path] = ParsedReport(digest: head.digest, rows: Once { rows.value[index] }, diagnostics: head.diagnostics)
                    }
                    return cache
                } else {
                    for _ in 0..<(try reader.int()) {
                        let path = try reader.string(), digest = try reader.string()
                        // The body's file is set when the article is used (`Use.article`), from its
                        // name on disk.
                        let article = try reader.article(bodyIn: content)
                        cache.articles[path] = ParsedArticle(digest: digest, article: article, diagnostics: try reader.list { try $0.diagnostic() })
                    }
                    cache.order = try reader.optional { reader in Order(fields: try reader.string(), permutation: try reader.list { try $0.int() }) }
                }
                return reader.atEnd ? cache : nil
            } catch {
                return nil
            }
        }
        guard var cache = parts[0], let reports = parts[1] else { return nil }
        cache.reports = reports.reports
        return cache
    }

    /// The reports' file is written only when a report was parsed anew or is gone: a ward's
    /// reports change less often than its news, and they are most of the cache (50,000 rows).
    func save(in folder: URL) throws {
        var writer = headedWriter()
        // In the dictionaries' order: a cache is never compared byte for byte.
        writer.list(Array(articles)) { writer, entry in
            writer.string(entry.key)
            writer.string(entry.value.digest)
            writer.article(entry.value.article)
            writer.list(entry.value.diagnostics) { $0.diagnostic($1) }
        }
        writer.optional(order) { writer, order in
            writer.string(order.fields)
            writer.list(order.permutation) { $0.int($1) }
        }
        try Data(writer.bytes).write(to: folder.appending(path: Self.fileName), options: .atomic)
        let reportsFile = folder.appending(path: Self.reportsFileName)
        guard reportsChanged || !FileManager.default.fileExists(atPath: reportsFile.path) else { return }
        var reportsWriter = headedWriter()
        let entries = Array(reports)
        reportsWriter.list(entries) { writer, entry in
            writer.string(entry.key)
            writer.string(entry.value.digest)
            writer.list(entry.value.diagnostics) { $0.diagnostic($1) }
        }
        let rowsStart = reportsWriter.bytes.count
        for entry in entries { reportsWriter.list(entry.value.activities) { $0.activity($1) } }
        let rowsDigest = reportsWriter.bytes[rowsStart...].withUnsafeBytes { Digest.sha256($0) }
        try Data(reportsWriter.bytes + Array(rowsDigest.utf8)).write(to: reportsFile, options: .atomic)
    }

    /// Both files start with the form's number and the binary that wrote them.
    private func headedWriter() -> CacheWriter {
        var writer = CacheWriter()
        writer.int(Self.format)
        writer.string(binary)
        return writer
    }
}

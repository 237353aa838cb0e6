import Foundation
import Synchronization
import VietText

/// Walks `content/` and builds the validated, immutable Site model, collecting every problem.
public enum SiteLoader {
    public static let sectionFolders: [String: Article.Section] = [
        "documents": .documents, "messages": .messages, "posts": .posts, "reports": .reports, "handouts": .handouts, "editions": .editions,
    ]
    /// Bodies are held from loading to rendering up to this many bytes in all; past it (a site of
    /// years of archives: 380 MB at 50,000 pages) they are read again when rendered.
    static let heldBodyBytes = 64 << 20

    /// Data formats read by later stages; never copied to the output as assets.
    static let dataExtensions: Set<String> = ["md", "yaml", "yml", "csv", "xlsx"]

    public static func load(siteRoot: URL, asOf: VietDate = BuildDate.resolve()) -> (site: Site?, diagnostics: Diagnostics) {
        let loaded = load(siteRoot: siteRoot, asOf: asOf, cache: nil)
        return (loaded.site, loaded.diagnostics)
    }

    /// `cache`: the files' digests and the last build's parsed files; `parsed` is then what this
    /// load parsed or reused, for the next build.
    /// `holdingBodies`: how many bytes of bodies to hold (tests of bodies read again pass 0).
    static func load(siteRoot: URL, asOf: VietDate, cache: LoadCache.Use?,
                     holdingBodies: Int = heldBodyBytes) -> (site: Site?, diagnostics: Diagnostics, parsed: LoadCache?) {
        var diagnostics = Diagnostics()
        var parsed = cache.map { LoadCache(binary: $0.binary) }
        let content = siteRoot.appending(path: "content")
        func read(_ file: ListedFile) -> TextFile? {
            TextFile.read(content.appending(path: file.diskPath), relativePath: "content/" + file.path, into: &diagnostics)
        }

        // One pass over the listing, each path split once: what each file is, and the files no
        // zip or output can hold. (A pass for each, splitting every path twice, and a map of every
        // path to its name on disk were a tenth of loading a rebuild after one edit at 10,000 pages.)
        var siteFile: ListedFile?, unitsFile: ListedFile?
        var campaignFiles: [(id: String, file: ListedFile)] = []
        var progressFiles: [(campaign: String, file: ListedFile)] = []
        var articleFiles: [(file: ListedFile, section: Article.Section)] = []
        var assets: [Asset] = []
        var kept: ListedFile?
        for listed in cache?.listing ?? listFiles(under: content) {
            // A link out of content/ would publish whatever it points at.
            if listed.leavesRoot {
                diagnostics.error(SourceRef(file: "content/" + listed.path), "this is a link to a file outside content/, which is never published",
                                  hint: "copy the file into content/ instead of linking to it")
                continue
            }
            // Names are NFC inside Bantin, but the disk may hold NFD names (macOS, some zip tools).
            // Two names that are the same once normalised are neighbours in the sorted listing;
            // both are read from the first one's file.
            var file = listed
            if let kept, kept.path == file.path { file = ListedFile(path: file.path, diskPath: kept.diskPath) }
            kept = file
            let path = file.path, parts = pathParts(path)
            // A device name breaks the zips on Windows.
            if let name = parts.first(where: PathRules.isWindowsReserved) {
                diagnostics.error(SourceRef(file: "content/" + path), "`\(name)` is a name Windows keeps for a device: the file could not be unzipped there",
                                  hint: "rename it")
            }
            let ext = Self.pathExtension(parts.last ?? "")
            if path == "site.yaml" {
                if siteFile == nil { siteFile = file }
            } else if path == "units.yaml" {
                if unitsFile == nil { unitsFile = file }
            } else if parts.count == 3, parts[0] == "campaigns", parts[2] == "campaign.yaml" {
                campaignFiles.append((parts[1], file))
            } else if parts.count == 4, parts[0] == "campaigns", parts[2] == "progress", ["csv", "xlsx"].contains(ext) {
                if !parts[3].hasPrefix("~$") { progressFiles.append((parts[1], file)) }   // "~$…" are Excel lock files
            } else if parts.count == 2, ext == "md", let section = sectionFolders[parts[0]] {
                articleFiles.append((file, section))
            } else if ext == "md" {
                if parts.first != "campaigns" {
                    diagnostics.warning(SourceRef(file: "content/" + path), "this Markdown file is not in a known section and is not published",
                                        hint: "put it in one of: " + sectionFolders.keys.sorted().joined(separator: ", "))
                }
            } else if !dataExtensions.contains(ext) {
                assets.append(Asset(path: path, source: content.appending(path: file.diskPath)))
            }
        }

        guard let siteFile else {
            diagnostics.error(SourceRef(file: "content/site.yaml"), "the site has no content/site.yaml",
                              hint: "run the command in the site folder (the one holding content/), or create one with `bantin init`")
            return (nil, diagnostics, nil)
        }
        let config = read(siteFile).flatMap { ConfigLoader.load($0, into: &diagnostics) }

        var kinds = UnitKind.defaults, units: [Unit] = []
        // A units.yaml that exists but cannot be read says nothing about which units exist: its own
        // error is the one to show, not "unknown unit" at every reference to one.
        var unitsKnown = true
        if let unitsFile {
            if let file = read(unitsFile), let loaded = UnitsLoader.load(file, into: &diagnostics) {
                (kinds, units) = loaded
            } else {
                unitsKnown = false
            }
        }
        let roster = unitsKnown ? (kinds: kinds, units: units) : nil

        var campaigns: [(Campaign, SourceRef?)] = []
        // Campaigns whose campaign.yaml is there but broken: that file's errors are reported, the
        // references to the campaign and its reports are not checked.
        var brokenCampaigns: Set<String> = []
        for (id, file) in campaignFiles {
            if VietText.slug(id) != id {
                diagnostics.error(SourceRef(file: "content/" + file.path), "campaign folder `\(id)` must be lowercase ASCII letters, digits and hyphens",
                                  hint: "rename it to `\(VietText.slug(id))`")
                brokenCampaigns.insert(id)
                continue
            }
            if let text = read(file), let loaded = CampaignLoader.load(text, id: id, roster: roster, into: &diagnostics) {
                campaigns.append(loaded)
            } else {
                brokenCampaigns.insert(id)
            }
        }

        // Every row of a report names a unit and fills the campaign's indicators: without both
        // files read, each row would be an error of their making.
        var reports: [(file: ListedFile, campaign: Campaign)] = []
        var orphanReports = Diagnostics()
        for (id, file) in progressFiles where !brokenCampaigns.contains(id) {
            guard let campaign = campaigns.first(where: { $0.0.id == id })?.0 else {
                orphanReports.error(SourceRef(file: "content/" + file.path), "the folder has no campaign.yaml, so this report belongs to no campaign")
                continue
            }
            if unitsKnown { reports.append((file, campaign)) }
        }
        // Reports are independent of each other (a ward keeps one per unit, or per month) and of
        // the articles, so they are read beside them: after them, one big report (45,000 rows)
        // kept one core busy and the other idle for a twentieth of a full build.
        let knownUnits = units
        let reportsLoad = Background { [reports] in
            reports.concurrentMap { file, campaign -> LoadCache.ParsedReport in
                if let reused = cache?.report(file.path, campaign: campaign.id) { return reused }
                var found = Diagnostics()
                let rows = ProgressLoader.load(content.appending(path: file.diskPath), relativePath: "content/" + file.path,
                                               campaign: campaign, units: knownUnits, into: &found)
                // Without a cache there is no parse cache to keep it in, nor a digest to keep it under.
                return LoadCache.ParsedReport(digest: cache?.reportDigest(file.path, campaign: campaign.id) ?? "", activities: rows,
                                              diagnostics: found.all)
            }
        }

        // The last build's parse of each file whose bytes are the same: two lookups each, taken
        // here and kept as they are, not sent to other cores and copied back with the rest.
        let reusable = articleFiles.map { file, section in
            cache?.article(file.path).flatMap { $0.article.section == section ? $0 : nil }
        }
        // The others are independent of each other: read and parse them on every core. What the
        // next build's cache keeps of each is made there too, not in the serial pass after.
        // An atomic count rather than a Mutex: the thread sanitizer does not see Synchronization's
        // lock and took every change of a guarded count for a race.
        let bodyBudget = Atomic<Int>(holdingBodies)
        let toParse = articleFiles.indices.filter { reusable[$0] == nil }.map { articleFiles[$0] }
        let parsedAnew = toParse.concurrentMap { file, section -> LoadedArticle in
            let location = Article.BodyFile(folder: content, name: file.diskPath, path: "content/" + file.path)
            var found = Diagnostics()
            let article = TextFile.read(location.url, relativePath: location.path, into: &found).flatMap {
                ArticleLoader.load($0, section: section, contentPath: file.path, bodyFile: location, keepBody: { bytes in
                    var left = bodyBudget.load(ordering: .relaxed)
                    while left >= bytes {
                        let (taken, seen) = bodyBudget.compareExchange(expected: left, desired: left - bytes, ordering: .relaxed)
                        if taken { return true }
                        left = seen
                    }
                    return false
                }, into: &found)
            }
            guard let article, let digest = cache?.digest(of: file.path) else {
                return LoadedArticle(article: article, diagnostics: found.all, parsed: nil)
            }
            // The cache never holds a body: a held one is kept as where to read it.
            var stored = article
            if case let .text(body) = article.bodySource { stored.bodySource = .file(location, bytes: body.utf8.count) }
            return LoadedArticle(article: article, diagnostics: found.all,
                                 parsed: LoadCache.ParsedArticle(digest: digest, article: stored, diagnostics: found.all))
        }
        var articles: [Article] = []
        articles.reserveCapacity(articleFiles.count)
        var brokenArticles: Set<String> = []
        var parsedArticles: [String: LoadCache.ParsedArticle] = [:]
        parsedArticles.reserveCapacity(cache == nil ? 0 : articleFiles.count)
        var nextAnew = parsedAnew.startIndex   // the files parsed anew come in the files' order
        for index in articleFiles.indices {
            let file = articleFiles[index].file
            if let entry = reusable[index] {
                diagnostics.append(contentsOf: entry.diagnostics)
                articles.append(entry.article(in: content, diskName: file.diskPath))
                parsedArticles[file.path] = entry
                continue
            }
            // Each part on its own: the whole result copied would copy its article with it.
            let loaded = nextAnew
            nextAnew += 1
            diagnostics.append(contentsOf: parsedAnew[loaded].diagnostics)
            if let article = parsedAnew[loaded].article {
                articles.append(article)
                if let entry = parsedAnew[loaded].parsed { parsedArticles[file.path] = entry }
            } else {
                brokenArticles.insert(file.path)
            }
        }
        parsed?.articles = parsedArticles

        diagnostics.append(contentsOf: orphanReports)
        let loadedReports = reportsLoad.value()
        for (report, loaded) in zip(reports, loadedReports) {
            diagnostics.append(contentsOf: loaded.diagnostics)
            parsed?.reports[report.file.path] = loaded
        }
        // The rows of the reports taken from the cache are decoded only if a page shows them.
        let activities = Once { loadedReports.flatMap(\.activities) }
        if let previous = cache?.previous {
            parsed?.reportsChanged = zip(reports, loadedReports).contains { previous.reports[$0.file.path]?.digest != $1.digest }
                || Set(previous.reports.keys) != Set(reports.map(\.file.path))
        }

        uniqueSlugs(&articles, into: &diagnostics)
        checkReferences(articles: &articles, campaigns: campaigns, brokenCampaigns: brokenCampaigns, units: unitsKnown ? units : nil,
                        brokenArticles: brokenArticles, config: config, into: &diagnostics)
        resolveEditions(&articles, assets: Set(assets.map(\.path)), brokenArticles: brokenArticles, into: &diagnostics)

        guard let config else { return (nil, diagnostics, nil) }
        sortArticles(&articles, cache: cache, into: &parsed)
        var site = Site(config: config, kinds: kinds, units: units, campaigns: campaigns.map(\.0),
                        articles: articles, assets: assets, activityRows: activities, asOf: asOf)
        site.brokenCampaigns = brokenCampaigns
        site.unitsAreKnown = unitsKnown
        site.brokenArticles = brokenArticles
        return (site, diagnostics, parsed)
    }

    /// A path's names between slashes, as `split(separator: "/")` gives them (`slashParts`).
    static func pathParts(_ path: String) -> [String] { path.slashParts().map(String.init) }

    /// The lowercased extension of a file name ("" for none, or a name that starts with its only dot),
    /// as NSString's `pathExtension` gives it but without bridging each of 10,000 paths.
    static func pathExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// One article file as loaded: the article (nil when it did not load), what loading it
    /// reported, and what the next build's parse cache keeps of it (nil without a digest).
    struct LoadedArticle: Sendable {
        let article: Article?
        let diagnostics: [Diagnostic]
        let parsed: LoadCache.ParsedArticle?
    }

    /// A file found on disk: its NFC path for everything Bantin does, its real name for reading.
    struct ListedFile {
        let path: String
        let diskPath: String
        /// A symbolic link whose target is outside the listed folder: never read, never published.
        var leavesRoot = false
    }

    /// Every regular file under a folder, relative, sorted byte-wise for reproducible runs (unless
    /// the caller only looks files up: sorting the output's 20,000 paths took longer than listing them).
    static func listFiles(under root: URL, sorted: Bool = true) -> [ListedFile] {
        var files: [ListedFile] = []
        // readdir and the entry's type, not URL resource values: a listing runs over every file of
        // the site and of the output several times a build. Hidden entries are skipped; a symbolic
        // link is asked about as before (it counts if it is a regular file) and never descended into.
        let rootPath = root.path   // URL.path builds a string each time: asked once, not per folder
        func walk(_ relative: String) {
            let folder = relative.isEmpty ? rootPath : rootPath + "/" + relative
            guard let dir = opendir(folder) else { return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard !name.hasPrefix(".") else { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_DIR): walk(path)
                case Int32(DT_REG): files.append(ListedFile(path: VietText.nfc(path), diskPath: path))
                default:
                    let url = root.appending(path: path)
                    let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey, .isSymbolicLinkKey])
                    let base = root.resolvingSymlinksInPath().path, target = url.resolvingSymlinksInPath().path
                    if values?.isSymbolicLink == true, !target.hasPrefix(base + "/") {
                        files.append(ListedFile(path: VietText.nfc(path), diskPath: path, leavesRoot: true))
                        continue
                    }
                    if values?.isRegularFile == true {
                        files.append(ListedFile(path: VietText.nfc(path), diskPath: path))
                    } else if values?.isDirectory == true, values?.isSymbolicLink != true {
                        walk(path)
                    }
                }
            }
        }
        walk("")
        return sorted ? files.sorted { $0.path.precedesBytewise($1.path) } : files
    }

    /// Two files of a section must not publish to the same address; the later one gets a suffix.
    /// In place, and owners kept by index and named only for a warning: building an address and
    /// a path string for each of 10,000 articles, and copying each article, was most of the time.
    /// The owners are indexed from the first collision on: most sites have none.
    private static func uniqueSlugs(_ articles: inout [Article], into diagnostics: inout Diagnostics) {
        struct Address: Hashable {
            let section: Article.Section, slug: String
        }
        var sluggers: [Article.Section: Slugger] = [:]
        var firstOwner: [Address: Int]?
        for index in articles.indices {
            let section = articles[index].section, slug = articles[index].slug
            // Claimed in place: a copy taken out of the dictionary would copy its whole set each time.
            let claimed = sluggers[section, default: Slugger()].claim(slug)
            if claimed.collided {
                // The articles before this one hold the addresses they claimed: each is its address's owner.
                if firstOwner == nil {
                    firstOwner = Dictionary(articles[..<index].indices.map { (Address(section: articles[$0].section, slug: articles[$0].slug), $0) },
                                            uniquingKeysWith: { first, _ in first })
                }
                let owner = firstOwner?[Address(section: section, slug: slug)].map { "content/" + articles[$0].sourcePath } ?? "another file"
                diagnostics.warning(articles[index].ref, "the address `\(slug)` is already used by \(owner); this page is published as `\(claimed.slug)`",
                                    hint: "give one of them a different file name or a `slug:`")
                articles[index].slug = claimed.slug
            }
            firstOwner?[Address(section: section, slug: claimed.slug)] = index
        }
    }

    /// `units` is nil when units.yaml could not be read: references to units are then not checked.
    /// A letter's form is checked against Decree 30 in the same pass. Fields are read in place: a
    /// copy of each article, taken to read while the array is changed, was most of this pass.
    private static func checkReferences(articles: inout [Article], campaigns: [(Campaign, SourceRef?)], brokenCampaigns: Set<String>,
                                        units: [Unit]?, brokenArticles: Set<String>, config: SiteConfig?, into diagnostics: inout Diagnostics) {
        let campaignIDs = Set(campaigns.map(\.0.id)), unitIDs = units.map { Set($0.map(\.id)) }
        var documentSlugs: Set<String> = []
        for index in articles.indices {
            if articles[index].section == .documents { documentSlugs.insert(articles[index].slug) }
            if let campaign = articles[index].campaign, !campaignIDs.contains(campaign), !brokenCampaigns.contains(campaign) {
                diagnostics.error(articles[index].fieldRefs["campaign"] ?? articles[index].ref, "unknown campaign `\(campaign)`",
                                  hint: Suggest.closest(to: campaign, in: Array(campaignIDs)).map { "did you mean `\($0)`?" }
                                      ?? "campaigns are the folders of content/campaigns/")
            }
            if let unit = articles[index].unit, let units, let unitIDs, !unitIDs.contains(unit) {
                let byName = units.first { VietText.fold($0.name) == VietText.fold(unit) }
                diagnostics.error(articles[index].fieldRefs["unit"] ?? articles[index].ref, "unknown unit `\(unit)`",
                                  hint: (byName.map { "use the unit id `\($0.id)`" })
                                      ?? Suggest.closest(to: unit, in: Array(unitIDs)).map { "did you mean `\($0)`?" })
            }
            guard articles[index].letter != nil else { continue }
            Decree30Lint.check(articles[index], into: &diagnostics)
            if articles[index].letter?.place.isEmpty == true, let place = config?.organization.place {
                articles[index].letter?.place = place
            }
        }
        for (campaign, documentRef) in campaigns {
            if let document = campaign.documentID, !documentSlugs.contains(document), !brokenArticles.contains("documents/\(document).md") {
                diagnostics.error(documentRef ?? campaign.ref, "campaign `\(campaign.id)` names the document `\(document)`, which does not exist",
                                  hint: Suggest.closest(to: document, in: Array(documentSlugs)).map { "did you mean `\($0)`?" }
                                      ?? "documents are the files of content/documents/, named by their file name without .md")
            }
        }
    }

    /// Turns each edition's `includes` into article ids, in the order written.
    /// An include naming a file of `brokenArticles` is not reported: that file's own errors are.
    private static func resolveEditions(_ articles: inout [Article], assets: Set<String>, brokenArticles: Set<String>,
                                        into diagnostics: inout Diagnostics) {
        // Most sites have no edition, or a few: the articles they may include are copied out only then.
        let editions = articles.indices.filter { articles[$0].edition != nil }
        guard !editions.isEmpty else { return }
        let candidates = articles.filter { $0.section != .editions }
        for index in editions {
            guard var edition = articles[index].edition else { continue }
            for (text, ref) in edition.includes {
                var name = text.hasPrefix("./") ? String(text.dropFirst(2)) : text
                if name.hasSuffix(".md") { name = String(name.dropLast(3)) }
                let parts = name.split(separator: "/").map(String.init)
                let matches = candidates.filter { article in
                    if parts.count == 2 {
                        return (sectionFolders[parts[0]] == article.section || Routes.folder(article.section) == parts[0])
                            && (article.slug == parts[1] || article.sourcePath == "\(parts[0])/\(parts[1]).md")
                    }
                    return article.slug == name
                }
                if matches.count == 1 {
                    if edition.articles.contains(matches[0].id) {
                        diagnostics.warning(ref, "`\(text)` is included twice; it is printed once")
                    } else {
                        edition.articles.append(matches[0].id)
                    }
                } else if matches.isEmpty {
                    let named = parts.count == 2 ? "\(parts[0])/\(parts[1]).md" : nil
                    if brokenArticles.contains(where: { $0 == named || (parts.count == 1 && ($0 as NSString).lastPathComponent == name + ".md") }) {
                        continue
                    }
                    let hint = Suggest.closest(to: name, in: candidates.map { "\(($0.sourcePath as NSString).deletingPathExtension)" }, maxDistance: 8)
                        .map { "did you mean `\($0).md`?" } ?? "name a file of posts/, messages/, handouts/, documents/ or reports/"
                    diagnostics.error(ref, "the edition includes `\(text)`, which does not exist", hint: hint)
                } else {
                    diagnostics.error(ref, "`\(text)` matches several articles: " + matches.map { "content/" + $0.sourcePath }.joined(separator: ", "),
                                      hint: "write the folder too, e.g. `posts/\(name).md`")
                }
            }
            if let cover = edition.cover, !assets.contains(cover) {
                diagnostics.error(articles[index].fieldRefs["cover"] ?? articles[index].ref, "the cover image content/\(cover) does not exist",
                                  hint: "give its path inside content/, e.g. images/bia-so-1.jpg")
            }
            articles[index].edition = edition
        }
    }

    /// Newest first by date, then by title; messages by their order. The order depends on those
    /// fields alone: when none of them changed since the last build, its order is taken as it was
    /// (collating 10,000 titles was a tenth of a one-page rebuild).
    private static func sortArticles(_ articles: inout [Article], cache: LoadCache.Use?, into parsed: inout LoadCache?) {
        let fields = orderFieldsDigest(articles)
        if let last = cache?.previous?.order, last.fields == fields, isPermutation(last.permutation, count: articles.count) {
            parsed?.order = last
            reorder(&articles, by: last.permutation)
            return
        }
        let permutation = sortedIndices(articles)
        parsed?.order = LoadCache.Order(fields: fields, permutation: permutation)
        reorder(&articles, by: permutation)
    }

    /// Whether `permutation` holds each of `0..<count` once (a set of 10,000 numbers hashed them all).
    static func isPermutation(_ permutation: [Int], count: Int) -> Bool {
        guard permutation.count == count else { return false }
        var seen = [Bool](repeating: false, count: count)
        for position in permutation {
            guard seen.indices.contains(position), !seen[position] else { return false }
            seen[position] = true
        }
        return true
    }

    /// Puts `items[permutation[i]]` at `i`, for a permutation of the indices, by swapping along
    /// its cycles: mapping the permutation to a new array copied every article (some forty
    /// fields to retain) and then freed the old ones.
    /// Swapped in the array's buffer, where a swap moves the bytes (Array's own copied each item).
    static func reorder<Item>(_ items: inout [Item], by permutation: [Int]) {
        precondition(permutation.count == items.count)
        var placed = [Bool](repeating: false, count: items.count)
        items.withUnsafeMutableBufferPointer { buffer in
            for start in buffer.indices where !placed[start] {
                // `start`'s item travels along the cycle, each position taking the item it is given.
                var position = start
                while permutation[position] != start {
                    let next = permutation[position]
                    buffer.swapAt(position, next)
                    placed[position] = true
                    position = next
                }
                placed[position] = true
            }
        }
    }

    /// `BuildInputs.digest` of each article's section, order, day, title and slug joined by NULs,
    /// written straight into one buffer (a string per article, then the joined one, was a third of
    /// the time the order saves). The same bytes, so the digest is the one the last build saved.
    static func orderFieldsDigest(_ articles: [Article]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(articles.count * 128)
        // Fields read in place: enumerating the articles copied each one, most of this digest's time.
        for index in articles.indices {
            if index > 0 { bytes.append(1) }
            bytes.append(contentsOf: articles[index].section.rawValue.utf8)
            bytes.append(0)
            bytes.append(contentsOf: String(articles[index].order ?? -1).utf8)
            bytes.append(0)
            bytes.append(contentsOf: String(articles[index].date?.dayNumber ?? -1).utf8)
            bytes.append(0)
            bytes.append(contentsOf: articles[index].title.utf8)
            bytes.append(0)
            bytes.append(contentsOf: articles[index].slug.utf8)
        }
        return Digest.sha256(Data(bytes))
    }

    private static func sortedIndices(_ articles: [Article]) -> [Int] {
        // Collation keys are computed once per title, not once per comparison, and the sort moves
        // small records, not articles (each a struct of some forty fields to retain and release).
        struct Sortable {
            let index: Int, section: Int, order: Int, day: Int?, key: VietCollation.Key, slug: String
        }
        let sections = Dictionary(uniqueKeysWithValues: Article.Section.allCases.sorted { $0.rawValue < $1.rawValue }.enumerated().map { ($1, $0) })
        let keyed = articles.indices.map { $0 }.concurrentMap { index in
            let article = articles[index]
            return Sortable(index: index, section: sections[article.section]!, order: article.section == .messages ? article.order ?? .max : 0,
                            day: article.date?.dayNumber, key: VietCollation.key(article.title), slug: article.slug)
        }
        return keyed.sorted { a, b in
            if a.section != b.section { return a.section < b.section }
            if a.order != b.order { return a.order < b.order }
            if a.day != b.day, let da = a.day, let db = b.day { return da > db }
            if a.key != b.key { return a.key < b.key }
            return a.slug < b.slug
        }.map(\.index)
    }
}

import Foundation
import Testing

/// The build cache may only ever save time: after every kind of edit, a build that used it must
/// leave exactly the bytes a clean build makes.
@Suite("Build cache")
struct BuildCacheTests {
    /// A `bantin init` site built once into public/, so the cache is warm. Hold on to it: the
    /// folder is removed when it is let go.
    private func warmSite() throws -> (site: TempSite, folder: URL) {
        let temp = try TempSite()
        let folder = temp.root.appending(path: "site")
        #expect(try Bantin.run(["init", folder.path]).status == 0)
        let first = try Bantin.run(["build", "--no-print", "--as-of", "2026-03-31", "--site", folder.path])
        #expect(first.status == 0, "\(first.stderr)")
        return (temp.inside("site"), folder)
    }

    /// Builds with the cache into public/ and without it into a folder of its own; both must match.
    @discardableResult
    private func expectCachedEqualsClean(_ folder: URL, _ what: Comment) throws -> String {
        let cached = try Bantin.run(["build", "--no-print", "--as-of", "2026-03-31", "--site", folder.path])
        #expect(cached.status == 0, "\(what): \(cached.stderr)")
        // The caches of the clean builds' folders, deleted since, went when this build saved its own.
        let caches = try FileManager.default.contentsOfDirectory(atPath: folder.appending(path: ".bantin-cache").path)
        #expect(caches.count == 1, "\(what): \(caches)")
        let clean = folder.deletingLastPathComponent().appending(path: "clean-\(UUID().uuidString)")
        let fresh = try Bantin.run(["build", "--no-print", "--clean", "--force", "--as-of", "2026-03-31", "--site", folder.path, "--output", clean.path])
        #expect(fresh.status == 0, "\(what): \(fresh.stderr)")
        let a = try tree(folder.appending(path: "public")), b = try tree(clean)
        #expect(a.count > 40, what)
        let different = Set(a.keys).symmetricDifference(b.keys).sorted() + a.keys.filter { b[$0] != nil && a[$0] != b[$0] }.sorted()
        #expect(different.isEmpty, "\(what): differs from a clean build in \(different.prefix(10))")
        // Nor a folder more or less: a recycled output must lose the folders of deleted pages.
        let extraFolders = try folders(folder.appending(path: "public")).symmetricDifference(try folders(clean))
        #expect(extraFolders.isEmpty, "\(what): folders differ from a clean build's: \(extraFolders.sorted().prefix(10))")
        try FileManager.default.removeItem(at: clean)
        return cached.stdout
    }

    private func edit(_ site: TempSite, _ path: String, _ change: (String) -> String) throws {
        let before = try site.read(path)
        let after = change(before)
        #expect(after != before, "the edit of \(path) changed nothing")
        try site.write(path, after)
    }

    @Test func aBuildWithNothingChangedDoesNothingAndSaysSo() throws {
        let (site, folder) = try warmSite()
        defer { withExtendedLifetime(site) {} }
        let before = try tree(folder.appending(path: "public"))
        let again = try Bantin.run(["build", "--no-print", "--as-of", "2026-03-31", "--site", folder.path])
        #expect(again.status == 0)
        #expect(again.stdout.contains("nothing changed since the last build"), "\(again.stdout)")
        #expect(try tree(folder.appending(path: "public")) == before)
        // Another day is another input: progress is measured as of it.
        let later = try Bantin.run(["build", "--no-print", "--as-of", "2026-04-30", "--site", folder.path])
        #expect(!later.stdout.contains("nothing changed"), "\(later.stdout)")
    }

    @Test func aBodyEditRendersOnlyThatArticleAndMatchesACleanBuild() throws {
        let (site, folder) = try warmSite()
        try edit(site, "content/posts/khai-mac.md") { $0 + "\nThêm một câu ở cuối bài.\n" }
        let out = try expectCachedEqualsClean(folder, "body of a post")
        // Everything but the post (its page, fragment and nothing else) came from the last build.
        let reused = try #require(out.firstMatch(of: /(\d+) of (\d+) pages and prints reused/), "\(out)")
        #expect(Int(reused.1)! == Int(reused.2)! - 1, "\(out)")
        #expect(try site.read("public/tin-tuc/khai-mac/index.html").contains("Thêm một câu ở cuối bài."))
    }

    @Test func filesAnEditLeavesAsTheyWereAreLinkedFromTheLastBuild() throws {
        let (site, folder) = try warmSite()
        // A unit's bundle that holds nothing the edit changed is the last build's zip, linked. The
        // tallies, the feed and the sitemap are made from everything but the bodies, and linked by
        // that key without being made (`everyKindOfEditMatchesACleanBuild` changes what they show).
        let kept = ["robots.txt", "assets/style.css", "bundles/tdp-01.zip", "bundles/thcs.zip", "sitemap.xml", "feed.xml",
                    "chien-dich/vi-du/tally.csv", "chien-dich/vi-du/tally.json"]
        func inodes() throws -> [Int] {
            try kept.map { try #require(FileManager.default.attributesOfItem(atPath: folder.appending(path: "public/\($0)").path)[.systemFileNumber] as? Int) }
        }
        let before = try inodes()
        try edit(site, "content/posts/khai-mac.md") { $0 + "\nThêm một câu ở cuối bài.\n" }
        // The zips copy them unread from the last build's zips, and still match a clean build.
        try expectCachedEqualsClean(folder, "body of a post")
        #expect(try inodes() == before)
    }

    /// The search index comes in parts of 200 entries: after one article's body changes only its
    /// part is written again; the others are linked from the last build, put together from the
    /// keys of their entries without reading them.
    @Test func aBodyEditWritesOnlyItsPartOfTheSearchIndex() throws {
        let (site, folder) = try warmSite()
        for number in 1...450 {
            try site.write("content/posts/bai-\(number).md",
                           "---\ntitle: \"Bài số \(number)\"\ndate: 2026-01-\(String(format: "%02d", number % 28 + 1))\n---\nNội dung bài \(number).\n")
        }
        try expectCachedEqualsClean(folder, "450 new posts")
        let parts = try FileManager.default.contentsOfDirectory(atPath: folder.appending(path: "public/assets").path)
            .filter { $0.hasPrefix("search-index") }.sorted()
        #expect(parts.count == 3, "\(parts)")
        func inodes() throws -> [String: Int] {
            try Dictionary(uniqueKeysWithValues: parts.map { part in
                (part, try #require(FileManager.default.attributesOfItem(atPath: folder.appending(path: "public/assets/\(part)").path)[.systemFileNumber] as? Int))
            })
        }
        let before = try inodes()
        try edit(site, "content/posts/bai-300.md") { $0 + "Câu thêm vào để tìm kiếm.\n" }
        try expectCachedEqualsClean(folder, "body of one of 450 posts")
        let after = try inodes()
        let written = parts.filter { before[$0] != after[$0] }
        #expect(written.count == 1, "\(written)")
        #expect(try site.read("public/assets/\(try #require(written.first))").contains("Câu thêm vào để tìm kiếm."))
    }

    /// The output a build replaces is kept in the cache folder, and the next build takes it as its
    /// staging folder: files shared with the live output stay as they are, the others are replaced
    /// with new files, never written into, so the live site is untouched until the swap.
    @Test func theReplacedOutputIsRecycledByTheNextBuild() throws {
        let (site, folder) = try warmSite()
        let public_ = folder.appending(path: "public")
        func inode(_ path: URL) throws -> Int {
            try #require(FileManager.default.attributesOfItem(atPath: path.path)[.systemFileNumber] as? Int)
        }
        let firstFolder = try inode(public_), robots = try inode(public_.appending(path: "robots.txt"))
        let firstPage = try site.read("public/tin-tuc/khai-mac/index.html")
        try edit(site, "content/posts/khai-mac.md") { $0 + "\nCâu thứ nhất.\n" }
        try expectCachedEqualsClean(folder, "a first edit")
        // The cache of public/, not that of the clean build's folder, deleted since.
        let caches = try FileManager.default.contentsOfDirectory(at: folder.appending(path: ".bantin-cache"), includingPropertiesForKeys: nil)
        let cache = try #require(caches.first { (try? String(contentsOf: $0.appending(path: "output"), encoding: .utf8)) == public_.path })
        let spare = cache.appending(path: "spare")
        // The first build's output, as it was: the edited page as before, the rest shared.
        #expect(try inode(spare) == firstFolder)
        #expect(try String(contentsOf: spare.appending(path: "tin-tuc/khai-mac/index.html"), encoding: .utf8) == firstPage)
        #expect(try inode(spare.appending(path: "robots.txt")) == robots)
        let secondFolder = try inode(public_), secondPage = try site.read("public/tin-tuc/khai-mac/index.html")
        try edit(site, "content/posts/khai-mac.md") { $0 + "\nCâu thứ hai.\n" }
        try expectCachedEqualsClean(folder, "a second edit, into the recycled folder")
        #expect(try inode(public_) == firstFolder)
        #expect(try inode(spare) == secondFolder)
        #expect(try String(contentsOf: spare.appending(path: "tin-tuc/khai-mac/index.html"), encoding: .utf8) == secondPage)
        #expect(try inode(public_.appending(path: "robots.txt")) == robots)
        #expect(try site.read("public/tin-tuc/khai-mac/index.html").contains("Câu thứ hai."))
        // Deleted pages leave no file and no folder behind in the recycled output.
        try FileManager.default.removeItem(at: folder.appending(path: "content/posts/khai-mac.md"))
        try expectCachedEqualsClean(folder, "a deleted post, from the recycled folder")
        #expect(!FileManager.default.fileExists(atPath: public_.appending(path: "tin-tuc/khai-mac").path))
        // A spare no build can take costs no disk: public/ deleted by hand, the next build deletes
        // it; --clean deletes it with the cache.
        #expect(FileManager.default.fileExists(atPath: spare.path))
        try FileManager.default.removeItem(at: public_)
        #expect(try Bantin.run(["build", "--no-print", "--as-of", "2026-03-31", "--site", folder.path]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: spare.path))
        try site.write("content/posts/moi.md", "---\ntitle: \"Bài mới\"\ndate: 2026-02-01\n---\nMột bài mới.\n")
        #expect(try Bantin.run(["build", "--no-print", "--as-of", "2026-03-31", "--site", folder.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: spare.path))
        #expect(try Bantin.run(["build", "--no-print", "--clean", "--as-of", "2026-03-31", "--site", folder.path]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: spare.path))
    }

    /// A build that fails after it took the spare as its staging folder leaves the live output as it
    /// was, file for file and inode for inode, and the next build still matches a clean one.
    @Test func aFailedBuildFromTheRecycledFolderLeavesPublicAsItWas() throws {
        let (site, folder) = try warmSite()
        try edit(site, "content/posts/khai-mac.md") { $0 + "\nCâu thứ nhất.\n" }
        try expectCachedEqualsClean(folder, "a first edit")
        let public_ = folder.appending(path: "public")
        func inodes() throws -> [String: Int] {
            var found: [String: Int] = [:]
            for path in try tree(public_).keys {
                found[path] = try #require(FileManager.default.attributesOfItem(atPath: public_.appending(path: path).path)[.systemFileNumber] as? Int)
            }
            return found
        }
        let before = try tree(public_), beforeInodes = try inodes()
        // Found only while the pages render, when the staging folder is the recycled one; with a
        // template changed, every page is written again, most of them at paths where that folder
        // holds the very file the live output has.
        try edit(site, "content/posts/khai-mac.md") { $0 + "\n```bantin khong-co\n```\n" }
        try site.write("templates/base.mustache", try String(contentsOf: Bantin.packageRoot.appending(path: "templates/base.mustache"), encoding: .utf8)
            .replacingOccurrences(of: "Theo dõi bản tin (Atom)", with: "Nhận tin mới (Atom)"))
        let failed = try Bantin.run(["build", "--no-print", "--as-of", "2026-03-31", "--site", folder.path])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("unknown data block `bantin khong-co`"), "\(failed.stderr)")
        #expect(try tree(public_) == before)
        #expect(try inodes() == beforeInodes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".public") }.isEmpty)
        try edit(site, "content/posts/khai-mac.md") { $0.replacingOccurrences(of: "\n```bantin khong-co\n```\n", with: "\nCâu thứ hai.\n") }
        try expectCachedEqualsClean(folder, "after a failed build")
        try edit(site, "content/posts/khai-mac.md") { $0 + "\nCâu thứ ba.\n" }
        try expectCachedEqualsClean(folder, "the build after that, recycling again")
    }

    @Test func everyKindOfEditMatchesACleanBuild() throws {
        let (site, folder) = try warmSite()
        let tally = try site.read("public/chien-dich/vi-du/tally.csv")
        try edit(site, "content/campaigns/vi-du/progress/bao-cao.csv") { $0.replacingOccurrences(of: "Họp tổ dân phố,1,45,", with: "Họp tổ dân phố,2,145,") }
        try expectCachedEqualsClean(folder, "a CSV row")
        #expect(try site.read("public/chien-dich/vi-du/tally.csv") != tally)
        try edit(site, "content/campaigns/vi-du/campaign.yaml") { $0.replacingOccurrences(of: "to-dan-pho: {buoi: 2, luot-nguoi: 100}", with: "to-dan-pho: {buoi: 3, luot-nguoi: 150}") }
        try expectCachedEqualsClean(folder, "a campaign target")
        try edit(site, "content/units.yaml") { $0.replacingOccurrences(of: "Tổ dân phố số 1", with: "Tổ dân phố Số Một") }
        try expectCachedEqualsClean(folder, "a unit name")
        try site.write("templates/base.mustache", try String(contentsOf: Bantin.packageRoot.appending(path: "templates/base.mustache"), encoding: .utf8)
            .replacingOccurrences(of: "Theo dõi bản tin (Atom)", with: "Nhận tin mới (Atom)"))
        try expectCachedEqualsClean(folder, "a template")
        #expect(try site.read("public/tin-tuc/khai-mac/index.html").contains("Nhận tin mới (Atom)"))
        try edit(site, "content/posts/khai-mac.md") { $0.replacingOccurrences(of: "title: \"Tổ dân phố số 1 họp triển khai\"", with: "title: \"Tổ dân phố họp lần đầu\"") }
        try expectCachedEqualsClean(folder, "a title in front matter")
        try site.write("content/posts/moi.md", "---\ntitle: \"Bài mới\"\ndate: 2026-02-01\n---\nMột bài mới, liên kết tới [bài cũ](khai-mac.md).\n")
        try expectCachedEqualsClean(folder, "a new post")
        try FileManager.default.removeItem(at: folder.appending(path: "content/posts/khai-mac.md"))
        try edit(site, "content/posts/moi.md") { $0.replacingOccurrences(of: ", liên kết tới [bài cũ](khai-mac.md)", with: "") }
        try expectCachedEqualsClean(folder, "a deleted post")
        try site.write("content/images/anh.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        try expectCachedEqualsClean(folder, "a new asset")
    }

    /// Files whose bytes did not change are not parsed again, but what parsing them said must
    /// still be said: an unknown front-matter key and a repeated report row, after an edit elsewhere.
    @Test func warningsOfUnparsedFilesAreStillReported() throws {
        let (site, folder) = try warmSite()
        try edit(site, "content/posts/khai-mac.md") { $0.replacingOccurrences(of: "\ndate:", with: "\ntacgia: Lan\ndate:") }
        try edit(site, "content/campaigns/vi-du/progress/bao-cao.csv") { text in
            let row = text.split(separator: "\n")[1]
            return text + (text.hasSuffix("\n") ? "" : "\n") + row + "\n"
        }
        try expectCachedEqualsClean(folder, "a warning in a post and a repeated row")
        try site.write("content/posts/khac.md", "---\ntitle: \"Bài khác\"\ndate: 2026-02-02\n---\nNội dung.\n")
        let cached = try Bantin.run(["build", "--no-print", "--as-of", "2026-03-31", "--site", folder.path])
        #expect(cached.status == 0)
        for warning in ["content/posts/khai-mac.md:3:1: warning: unknown key `tacgia`", "bao-cao.csv:6:1: warning: this row repeats row 2"] {
            #expect((cached.stdout + cached.stderr).contains(warning), "\(warning) missing from:\n\(cached.stdout)\n\(cached.stderr)")
        }
        #expect(cached.stdout.contains("reused"), "\(cached.stdout)")
    }

    /// The input scan trusts a file whose size, times and inode are as it last read them. An edit
    /// that keeps the size and puts the modification time back (a copy with `cp -p`, a sync tool)
    /// still changes the inode's change time, and must be seen.
    @Test func anEditKeepingSizeAndModificationTimeIsSeen() throws {
        let temp = try TempSite()
        let folder = temp.root.appending(path: "site")
        #expect(try Bantin.run(["init", folder.path]).status == 0)
        // Only files changed two seconds before the last scan are trusted: let the starter's settle.
        Thread.sleep(forTimeInterval: 2.2)
        for _ in 0..<2 { #expect(try Bantin.run(["build", "--no-print", "--as-of", "2026-03-31", "--site", folder.path]).status == 0) }
        let post = folder.appending(path: "content/posts/khai-mac.md")
        var before = stat()
        #expect(stat(post.path, &before) == 0)
        let text = try String(contentsOf: post, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "Tổ dân phố số 1 họp triển khai", with: "Tổ dân phố số 9 họp triển khai")
        #expect(edited != text && edited.utf8.count == text.utf8.count)
        try Data(edited.utf8).write(to: post)
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, post.path, &times, 0) == 0)
        let built = try Bantin.run(["build", "--no-print", "--as-of", "2026-03-31", "--site", folder.path])
        #expect(built.status == 0)
        #expect(try temp.read("site/public/tin-tuc/khai-mac/index.html").contains("Tổ dân phố số 9 họp triển khai"), "\(built.stdout)")
    }

    @Test func aCacheIsUsedOnlyForTheFolderItDescribes() throws {
        let (site, folder) = try warmSite()
        let public_ = folder.appending(path: "public")
        // Someone replaced public/ with an older copy: the cache no longer describes it.
        let copy = folder.appending(path: "copy")
        try FileManager.default.copyItem(at: public_, to: copy)
        try edit(site, "content/posts/khai-mac.md") { $0 + "\nCâu mới.\n" }
        #expect(try Bantin.run(["build", "--no-print", "--as-of", "2026-03-31", "--site", folder.path]).status == 0)
        try FileManager.default.removeItem(at: public_)
        try FileManager.default.moveItem(at: copy, to: public_)
        try edit(site, "content/posts/khai-mac.md") { $0.replacingOccurrences(of: "\nCâu mới.\n", with: "") }
        let out = try expectCachedEqualsClean(folder, "a replaced output folder")
        #expect(!out.contains("reused"), "\(out)")
        // --clean renders everything even when the cache would apply.
        try edit(site, "content/posts/khai-mac.md") { $0 + "\nCâu khác.\n" }
        let clean = try Bantin.run(["build", "--no-print", "--clean", "--as-of", "2026-03-31", "--site", folder.path])
        #expect(clean.status == 0)
        #expect(!clean.stdout.contains("reused") && !clean.stdout.contains("nothing changed"), "\(clean.stdout)")
    }

    @Test func timingsNameEveryStage() throws {
        let (site, folder) = try warmSite()
        try edit(site, "content/posts/khai-mac.md") { $0 + "\nMột câu.\n" }
        let timed = try Bantin.run(["build", "--no-print", "--timings", "--as-of", "2026-03-31", "--site", folder.path])
        #expect(timed.status == 0)
        let lines = timed.stderr.split(separator: "\n").compactMap { $0.wholeMatch(of: /\ \ (.+?) +(\d+\.\d{3}) s +(\d+\.\d{3}) s CPU +(\d+) MB peak/) }
        let stages = lines.map { String($0.1) }
        let peaks = lines.compactMap { Int($0.4) }
        // Peak memory never falls, and a build holds at least a few megabytes.
        #expect(peaks == peaks.sorted() && (peaks.first ?? 0) > 2, "\(timed.stderr)")
        // Loading reads files and parses them: it takes processor time, never less than none.
        let cpu = lines.compactMap { Double($0.3) }
        #expect(cpu.count == lines.count && cpu[1] > 0, "\(timed.stderr)")
        #expect(stages == ["hash inputs", "load", "render pages", "write assets, feeds, search index", "zip bundles", "publish", "save cache"],
                "\(timed.stderr)")
    }

    @Test func aFailedBuildKeepsTheCacheOfTheGoodOne() throws {
        let (site, folder) = try warmSite()
        try edit(site, "content/posts/khai-mac.md") { $0.replacingOccurrences(of: "unit: tdp-01", with: "unit: khong-co") }
        #expect(try Bantin.run(["build", "--no-print", "--as-of", "2026-03-31", "--site", folder.path]).status == 1)
        try edit(site, "content/posts/khai-mac.md") { $0.replacingOccurrences(of: "unit: khong-co", with: "unit: tdp-01") }
        let again = try Bantin.run(["build", "--no-print", "--as-of", "2026-03-31", "--site", folder.path])
        #expect(again.stdout.contains("nothing changed since the last build"), "\(again.stdout)")
    }
}

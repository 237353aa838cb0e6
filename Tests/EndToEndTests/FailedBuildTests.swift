import Foundation
import Testing

/// Bad input: every problem in one run, exit 1, and the published folder untouched.
@Suite("Failed builds")
struct FailedBuildTests {
    @Test func reportsEveryProblemAndKeepsPublicAsItWas() throws {
        let site = try TempSite()
        try site.copyRepositoryContent()
        let first = try Bantin.run(["build", "--no-print"], in: site.root)
        #expect(first.status == 0, "\(first.stderr)")
        try site.write("public/marker.txt", "uploaded by hand")
        let before = try tree(site.root.appending(path: "public"))

        // Four independent mistakes in four files.
        try site.write("content/posts/loi-yaml.md", "---\ntitle: \"Tin lỗi\"\ndate: 2026-04-01\nsummary: Lỗi: hai chấm: ở đây\n---\nNội dung.\n")
        try site.write("content/posts/sai-don-vi.md", "---\ntitle: \"Tin sai đơn vị\"\ndate: 2026-04-02\nunit: tdp-99\n---\nNội dung.\n")
        try site.write("content/posts/lien-ket-hong.md", "---\ntitle: \"Liên kết hỏng\"\ndate: 2026-04-03\n---\n\nĐoạn một.\n\nXem [văn bản](../documents/khong-co.md).\n")
        try site.write("content/posts/khong-utf8.md", Data([0x2D, 0x2D, 0x2D, 0x0A, 0x74, 0x69, 0x74, 0x6C, 0x65, 0x3A, 0x20, 0x54, 0xF4, 0x0A]))

        let second = try Bantin.run(["build", "--no-print"], in: site.root)
        #expect(second.status == 1)
        let expected = [
            "content/posts/loi-yaml.md:4:",
            "content/posts/sai-don-vi.md:4:7: error: unknown unit `tdp-99`",
            "content/posts/lien-ket-hong.md:8:5: error: broken link: `../documents/khong-co.md`",
            "content/posts/khong-utf8.md:2:9: error: the file is not valid UTF-8",
        ]
        for line in expected { #expect(second.stderr.contains(line), "missing \(line) in:\n\(second.stderr)") }
        #expect(second.stderr.contains("build failed with 4 error(s)"))
        #expect(second.stdout.isEmpty)
        #expect(try tree(site.root.appending(path: "public")) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public") }
        #expect(leftovers.isEmpty)
    }

    @Test func missingSiteFileSaysWhatToDo() throws {
        let site = try TempSite()
        let result = try Bantin.run(["build", "--no-print"], in: site.root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/site.yaml:1:1: error: the site has no content/site.yaml"))
        #expect(!site.exists("public"))
    }

    /// A copy of the Linh Sơn site with one file changed (and others added), built; its stderr's error lines.
    private func errors(after path: String, adding added: [String: String] = [:], _ change: (String) -> String) throws
        -> (result: Bantin.Result, errors: [String]) {
        let site = try TempSite()
        try site.copyRepositoryContent()
        for (path, text) in added { try site.write(path, text) }
        let before = try site.read(path)
        let after = change(before)
        #expect(after != before, "the edit of \(path) changed nothing")
        try site.write(path, after)
        let result = try Bantin.run(["build", "--no-print"], in: site.root)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(!site.exists("public"))
        return (result, result.stderr.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") })
    }

    @Test func aBrokenUnitsFileIsTheOnlyError() throws {
        // An unclosed flow mapping on line 9: every post, campaign target and report row names a unit.
        let (result, errors) = try errors(after: "content/units.yaml") {
            $0.replacingOccurrences(of: "Giám đốc\", sample: true}", with: "Giám đốc\", sample: true")
        }
        #expect(errors.count == 1, "\(result.stderr)")
        #expect(errors.first?.hasPrefix("content/units.yaml:10:5: error: invalid YAML") == true, "\(result.stderr)")
        #expect(!result.stderr.contains("unknown unit"))
        #expect(result.stderr.contains("build failed with 1 error(s)"))
    }

    @Test func aBrokenCampaignFileIsTheOnlyError() throws {
        let (result, errors) = try errors(after: "content/campaigns/chi-thi-57/campaign.yaml") {
            $0.replacingOccurrences(of: "start: 2026-03-25", with: "start: [2026-03-25")
        }
        #expect(errors.count == 1, "\(result.stderr)")
        #expect(errors.first?.hasPrefix("content/campaigns/chi-thi-57/campaign.yaml:5:9: error: invalid YAML") == true, "\(result.stderr)")
        #expect(!result.stderr.contains("unknown campaign"))
        #expect(!result.stderr.contains("has no campaign.yaml"))
    }

    @Test func aCampaignWithoutItsRequiredFieldsIsNotCalledMissing() throws {
        let (result, errors) = try errors(after: "content/campaigns/chi-thi-57/campaign.yaml") {
            $0.replacingOccurrences(of: "title: \"Tuyên truyền Chỉ thị số 57-CT/TW\"\n", with: "")
        }
        #expect(errors == ["content/campaigns/chi-thi-57/campaign.yaml:1:1: error: campaign.yaml is missing the required field `title`"], "\(result.stderr)")
    }

    @Test func anUnknownCampaignIsAnErrorAtItsLine() throws {
        let (result, errors) = try errors(after: "content/posts/tram-y-te-tuyen-truyen-long-ghep-chi-thi-57.md") {
            $0.replacingOccurrences(of: "campaign: chi-thi-57", with: "campaign: chi-thi-75")
        }
        #expect(errors == ["content/posts/tram-y-te-tuyen-truyen-long-ghep-chi-thi-57.md:5:11: error: unknown campaign `chi-thi-75`"],
                "\(result.stderr)")
        #expect(result.stderr.contains("hint: did you mean `chi-thi-57`?"))
    }

    @Test func aMissingTitleIsAnErrorAtTheFrontMatter() throws {
        // An edition includes the post and another post links to it: neither says it does not exist.
        let link = "---\ntitle: \"Xem thêm\"\ndate: 2026-05-09\n---\n\nXem [bài này](tram-y-te-tuyen-truyen-long-ghep-chi-thi-57.md).\n"
        let (result, errors) = try errors(after: "content/posts/tram-y-te-tuyen-truyen-long-ghep-chi-thi-57.md",
                                          adding: ["content/posts/xem-them.md": link]) {
            $0.replacingOccurrences(of: "title: \"Trạm Y tế phường tuyên truyền lồng ghép phòng tránh lừa đảo giả danh nhân viên y tế\"\n", with: "")
        }
        #expect(errors.count == 1, "\(result.stderr)")
        #expect(errors.first?.hasPrefix("content/posts/tram-y-te-tuyen-truyen-long-ghep-chi-thi-57.md:2:1: error: ") == true, "\(result.stderr)")
        #expect(errors.first?.contains("`title`") == true)
    }

    @Test func aDuplicateUnitIDIsAnErrorAtTheSecondOne() throws {
        let (result, errors) = try errors(after: "content/units.yaml") {
            $0.replacingOccurrences(of: "  - {id: tdp-03, ", with: "  - {id: tdp-02, name: \"Tổ dân phố số 2A\", kind: to-dan-pho}\n  - {id: tdp-03, ")
        }
        #expect(errors == ["content/units.yaml:16:5: error: two units have the id `tdp-02` (the first is on line 15)"], "\(result.stderr)")
    }

    @Test func theEncodingHintFitsTheFile() throws {
        let site = try TempSite()
        try site.copyRepositoryContent()
        // "Tô" in Windows-1258 in a post, and in an activity report.
        try site.write("content/posts/khong-utf8.md", Data("---\ntitle: T".utf8) + Data([0xF4, 0x0A]) + Data("---\n".utf8))
        let csv = "content/campaigns/chi-thi-57/progress/to-dan-pho.csv"
        try site.write(csv, Data(try site.read(csv).utf8) + Data("2/5/2026,T".utf8) + Data([0xF4]) + Data(" dân phố số 2,Họp tổ,1,40,100,1,\r\n".utf8))
        let result = try Bantin.run(["build", "--no-print"], in: site.root)
        #expect(result.status == 1)
        func hint(after prefix: String) -> String? {
            let lines = result.stderr.split(separator: "\n").map(String.init)
            guard let index = lines.firstIndex(where: { $0.hasPrefix(prefix) }), index + 1 < lines.count else { return nil }
            return lines[index + 1]
        }
        let markdown = try #require(hint(after: "content/posts/khong-utf8.md:2:9: error: the file is not valid UTF-8"), "\(result.stderr)")
        #expect(markdown.contains("Markdown file") && markdown.contains("text editor"), "\(markdown)")
        #expect(!markdown.contains("Excel") && !markdown.contains("CSV"), "\(markdown)")
        let report = try #require(hint(after: csv + ":35:"), "\(result.stderr)")
        #expect(report.contains("CSV UTF-8"), "\(report)")
    }

    @Test func legacyEncodedTextIsRefused() throws {
        let site = try TempSite()
        try site.copyRepositoryContent()
        try site.write("content/posts/tcvn3.md", "---\ntitle: \"Tin cũ\"\ndate: 2026-04-01\n---\nCéng hßa x· héi chñ nghÜa ViÖt Nam\n")
        let result = try Bantin.run(["build", "--no-print"], in: site.root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/posts/tcvn3.md:5:1: error:"))
        #expect(result.stderr.contains("TCVN3"))
    }
}

@Suite("Output folder safety")
struct OutputSafetyTests {
    @Test func aFolderBantinDidNotMakeIsNotReplacedWithoutForce() throws {
        let site = try TempSite()
        let folder = site.root.appending(path: "s")
        #expect(try Bantin.run(["init", folder.path]).status == 0)
        let mine = folder.appending(path: "ho-so-cua-toi")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try Data("quan trọng".utf8).write(to: mine.appending(path: "du-lieu.txt"))
        let refused = try Bantin.run(["build", "--no-print", "--site", folder.path, "--output", mine.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("was not made by Bantin"))
        #expect(FileManager.default.fileExists(atPath: mine.appending(path: "du-lieu.txt").path))
        let forced = try Bantin.run(["build", "--no-print", "--force", "--site", folder.path, "--output", mine.path])
        #expect(forced.status == 0)
        #expect(FileManager.default.fileExists(atPath: mine.appending(path: ".bantin-output").path))
        // From now on it is Bantin's: no --force needed.
        #expect(try Bantin.run(["build", "--no-print", "--site", folder.path, "--output", mine.path]).status == 0)
    }

    @Test func anOutputOutsideTheSiteNeedsForce() throws {
        let site = try TempSite()
        let folder = site.root.appending(path: "s")
        #expect(try Bantin.run(["init", folder.path]).status == 0)
        let elsewhere = site.root.appending(path: "noi-khac")
        for output in [elsewhere.path, "../noi-khac"] {   // absolute, and relative to the current folder
            let refused = try Bantin.run(["build", "--no-print", "--site", folder.path, "--output", output], in: folder)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("\(elsewhere.path):1:1: error: the output folder \(elsewhere.path) is outside the site folder \(folder.path) and would be replaced whole\n"
                                            + "    hint: pass --force to build there anyway, or leave out --output to build into \(folder.path)/public"),
                    "\(refused.stderr)")
            #expect(refused.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: elsewhere.path))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path) == ["s"])
        let forced = try Bantin.run(["build", "--no-print", "--force", "--site", folder.path, "--output", elsewhere.path])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(FileManager.default.fileExists(atPath: elsewhere.appending(path: "index.html").path))
        #expect(FileManager.default.fileExists(atPath: elsewhere.appending(path: ".bantin-output").path))
        // Inside the site no --force is needed: that is where the output belongs.
        let inside = try Bantin.run(["build", "--no-print", "--site", folder.path, "--output", folder.appending(path: "dist").path])
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "dist/index.html").path))
        // A public/ symlinked elsewhere is replaced by the new folder, in the site; the link's target is not touched.
        let before = try tree(elsewhere)
        try FileManager.default.createSymbolicLink(at: folder.appending(path: "public"), withDestinationURL: elsewhere)
        let linked = try Bantin.run(["build", "--no-print", "--site", folder.path])
        #expect(linked.status == 0, "\(linked.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "public/index.html").path))
        #expect(try tree(elsewhere) == before)
        // But a link on the way there is followed: this --output lands outside the site.
        try FileManager.default.createSymbolicLink(at: folder.appending(path: "ra-ngoai"), withDestinationURL: site.root)
        let through = try Bantin.run(["build", "--no-print", "--site", folder.path, "--output", folder.appending(path: "ra-ngoai/moi").path])
        #expect(through.status == 1)
        #expect(through.stderr.contains("error: the output folder \(site.root.appending(path: "moi").path) is outside the site folder"), "\(through.stderr)")
    }

    @Test func neverTheSourcesOrTheHomeFolder() throws {
        let site = try TempSite()
        let folder = site.root.appending(path: "s")
        #expect(try Bantin.run(["init", folder.path]).status == 0)
        for output in [folder.path, folder.appending(path: "content").path, folder.appending(path: "templates/x").path,
                       NSHomeDirectory(), "/"] {
            let result = try Bantin.run(["build", "--no-print", "--force", "--site", folder.path, "--output", output])
            #expect(result.status == 1, "\(output)")
        }
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "content/site.yaml").path))
    }
}

import Foundation
import Testing
import VietText
@testable import BantinKit

/// Each problem is reported at the line of the file it is on, with a message an officer can act on.
@Suite("Errors with line numbers")
struct ErrorTests {
    /// Loads `minimal()` plus one post and returns the diagnostics of that post's file.
    func loadPost(_ text: String, name: String = "bai.md") -> (site: Site?, diagnostics: Diagnostics) {
        let site = TestSite.minimal()
        site.write("content/posts/\(name)", text)
        return site.load()
    }

    @Test func yamlSyntaxErrorInFrontMatterIsAtTheFileLine() throws {
        let (site, diagnostics) = loadPost("""
        ---
        title: "Bài"
        date: 2026-01-02
        summary: a: b
        ---

        Nội dung.
        """)
        let error = try #require(diagnostics.errors.first, "\(diagnostics.summary)")
        #expect(diagnostics.errors.count == 1)
        #expect(error.file == "content/posts/bai.md")
        #expect(error.line == 4)
        #expect(error.column == 11)
        #expect(error.message.contains("invalid YAML"))
        #expect(error.message.contains("mapping values are not allowed"))
        #expect(site?.articles.isEmpty == true)
    }

    @Test func yamlSyntaxErrorInUnitsYAML() throws {
        let site = TestSite()
        site.write("content/site.yaml", TestSite.siteYAML)
        site.write("content/units.yaml", "units:\n  - {name: \"A\", kind: y-te}\n  - {name: \"B\", kind: y-te\n")
        let diagnostics = site.load().diagnostics
        let error = try #require(diagnostics.errors.first, "\(diagnostics.summary)")
        #expect(error.file == "content/units.yaml")
        #expect(error.message.contains("invalid YAML"))
        #expect(error.line == 4)
    }

    @Test func duplicateKey() throws {
        let (_, diagnostics) = loadPost("""
        ---
        title: "A"
        date: 2026-01-02
        title: "B"
        ---
        """)
        let error = try #require(diagnostics.matching("content/posts/bai.md", "duplicate key 'title'").first, "\(diagnostics.summary)")
        #expect(error.severity == .error)
        // Yams reports the first of the two keys.
        #expect(error.line == 2)
        #expect(error.column == 1)
    }

    @Test func missingTitle() throws {
        let (site, diagnostics) = loadPost("---\ndate: 2026-01-02\n---\nNội dung.\n")
        let error = try #require(diagnostics.matching("content/posts/bai.md", "missing the required field `title`").first,
                                 "\(diagnostics.summary)")
        #expect(error.severity == .error)
        #expect(error.line == 2)
        #expect(error.message == "the front matter is missing the required field `title`")
        #expect(site?.articles.isEmpty == true)
    }

    @Test func emptyTitle() throws {
        let (_, diagnostics) = loadPost("---\ndate: 2026-01-02\ntitle: \"  \"\n---\n")
        let error = try #require(diagnostics.matching("content/posts/bai.md", "`title` must not be empty").first, "\(diagnostics.summary)")
        #expect(error.line == 3)
        #expect(error.column == 8)
    }

    @Test func missingDateInPostButNotInMessage() throws {
        let site = TestSite.minimal()
        site.write("content/posts/bai.md", "---\ntitle: \"Bài\"\n---\n")
        site.write("content/messages/td.md", "---\ntitle: \"Thông điệp\"\n---\n")
        let (loaded, diagnostics) = site.load()
        let error = try #require(diagnostics.matching("content/posts/bai.md", "missing the required field `date`").first,
                                 "\(diagnostics.summary)")
        #expect(error.severity == .error)
        #expect(error.line == 2)
        #expect(diagnostics.matching("content/messages/td.md", "").isEmpty)
        #expect(loaded?.articles.map(\.id) == ["messages/td"])
    }

    @Test func dateThatDoesNotParse() throws {
        let (_, diagnostics) = loadPost("---\ntitle: \"Bài\"\ndate: 31/02/2026\n---\n")
        let error = try #require(diagnostics.errors.first, "\(diagnostics.summary)")
        #expect(diagnostics.errors.count == 1)
        #expect(error.file == "content/posts/bai.md")
        #expect(error.line == 3)
        #expect(error.column == 7)
        #expect(error.message == "`date`: '31/02/2026' is not a date")
        #expect(error.hint?.contains("2026-03-25") == true)
    }

    @Test func vietnameseDayFirstDateParses() throws {
        let (site, diagnostics) = loadPost("---\ntitle: \"Bài\"\ndate: 2/4/2026\n---\n")
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
        #expect(site?.articles.first?.date == VietDate(year: 2026, month: 4, day: 2))
    }

    @Test func unknownUnitAndCampaignInFrontMatter() throws {
        let site = TestSite.good()
        site.write("content/posts/bai-ba.md", """
        ---
        title: "Bài ba"
        date: 2026-01-02
        unit: tdp-02
        campaign: cd-thuu
        ---
        """)
        let diagnostics = site.load().diagnostics
        let unit = try #require(diagnostics.matching("content/posts/bai-ba.md", "unknown unit `tdp-02`").first, "\(diagnostics.summary)")
        #expect(unit.severity == .error)
        #expect(unit.line == 4)
        #expect(unit.column == 7)
        #expect(unit.hint == "did you mean `tdp-2`?")
        let campaign = try #require(diagnostics.matching("content/posts/bai-ba.md", "unknown campaign `cd-thuu`").first)
        #expect(campaign.severity == .error)
        #expect(campaign.line == 5)
        #expect(campaign.column == 11)
        #expect(campaign.hint == "did you mean `cd-thu`?")
    }

    @Test func unitGivenByNameHintsTheID() throws {
        let (_, diagnostics) = loadPost("---\ntitle: \"Bài\"\ndate: 2026-01-02\nunit: \"Tổ dân phố số 2\"\n---\n")
        let error = try #require(diagnostics.matching("content/posts/bai.md", "unknown unit").first, "\(diagnostics.summary)")
        #expect(error.line == 4)
        #expect(error.hint == "use the unit id `tdp-2`")
    }

    @Test func unknownCampaignWithoutCloseMatch() throws {
        let (_, diagnostics) = loadPost("---\ntitle: \"Bài\"\ndate: 2026-01-02\ncampaign: hoan-toan-khac\n---\n")
        let error = try #require(diagnostics.matching("content/posts/bai.md", "unknown campaign").first, "\(diagnostics.summary)")
        #expect(error.hint == "campaigns are the folders of content/campaigns/")
    }

    @Test func unknownUnitKind() throws {
        let site = TestSite()
        site.write("content/site.yaml", TestSite.siteYAML)
        site.write("content/units.yaml", """
        kinds:
          - {id: truong-hoc, label: "Cơ sở giáo dục"}
          - {id: to-dan-pho, label: "Tổ dân phố"}
        units:
          - {id: a, name: "A", kind: truong-hoc}
          - id: b
            name: "B"
            kind: to-dan-ph

        """)
        let (loaded, diagnostics) = site.load()
        let error = try #require(diagnostics.matching("content/units.yaml", "unknown unit kind `to-dan-ph`").first, "\(diagnostics.summary)")
        #expect(error.severity == .error)
        #expect(error.line == 8)
        #expect(error.column == 11)
        #expect(error.hint == "did you mean `to-dan-pho`?")
        #expect(loaded?.units.map(\.id) == ["a"])
    }

    @Test func unknownUnitKindFarFromAnyListsDeclaredKinds() throws {
        let site = TestSite()
        site.write("content/site.yaml", TestSite.siteYAML)
        site.write("content/units.yaml", "kinds:\n  - {id: truong-hoc, label: \"T\"}\nunits:\n  - {name: \"A\", kind: benh-vien-lon}\n")
        let error = try #require(site.load().diagnostics.matching("content/units.yaml", "unknown unit kind").first)
        #expect(error.hint == "declared kinds: truong-hoc")
    }

    @Test func duplicateUnitID() throws {
        let site = TestSite()
        site.write("content/site.yaml", TestSite.siteYAML)
        site.write("content/units.yaml", """
        units:
          - {name: "Tổ dân phố số 1", kind: to-dan-pho}
          - {name: "Tổ dân phố số 2", kind: to-dan-pho}
          - {name: "Tổ Dân Phố Số 1", kind: to-dan-pho}

        """)
        let (loaded, diagnostics) = site.load()
        let error = try #require(diagnostics.matching("content/units.yaml", "two units have the id `to-dan-pho-so-1`").first,
                                 "\(diagnostics.summary)")
        #expect(error.severity == .error)
        #expect(error.line == 4)
        #expect(error.message.contains("the first is on line 2"))
        #expect(error.hint?.contains("add `id:`") == true)
        #expect(loaded?.units.map(\.name) == ["Tổ dân phố số 1", "Tổ dân phố số 2"])
    }

    @Test func invalidUnitID() throws {
        let site = TestSite()
        site.write("content/site.yaml", TestSite.siteYAML)
        site.write("content/units.yaml", "units:\n  - {id: TDP_1, name: \"A\", kind: y-te}\n")
        let error = try #require(site.load().diagnostics.matching("content/units.yaml", "unit id `TDP_1`").first)
        #expect(error.line == 2)
        #expect(error.column == 10)
        #expect(error.hint == "e.g. `tdp-1`")
    }

    @Test func campaignDocumentPointingNowhere() throws {
        let site = TestSite.good()
        site.write("content/campaigns/cd-thu/campaign.yaml",
                   TestSite.campaignYAML.replacingOccurrences(of: "document: cv-12", with: "document: cv-13"))
        let diagnostics = site.load().diagnostics
        let error = try #require(diagnostics.matching("content/campaigns/cd-thu/campaign.yaml", "names the document `cv-13`").first,
                                 "\(diagnostics.summary)")
        #expect(error.severity == .error)
        #expect(error.line == 5)
        #expect(error.column == 11)
        #expect(error.message == "campaign `cd-thu` names the document `cv-13`, which does not exist")
        #expect(error.hint == "did you mean `cv-12`?")
    }

    @Test func targetNamingUnknownIndicator() throws {
        let site = TestSite.good()
        site.write("content/campaigns/cd-thu/campaign.yaml",
                   TestSite.campaignYAML.replacingOccurrences(of: "tdp-2: {buoi: 3}", with: "tdp-2: {buoi: 3, to-ro: 5}"))
        let (loaded, diagnostics) = site.load()
        let error = try #require(diagnostics.matching("content/campaigns/cd-thu/campaign.yaml", "unknown indicator `to-ro`").first,
                                 "\(diagnostics.summary)")
        #expect(error.severity == .error)
        #expect(error.line == 12)
        #expect(error.column == 20)
        #expect(error.message == "unknown indicator `to-ro` in the targets of `tdp-2`")
        #expect(error.hint == "did you mean `to-roi`?")
        #expect(loaded?.campaign("cd-thu")?.unitTargets["tdp-2"] == ["buoi": 3])
    }

    @Test func targetOwnerThatIsNeitherKindNorUnit() throws {
        let site = TestSite.good()
        site.write("content/campaigns/cd-thu/campaign.yaml",
                   TestSite.campaignYAML.replacingOccurrences(of: "tdp-2: {buoi: 3}", with: "tdp-3: {buoi: 3}"))
        let error = try #require(site.load().diagnostics.matching("content/campaigns/cd-thu/campaign.yaml", "neither a unit kind").first)
        #expect(error.line == 12)
        #expect(error.column == 3)
        #expect(error.hint == "did you mean `tdp-2`?")
    }

    @Test func targetThatIsNotANumber() throws {
        let site = TestSite.good()
        site.write("content/campaigns/cd-thu/campaign.yaml",
                   TestSite.campaignYAML.replacingOccurrences(of: "tdp-2: {buoi: 3}", with: "tdp-2: {buoi: ba}"))
        let error = try #require(site.load().diagnostics.matching("content/campaigns/cd-thu/campaign.yaml", "must be a number").first)
        #expect(error.line == 12)
        #expect(error.column == 17)
    }

    @Test func deadlineBeforeStart() throws {
        let site = TestSite.good()
        site.write("content/campaigns/cd-thu/campaign.yaml",
                   TestSite.campaignYAML.replacingOccurrences(of: "deadline: 2026-06-30", with: "deadline: 2026-03-01"))
        let (loaded, diagnostics) = site.load()
        let error = try #require(diagnostics.matching("content/campaigns/cd-thu/campaign.yaml", "before the start").first,
                                 "\(diagnostics.summary)")
        #expect(error.severity == .error)
        #expect(error.line == 4)
        #expect(error.column == 11)
        #expect(error.message == "the deadline 1/3/2026 is before the start 25/3/2026")
        // The campaign is still loaded so its pages' other problems can be found in the same run.
        #expect(loaded?.campaign("cd-thu") != nil)
    }

    @Test func unknownAudience() throws {
        let site = TestSite.good()
        site.write("content/campaigns/cd-hep/campaign.yaml",
                   TestSite.narrowCampaignYAML.replacingOccurrences(of: "[truong-hoc, tdp-2]", with: "[truong-hoc, tdp-22]"))
        let error = try #require(site.load().diagnostics.matching("content/campaigns/cd-hep/campaign.yaml", "unknown unit or kind `tdp-22`").first)
        #expect(error.line == 4)
        #expect(error.column == 21)
        #expect(error.hint == "did you mean `tdp-2`?")
    }

    @Test func badCampaignFolderName() throws {
        let site = TestSite.minimal()
        site.write("content/campaigns/Chiến dịch/campaign.yaml", TestSite.narrowCampaignYAML)
        let (loaded, diagnostics) = site.load()
        let error = try #require(diagnostics.matching("content/campaigns/Chiến dịch/campaign.yaml", "campaign folder").first,
                                 "\(diagnostics.summary)")
        #expect(error.hint == "rename it to `chien-dich`")
        #expect(loaded?.campaigns.isEmpty == true)
    }

    @Test func unknownKeyWarningWithSuggestion() throws {
        let (site, diagnostics) = loadPost("---\ntitle: \"Bài\"\ndate: 2026-01-02\nsumary: \"Tóm tắt\"\n---\n")
        let warning = try #require(diagnostics.all.first, "\(diagnostics.summary)")
        #expect(diagnostics.all.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.file == "content/posts/bai.md")
        #expect(warning.line == 4)
        #expect(warning.column == 1)
        #expect(warning.message == "unknown key `sumary` in the front matter is ignored")
        #expect(warning.hint == "did you mean `summary`?")
        // A warning does not stop the article.
        #expect(site?.articles.count == 1)
    }

    @Test func unknownKeyInSiteYAML() throws {
        let site = TestSite()
        site.write("content/site.yaml", TestSite.siteYAML + "base_ulr: x\n")
        let warning = try #require(site.load().diagnostics.matching("content/site.yaml", "unknown key `base_ulr`").first)
        #expect(warning.severity == .warning)
        #expect(warning.line == 8)
        #expect(warning.hint == "did you mean `base_url`?")
    }

    @Test func relativeBaseURLIsAnError() throws {
        let site = TestSite()
        site.write("content/site.yaml", TestSite.siteYAML.replacingOccurrences(of: "https://example.gov.vn/bantin", with: "example.gov.vn"))
        let (loaded, diagnostics) = site.load()
        let error = try #require(diagnostics.matching("content/site.yaml", "`base_url` must be an absolute").first)
        #expect(error.line == 3)
        #expect(error.column == 11)
        #expect(loaded == nil)
    }

    @Test func fileWithoutFrontMatter() throws {
        let (site, diagnostics) = loadPost("# Tiêu đề\n\nNội dung.\n")
        let error = try #require(diagnostics.errors.first)
        #expect(diagnostics.errors.count == 1)
        #expect(error.file == "content/posts/bai.md")
        #expect(error.line == 1)
        #expect(error.message.contains("must start with front matter"))
        #expect(site?.articles.isEmpty == true)
    }

    @Test func unclosedFrontMatter() throws {
        let (_, diagnostics) = loadPost("---\ntitle: \"Bài\"\ndate: 2026-01-02\n\nNội dung.\n")
        let error = try #require(diagnostics.errors.first)
        #expect(diagnostics.errors.count == 1)
        #expect(error.file == "content/posts/bai.md")
        #expect(error.line == 1)
        #expect(error.message.contains("never closed"))
    }

    @Test func emptyFrontMatter() throws {
        let (_, diagnostics) = loadPost("---\n---\nNội dung.\n")
        let error = try #require(diagnostics.errors.first)
        #expect(error.line == 2)
        #expect(error.message.contains("the front matter is empty"))
    }

    @Test func frontMatterThatIsNotAMapping() throws {
        let (_, diagnostics) = loadPost("---\n- một\n- hai\n---\n")
        let error = try #require(diagnostics.errors.first)
        #expect(error.line == 2)
        #expect(error.message == "the front matter must be a mapping of `key: value` lines")
    }

    @Test func invalidUTF8() throws {
        let site = TestSite.minimal()
        // "---\ntitle: T\xE0 ..." : a Windows-1258 "à" in the middle of line 2.
        var bytes = Array("---\ntitle: ".utf8)
        bytes += [0x54, 0xE0, 0x20, 0x6C, 0x69, 0x65, 0x75]
        bytes += Array("\ndate: 2026-01-02\n---\n".utf8)
        site.write("content/posts/bai.md", bytes: bytes)
        let (loaded, diagnostics) = site.load()
        let error = try #require(diagnostics.errors.first, "\(diagnostics.summary)")
        #expect(diagnostics.errors.count == 1)
        #expect(error.file == "content/posts/bai.md")
        #expect(error.line == 2)
        #expect(error.column == 9)
        #expect(error.message.contains("not valid UTF-8"))
        #expect(loaded?.articles.isEmpty == true)
        // Markdown is written in a text editor: Excel's "CSV UTF-8" is the hint for activity reports.
        #expect(error.hint?.contains("this Markdown file must be UTF-8: open it in your text editor") == true, "\(error.hint ?? "")")
        #expect(error.hint?.contains("CSV") == false && error.hint?.contains("Excel") == false)
    }

    @Test func invalidUTF8InYAMLHasTheEditorHint() throws {
        let site = TestSite.minimal()
        site.write("content/units.yaml", bytes: Array("units:\n  - {id: tdp-1, name: \"T".utf8) + [0xF4] + Array("\", kind: to-dan-pho}\n".utf8))
        let error = try #require(site.load().diagnostics.errors.first)
        #expect(error.file == "content/units.yaml" && error.line == 2)
        #expect(error.hint?.contains("this YAML file must be UTF-8: open it in your text editor") == true, "\(error.hint ?? "")")
        #expect(error.hint?.contains("CSV") == false)
    }

    @Test func invalidUTF8AfterVietnameseCountsColumnsInCharacters() throws {
        let site = TestSite.minimal()
        var bytes = Array("---\ntitle: Đà".utf8)
        bytes += [0xFF]
        bytes += Array("\n---\n".utf8)
        site.write("content/posts/bai.md", bytes: bytes)
        let error = try #require(site.load().diagnostics.errors.first)
        #expect(error.line == 2)
        #expect(error.column == 10)
    }

    @Test func utf16IsRefused() throws {
        let site = TestSite.minimal()
        site.write("content/posts/bai.md", bytes: [0xFF, 0xFE] + Array("-\0-\0-\0".utf8))
        let error = try #require(site.load().diagnostics.errors.first)
        #expect(error.message.contains("UTF-16"))
        #expect(error.hint?.contains("this Markdown file must be UTF-8") == true)
    }

    @Test func byteOrderMarkAndCRLFLoadFine() throws {
        let site = TestSite.minimal()
        let text = "---\r\ntitle: \"Bài viết\"\r\ndate: 2026-01-02\r\nunit: tdp-2\r\n---\r\n\r\nDòng một.\r\n"
        site.write("content/posts/bai.md", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let (loaded, diagnostics) = site.load()
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
        let article = try #require(loaded?.articles.first)
        #expect(article.title == "Bài viết")
        #expect(article.unit == "tdp-2")
        #expect(article.readBody() == "\nDòng một.\n")
        #expect(article.readBody()?.contains("\r") == false)
        #expect(article.bodyLineOffset == 5)
    }

    /// A big site's bodies are read again when pages are rendered: one that changed since loading
    /// is refused, and the build says so rather than render what was not checked. A body held
    /// from loading is the text that was checked.
    @Test func aBodyChangedAfterLoadingIsRefused() throws {
        let site = TestSite.minimal()
        site.write("content/posts/bai.md", "---\ntitle: \"Bài\"\ndate: 2026-01-02\n---\nMột câu.\n")
        let held = try #require(site.load().site?.articles.first { $0.slug == "bai" })
        let (loaded, _, _) = SiteLoader.load(siteRoot: site.root, asOf: TestSite.asOf, cache: nil, holdingBodies: 0)
        let article = try #require(loaded?.articles.first { $0.slug == "bai" })
        #expect(article.readBody() == "Một câu.\n")
        site.write("content/posts/bai.md", "---\ntitle: \"Bài\"\ndate: 2026-01-02\n---\nMột câu dài hơn.\n")
        #expect(article.readBody() == nil)
        #expect(held.readBody() == "Một câu.\n")
        var diagnostics = Diagnostics()
        let body = ArticleBody.render(article, onPage: "tin-tuc/bai/index.html", site: loaded!, linkIndex: LinkIndex(site: loaded!),
                                      dataBlocks: DataBlockRenderer(site: loaded!, progress: [:]), into: &diagnostics)
        #expect(body.html.isEmpty)
        #expect(diagnostics.all.map(\.message) == ["the file changed while the site was being built"])
    }

    @Test func nfdInputIsNormalisedToNFC() throws {
        let site = TestSite.minimal()
        let nfcTitle = "Tiếng Việt hoà nhập"
        let nfdTitle = nfcTitle.decomposedStringWithCanonicalMapping
        #expect(Array(nfdTitle.utf8) != Array(nfcTitle.utf8))
        site.write("content/posts/bai.md", "---\ntitle: \"\(nfdTitle)\"\ndate: 2026-01-02\n---\n\(nfdTitle)\n")
        let (loaded, diagnostics) = site.load()
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
        let article = try #require(loaded?.articles.first)
        #expect(Array(article.title.utf8) == Array(nfcTitle.utf8))
        #expect(Array((article.readBody() ?? "").utf8) == Array((nfcTitle + "\n").utf8))
    }

    @Test func tcvn3LegacyTextIsRefused() throws {
        let (loaded, diagnostics) = loadPost("---\ntitle: \"Céng hßa x· héi chñ nghÜa ViÖt Nam\"\ndate: 2026-01-02\n---\n")
        let error = try #require(diagnostics.errors.first, "\(diagnostics.summary)")
        #expect(diagnostics.errors.count == 1)
        #expect(error.file == "content/posts/bai.md")
        #expect(error.line == 2)
        #expect(error.message.contains("TCVN3"))
        #expect(error.hint?.contains("UniKey") == true)
        #expect(loaded?.articles.isEmpty == true)
    }

    @Test func ordinaryUnicodeWithLatinAccentsIsNotLegacy() throws {
        let (loaded, diagnostics) = loadPost("---\ntitle: \"Café Straße Müller – Cộng hoà xã hội chủ nghĩa Việt Nam\"\ndate: 2026-01-02\n---\n")
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
        #expect(loaded?.articles.count == 1)
    }

    @Test func everyProblemOfABrokenSiteInOneLoad() throws {
        let site = TestSite.good()
        site.write("content/site.yaml", TestSite.siteYAML.replacingOccurrences(of: "title: \"Bản tin thử nghiệm\"\n", with: ""))
        site.write("content/units.yaml", TestSite.unitsYAML.replacingOccurrences(of: "kind: truong-hoc}\n  - {id: tdp-2", with: "kind: truong-hc}\n  - {id: tdp-2"))
        site.write("content/campaigns/cd-thu/campaign.yaml",
                   TestSite.campaignYAML.replacingOccurrences(of: "deadline: 2026-06-30", with: "deadline: 2026-01-01"))
        site.write("content/posts/bai-mot.md", TestSite.postOneMD.replacingOccurrences(of: "date: 2026-03-26", with: "date: 32/3/2026"))
        site.write("content/posts/bai-hai.md", TestSite.postTwoMD.replacingOccurrences(of: "title: \"Bài thứ hai\"\n", with: ""))
        site.write("content/messages/02-loi.md", "---\ntitle: [không đóng\n---\n")
        site.write("content/documents/cv-13.md", "Không có front matter.\n")

        let (loaded, diagnostics) = site.load()
        #expect(loaded == nil)
        let expected: [(String, Int, String)] = [
            ("content/site.yaml", 1, "missing the required field `title`"),
            ("content/units.yaml", 6, "unknown unit kind `truong-hc`"),
            ("content/campaigns/cd-thu/campaign.yaml", 4, "before the start"),
            ("content/posts/bai-mot.md", 3, "'32/3/2026' is not a date"),
            ("content/posts/bai-hai.md", 2, "missing the required field `title`"),
            ("content/messages/02-loi.md", 3, "invalid YAML"),
            ("content/documents/cv-13.md", 1, "must start with front matter"),
        ]
        for (file, line, text) in expected {
            let found = diagnostics.matching(file, text, severity: .error)
            #expect(found.count == 1, "\(file): \(text)\n\(diagnostics.summary)")
            #expect(found.first?.line == line, "\(file): \(text)")
        }
        #expect(Set(diagnostics.errors.map(\.file)).count == 7)
    }
}

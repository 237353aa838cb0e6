import Foundation
import Testing
import VietText
@testable import BantinKit

@Suite("Loading a good site")
struct LoadTests {
    let site: TestSite
    let loaded: Site
    let diagnostics: Diagnostics

    init() throws {
        site = TestSite.good()
        let result = site.load()
        diagnostics = result.diagnostics
        loaded = try #require(result.site, "\(result.diagnostics.summary)")
    }

    @Test func loadsWithoutProblems() {
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
    }

    @Test func config() {
        let config = loaded.config
        #expect(config.title == "Bản tin thử nghiệm")
        #expect(config.description == "Thông tin của Phòng Văn hoá - Xã hội")
        #expect(config.baseURL == "https://example.gov.vn/bantin/")
        #expect(config.language == "vi")
        #expect(config.organization.parent == "UBND PHƯỜNG THỬ")
        #expect(config.organization.name == "PHÒNG VĂN HOÁ - XÃ HỘI")
        #expect(config.organization.place == "Hoà Bình")
        #expect(config.organization.address == nil)
        #expect(config.sampleNotice == nil)
        #expect(config.allowRawHTML == false)
    }

    @Test func baseURLWithSlashIsKept() throws {
        let other = TestSite()
        other.write("content/site.yaml", TestSite.siteYAML.replacingOccurrences(of: "/bantin\"", with: "/bantin/\""))
        let config = try #require(other.load().site).config
        #expect(config.baseURL == "https://example.gov.vn/bantin/")
    }

    @Test func kinds() {
        #expect(loaded.kinds.map(\.id) == ["truong-hoc", "to-dan-pho"])
        #expect(loaded.kinds.map(\.label) == ["Cơ sở giáo dục", "Tổ dân phố"])
        #expect(loaded.kind("to-dan-pho")?.label == "Tổ dân phố")
    }

    @Test func defaultKindsWithoutKindsList() throws {
        let other = TestSite()
        other.write("content/site.yaml", TestSite.siteYAML)
        other.write("content/units.yaml", "units:\n  - {name: \"Trạm Y tế\", kind: y-te}\n")
        let (loaded, diagnostics) = other.load()
        let site = try #require(loaded)
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
        #expect(site.kinds.map(\.id) == ["trung-tam", "truong-hoc", "y-te", "to-dan-pho", "co-quan", "doanh-nghiep"])
        #expect(site.units.map(\.id) == ["tram-y-te"])
    }

    @Test func unitsSortedByKindThenVietnameseOrderWithNumbers() {
        #expect(loaded.units.map(\.name) == [
            "Trường Mầm non Linh Sơn",
            "Trường THCS Linh Sơn",
            "Trường Tiểu học Linh Sơn",
            "Tổ dân phố số 2",
            "Tổ dân phố số 10",
        ])
    }

    @Test func explicitOrderComesBeforeCollation() throws {
        let other = TestSite()
        other.write("content/site.yaml", TestSite.siteYAML)
        other.write("content/units.yaml", """
        units:
          - {name: "An", kind: y-te}
          - {name: "Bình", kind: y-te, order: 2}
          - {name: "Cường", kind: y-te, order: 1}

        """)
        let site = try #require(other.load().site)
        #expect(site.units.map(\.name) == ["Cường", "Bình", "An"])
    }

    @Test func unitIDsFromSlugOfNameWhenMissing() throws {
        #expect(loaded.units.map(\.id) == [
            "truong-mam-non-linh-son", "truong-thcs-linh-son", "truong-tieu-hoc-linh-son", "tdp-2", "to-dan-pho-so-10",
        ])
        let unit = try #require(loaded.unit("tdp-2"))
        #expect(unit.name == "Tổ dân phố số 2")
        #expect(unit.kind == "to-dan-pho")
        #expect(unit.group == "Khu vực 1")
        #expect(unit.contact == "Bà Trần Thị Mai")
        #expect(unit.sample == false)
        #expect(unit.ref.file == "content/units.yaml")
        #expect(unit.ref.line == 7)
        #expect(unit.ref.column == 5)
    }

    @Test func campaignFields() throws {
        let campaign = try #require(loaded.campaign("cd-thu"))
        #expect(campaign.title == "Tuyên truyền Chỉ thị thử")
        #expect(campaign.directive == "Chỉ thị số 1-CT/TW")
        #expect(campaign.start == VietDate(year: 2026, month: 3, day: 25))
        #expect(campaign.deadline == VietDate(year: 2026, month: 6, day: 30))
        #expect(campaign.documentID == "cv-12")
        #expect(campaign.indicators.map(\.key) == ["buoi", "to-roi"])
        #expect(campaign.indicators.map(\.unit) == ["buổi", "tờ"])
        #expect(campaign.kindTargets == ["to-dan-pho": ["buoi": 2, "to-roi": 200]])
        #expect(campaign.unitTargets == ["tdp-2": ["buoi": 3]])
        #expect(campaign.ref.file == "content/campaigns/cd-thu/campaign.yaml")
        // Folders are listed byte-wise: cd-hep before cd-thu.
        #expect(loaded.campaigns.map(\.id) == ["cd-hep", "cd-thu"])
    }

    @Test func campaignTargetsMergeUnitOverKindKeyByKey() throws {
        let campaign = try #require(loaded.campaign("cd-thu"))
        let tdp2 = try #require(loaded.unit("tdp-2"))
        let tdp10 = try #require(loaded.unit("to-dan-pho-so-10"))
        let school = try #require(loaded.unit("truong-thcs-linh-son"))
        #expect(campaign.targets(for: tdp2) == ["buoi": 3, "to-roi": 200])
        #expect(campaign.targets(for: tdp10) == ["buoi": 2, "to-roi": 200])
        #expect(campaign.targets(for: school) == [:])
    }

    @Test func audienceAllAndList() throws {
        let all = try #require(loaded.campaign("cd-thu"))
        guard case .all = all.audience else {
            Issue.record("expected .all, got \(all.audience)")
            return
        }
        #expect(loaded.units.allSatisfy { all.addresses($0) })

        let narrow = try #require(loaded.campaign("cd-hep"))
        guard case let .some(kinds, units) = narrow.audience else {
            Issue.record("expected a list, got \(narrow.audience)")
            return
        }
        #expect(kinds == ["truong-hoc"])
        #expect(units == ["tdp-2"])
        #expect(loaded.units.filter { narrow.addresses($0) }.map(\.id) == [
            "truong-mam-non-linh-son", "truong-thcs-linh-son", "truong-tieu-hoc-linh-son", "tdp-2",
        ])
    }

    @Test func articlesPerSectionWithSlugsFromFileNames() {
        #expect(loaded.articles(in: .documents).map(\.slug) == ["cv-12"])
        #expect(loaded.articles(in: .messages).map(\.slug) == ["01-thong-diep"])
        // Newest first.
        #expect(loaded.articles(in: .posts).map(\.slug) == ["bai-hai", "bai-mot"])
        #expect(loaded.articles.map(\.id) == ["documents/cv-12", "messages/01-thong-diep", "posts/bai-hai", "posts/bai-mot"])
    }

    @Test func articleFields() throws {
        let post = try #require(loaded.article(.posts, "bai-mot"))
        #expect(post.title == "Tổ dân phố số 2 họp")
        #expect(post.date == VietDate(year: 2026, month: 3, day: 26))
        #expect(post.unit == "tdp-2")
        #expect(post.campaign == "cd-thu")
        #expect(post.summary == "Tóm tắt bài một")
        #expect(post.sourcePath == "posts/bai-mot.md")
        #expect(post.bodyLineOffset == 7)
        #expect(post.readBody()?.hasPrefix("\nTheo [công văn]") == true)
        #expect(post.ref == SourceRef(file: "content/posts/bai-mot.md", line: 2, column: 1))
        #expect(post.fieldRefs["unit"] == SourceRef(file: "content/posts/bai-mot.md", line: 4, column: 7))

        let message = try #require(loaded.article(.messages, "01-thong-diep"))
        #expect(message.date == nil)
        #expect(message.order == 1)
    }

    @Test func documentLetter() throws {
        let document = try #require(loaded.article(.documents, "cv-12"))
        let letter = try #require(document.letter)
        #expect(letter.kind == "cong-van")
        #expect(letter.kindName == "Công văn")
        #expect(letter.number == "12/VHXH")
        #expect(letter.subject == "V/v thử nghiệm")
        #expect(letter.recipients == ["Các tổ dân phố"])
        #expect(letter.signer.title == "TRƯỞNG PHÒNG")
        #expect(letter.signer.name == "Nguyễn Văn An")
        #expect(letter.signer.authority == nil)
        // No `place:`: the organisation's place is used.
        #expect(letter.place == "Hoà Bình")
        #expect(letter.dateLine == "ngày 25 tháng 3 năm 2026")
    }

    @Test func explicitSlugWins() throws {
        let other = TestSite.minimal()
        other.write("content/posts/Tên Bài.md", "---\ntitle: \"A\"\ndate: 2026-01-02\nslug: Địa chỉ riêng\n---\n")
        other.write("content/posts/Đường Làng.md", "---\ntitle: \"B\"\ndate: 2026-01-02\n---\n")
        let site = try #require(other.load().site)
        #expect(Set(site.articles(in: .posts).map(\.slug)) == ["dia-chi-rieng", "duong-lang"])
    }

    @Test func assetsAndStrayMarkdown() throws {
        let other = TestSite.minimal()
        other.write("content/images/anh.png", "PNG")
        other.write("content/ghi-chu.md", "---\ntitle: x\n---\n")
        let (loaded, diagnostics) = other.load()
        let site = try #require(loaded)
        #expect(site.assets.map(\.path) == ["images/anh.png"])
        let warning = try #require(diagnostics.matching("content/ghi-chu.md", "not in a known section").first)
        #expect(warning.severity == .warning)
    }

    @Test func missingSiteYAML() {
        let other = TestSite()
        other.write("content/units.yaml", TestSite.unitsYAML)
        let (site, diagnostics) = other.load()
        #expect(site == nil)
        #expect(diagnostics.errors.count == 1)
        #expect(diagnostics.errors.first?.file == "content/site.yaml")
        #expect(diagnostics.errors.first?.message.contains("no content/site.yaml") == true)
    }
}

import Foundation
import Testing
import VietText
@testable import BantinKit

/// Tallies on the hand-computed fixture of ProgressFixtures.swift.
@Suite("Progress: tally")
struct ProgressTallyTests {
    let fixture: TestSite
    let site: Site
    let diagnostics: Diagnostics
    let progress: CampaignProgress

    init() throws {
        fixture = ProgressFixture.site()
        (site, diagnostics) = try fixture.loadSite()
        progress = try fixture.progress()
    }

    func unit(_ id: String) throws -> UnitProgress { try #require(progress.unit(id), "no progress for \(id)") }

    @Test func loadsWithOnlyTheNotAddressedWarning() {
        #expect(!diagnostics.hasErrors, "\(diagnostics.summary)")
        #expect(diagnostics.all.count == 1, "\(diagnostics.summary)")
        let warning = diagnostics.matching("content/campaigns/cd/progress/to-dan-pho.csv", "not among the units of campaign `cd`")
        #expect(warning.count == 1)
        #expect(warning.first?.line == 6)
        #expect(warning.first?.column == 2)
        #expect(warning.first?.severity == .warning)
        #expect(warning.first?.message.hasPrefix("Trạm Y tế phường ") == true)
    }

    @Test func activitiesAreReadWithFileAndRow() {
        #expect(site.activities.count == 5)   // the row of the unit outside the campaign is dropped
        let rows = site.activities.map { "\($0.ref.file.split(separator: "/").last!):\($0.ref.line) \($0.unit) \($0.date.iso)" }
        #expect(rows == [
            "to-dan-pho.csv:2 tdp-2 2026-04-02",
            "to-dan-pho.csv:3 tdp-2 2026-04-20",
            "to-dan-pho.csv:4 tdp-3 2026-04-05",
            "to-dan-pho.csv:5 tdp-3 2026-04-25",
            "truong-hoc.csv:2 th-an 2026-04-10",
        ])
        let first = site.activities[0]
        #expect(first.campaign == "cd")
        #expect(first.title == "Họp tổ dân phố")
        #expect(first.values == ["buoi": 1, "luot-nguoi": 60, "loa": 0.5])
        #expect(first.note == nil)
        #expect(site.activities[1].note == "Lồng ghép họp chi bộ")
    }

    @Test func onlyAddressedUnitsInSiteOrder() {
        #expect(progress.units.map(\.unit.id) == ["thcs-an", "th-an", "tdp-2", "tdp-3", "tdp-10"])
        #expect(progress.unit("tram") == nil)
        #expect(progress.groups.map(\.kind.id) == ["truong-hoc", "to-dan-pho"])
        #expect(progress.groups.map { $0.units.map(\.unit.id) } == [["thcs-an", "th-an"], ["tdp-2", "tdp-3", "tdp-10"]])
    }

    @Test func targetsPerKindAndPerUnitOverrideKeyByKey() throws {
        let tdp3 = try unit("tdp-3")
        // buoi and pano from its own line, luot-nguoi and loa from its kind.
        #expect(tdp3.indicators.map(\.target) == [3, 100, 1, 2])
        #expect(try unit("tdp-2").indicators.map(\.target) == [2, 100, nil, 2])
        #expect(try unit("th-an").indicators.map(\.target) == [2, 300, 4, nil])
        #expect(try unit("thcs-an").indicators.map(\.target) == [2, 300, 4, nil])
    }

    @Test func activitiesAreSummedPerIndicator() throws {
        #expect(try unit("tdp-2").indicators.map(\.reported) == [2, 110, 0, 1.5])
        #expect(try unit("tdp-3").indicators.map(\.reported) == [3, 120, 1, 2])
        #expect(try unit("th-an").indicators.map(\.reported) == [1, 150, 1, 0.5])
        #expect(try unit("tdp-10").indicators.map(\.reported) == [0, 0, 0, 0])
        // Oldest first, whatever the order of the rows.
        #expect(try unit("tdp-3").activities.map(\.date.iso) == ["2026-04-05", "2026-04-25"])
        #expect(try unit("tdp-2").lastReport?.iso == "2026-04-20")
        #expect(try unit("tdp-10").lastReport == nil)
    }

    @Test func statuses() throws {
        #expect(try unit("thcs-an").status == .silent)
        #expect(try unit("th-an").status == .inProgress)
        #expect(try unit("tdp-2").status == .inProgress)   // 2 of 3 targets reached is not done
        #expect(try unit("tdp-3").status == .done)
        #expect(try unit("tdp-10").status == .silent)
        #expect(progress.count(.silent) == 2)
        #expect(progress.count(.inProgress) == 2)
        #expect(progress.count(.done) == 1)
        #expect(try unit("tdp-10").statusLabel == "Chưa báo cáo")
        #expect(try unit("tdp-2").statusLabel == "Đang thực hiện")
        #expect(try unit("tdp-3").statusLabel == "Hoàn thành")
    }

    @Test func completionIsTheMeanOfCappedRatios() throws {
        let tdp2 = try #require(try unit("tdp-2").completion)
        #expect(abs(tdp2 - 2.75 / 3) < 1e-9)        // 2/2, 110/100 capped to 1, 1,5/2
        let thAn = try #require(try unit("th-an").completion)
        #expect(abs(thAn - 1.25 / 3) < 1e-9)        // 1/2, 150/300, 1/4; loa has no target
        #expect(try unit("tdp-3").completion == 1)
        #expect(try unit("tdp-10").completion == 0)
        // The uncapped ratio is kept for display.
        let luot = try #require(try unit("tdp-2").indicators.first { $0.indicator.key == "luot-nguoi" })
        #expect(luot.ratio == 1.1)
        #expect(try unit("th-an").indicators.first { $0.indicator.key == "loa" }?.ratio == nil)
    }

    @Test func kindTotals() throws {
        let schools = try #require(progress.groups.first { $0.kind.id == "truong-hoc" })
        #expect(schools.totals.byKey == ["buoi": [1, 4], "luot-nguoi": [150, 600], "pano": [1, 8], "loa": [0.5, 0]])
        let groups = try #require(progress.groups.first { $0.kind.id == "to-dan-pho" })
        #expect(groups.totals.byKey == ["buoi": [5, 7], "luot-nguoi": [230, 300], "pano": [1, 1], "loa": [3.5, 6]])
        #expect(groups.totals.first { $0.indicator.key == "loa" }?.ratio.map { abs($0 - 3.5 / 6) < 1e-9 } == true)
        #expect(schools.totals.first { $0.indicator.key == "loa" }?.ratio == nil)
    }

    @Test func wardTotals() {
        #expect(progress.totals.byKey == ["buoi": [6, 11], "luot-nguoi": [380, 900], "pano": [2, 9], "loa": [4, 6]])
        #expect(progress.totals.map(\.indicator.key) == ["buoi", "luot-nguoi", "pano", "loa"])
    }

    @Test func coverage() throws {
        let groups = try #require(progress.groups.first { $0.kind.id == "to-dan-pho" })
        #expect(groups.coverage == "2/3 tổ dân phố")
        #expect(groups.reportedCount == 2)
        #expect(groups.doneCount == 1)
        let schools = try #require(progress.groups.first { $0.kind.id == "truong-hoc" })
        #expect(schools.coverage == "1/2 cơ sở giáo dục")
        #expect(schools.doneCount == 0)
    }

    @Test func notOverdueUpToTheDeadline() throws {
        let onDeadline = try fixture.progress(asOf: VietDate(year: 2026, month: 6, day: 30)!)
        #expect(!onDeadline.pastDeadline)
        #expect(onDeadline.overdueCount == 0)
        #expect(onDeadline.units.allSatisfy { !$0.overdue })
        #expect(onDeadline.unit("tdp-10")?.statusLabel == "Chưa báo cáo")
    }

    @Test func overdueAfterTheDeadlineUnlessDone() throws {
        let after = try fixture.progress(asOf: VietDate(year: 2026, month: 7, day: 1)!)
        #expect(after.pastDeadline)
        #expect(after.units.filter(\.overdue).map(\.unit.id) == ["thcs-an", "th-an", "tdp-2", "tdp-10"])
        #expect(after.overdueCount == 4)
        #expect(after.unit("tdp-3")?.overdue == false)
        #expect(after.unit("tdp-3")?.statusLabel == "Hoàn thành")
        #expect(after.unit("tdp-10")?.statusLabel == "Chưa báo cáo – quá hạn")
        #expect(after.unit("tdp-2")?.statusLabel == "Đang thực hiện – quá hạn")
        // The date changes nothing else.
        #expect(after.totals.byKey == progress.totals.byKey)
        #expect(after.units.map(\.status) == progress.units.map(\.status))
    }

    @Test func siteProgressUsesTheBuildDate() throws {
        #expect(site.asOf == TestSite.asOf)
        let viaSite = site.progress(try #require(site.campaign("cd")))
        #expect(viaSite.asOf == TestSite.asOf)
        #expect(viaSite.totals.byKey == progress.totals.byKey)
    }

    @Test func reachingEveryTargetMakesAUnitDone() throws {
        // One more row for tdp-2 reaches loa 2/2: it becomes done, and its kind 2/3 done.
        let more = ProgressFixture.siteWith([
            "to-dan-pho.csv": ProgressFixture.toDanPhoCSV + "2026-05-01,tdp-2,Phát thanh,,,,\"0,5\",\n",
            "truong-hoc.csv": ProgressFixture.truongHocCSV,
        ])
        let tally = try more.progress()
        #expect(tally.unit("tdp-2")?.status == .done)
        #expect(tally.unit("tdp-2")?.completion == 1)
        #expect(tally.groups.first { $0.kind.id == "to-dan-pho" }?.doneCount == 2)
        #expect(tally.totals.byKey["loa"] == [4.5, 6])
    }

    @Test func activitiesOfAnotherCampaignAreNotCounted() throws {
        let two = ProgressFixture.site()
        two.write("content/campaigns/khac/campaign.yaml", """
        title: "Chiến dịch khác"
        start: 2026-04-01
        deadline: 2026-06-30
        indicators:
          - {key: buoi, label: "Buổi tuyên truyền", unit: "buổi"}
        targets:
          to-dan-pho: {buoi: 1}

        """)
        two.write("content/campaigns/khac/progress/bao-cao.csv", "date,unit,activity,buoi\n2026-04-03,tdp-10,Họp,5\n")
        let (site, diagnostics) = try two.loadSite()
        #expect(!diagnostics.hasErrors, "\(diagnostics.summary)")
        let cd = Tally.compute(try #require(site.campaign("cd")), site: site, asOf: TestSite.asOf)
        #expect(cd.unit("tdp-10")?.status == .silent)
        #expect(cd.totals.byKey["buoi"] == [6, 11])
        let other = Tally.compute(try #require(site.campaign("khac")), site: site, asOf: TestSite.asOf)
        #expect(other.unit("tdp-10")?.status == .done)
        #expect(other.units.count == 6)   // `units:` left out means all, the health station included
        #expect(other.unit("tram")?.status == .silent)
        #expect(other.totals.byKey["buoi"] == [5, 3])   // targets only for the three groups
    }
}

/// The ways offices really write their reports.
@Suite("Progress: inputs")
struct ProgressInputTests {
    func load(_ name: String, _ bytes: [UInt8]) throws -> (activities: [Activity], diagnostics: Diagnostics) {
        let fixture = ProgressFixture.siteWith([:])
        fixture.write(ProgressFixture.progressFolder + name, bytes: bytes)
        let (site, diagnostics) = try fixture.loadSite()
        return (site.activities, diagnostics)
    }

    func load(_ name: String, _ text: String) throws -> (activities: [Activity], diagnostics: Diagnostics) {
        try load(name, Array(text.utf8))
    }

    @Test func bomAndCRLF() throws {
        let text = "Ngày,Đơn vị,Hoạt động,buoi,loa\r\n2/4/2026,tdp-2,Họp,1,\"0,5\"\r\n5/4/2026,tdp-3,Phát thanh,,2\r\n"
        let (activities, diagnostics) = try load("bom.csv", [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(!diagnostics.hasErrors, "\(diagnostics.summary)")
        #expect(activities.count == 2)
        #expect(activities.map(\.ref.line) == [2, 3])
        #expect(activities.map(\.values) == [["buoi": 1, "loa": 0.5], ["loa": 2]])
        #expect(activities.map(\.title) == ["Họp", "Phát thanh"])   // no "\r" left on any cell
        // Row numbers stay right with CRLF: the 2-hour broadcast is on row 3, column 5.
        let warning = try #require(diagnostics.warnings.first)
        #expect(diagnostics.all.count == 1, "\(diagnostics.summary)")
        #expect((warning.line, warning.column) == (3, 5))
    }

    @Test func vietnameseHeadersWithOtherCaseAccentsAndUnitSuffix() throws {
        let text = """
        NGAY,tên đơn vị,NỘI DUNG,Buổi Tuyên Truyền (buổi),luot nguoi,phat thanh tren loa (giờ),PANO (cái),Ghi Chú
        2/4/2026,tdp-2,Họp tổ,1,"1.200","0,5",3,đã họp xong

        """
        let (activities, diagnostics) = try load("tieu-de.csv", text)
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
        let row = try #require(activities.first)
        #expect(row.values == ["buoi": 1, "luot-nguoi": 1200, "loa": 0.5, "pano": 3])
        #expect(row.title == "Họp tổ")
        #expect(row.note == "đã họp xong")
        #expect(row.date == VietDate(year: 2026, month: 4, day: 2))
    }

    @Test func unitsByExactNameAndById() throws {
        let text = """
        date,unit,activity,buoi
        2026-04-02,Tổ dân phố số 10,Họp,1
        2026-04-03,tdp-10,Họp lần hai,1
        2026-04-04,Trường THCS An Bình,Chào cờ,1
        2026-04-05,thcs-an,Ngoại khoá,1

        """
        let (activities, diagnostics) = try load("don-vi.csv", text)
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
        #expect(activities.map(\.unit) == ["tdp-10", "tdp-10", "thcs-an", "thcs-an"])
    }

    @Test func vietnameseNumberFormat() throws {
        let text = """
        date,unit,activity,buoi,luot-nguoi,loa
        2026-04-02,tdp-2,Hội nghị,1,"1.200","0,25"
        2026-04-03,tdp-2,Hội nghị lớn,1,"12.345",1

        """
        let (activities, diagnostics) = try load("so.csv", text)
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
        #expect(activities.map { $0.values["luot-nguoi"] } == [1200, 12345])
        #expect(activities.first?.values["loa"] == 0.25)
    }

    @Test func semicolonDelimited() throws {
        let text = """
        Ngày;Đơn vị;Hoạt động;Buổi tuyên truyền;Lượt người tham dự;Phát thanh trên loa;Ghi chú
        2/4/2026;Tổ dân phố số 2;Họp, thảo luận;1;1.200;0,5;Có Công an phường

        """
        let (activities, diagnostics) = try load("cham-phay.csv", text)
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
        let row = try #require(activities.first)
        #expect(activities.count == 1)
        #expect(row.unit == "tdp-2")
        #expect(row.title == "Họp, thảo luận")
        #expect(row.values == ["buoi": 1, "luot-nguoi": 1200, "loa": 0.5])
        #expect(row.note == "Có Công an phường")
    }

    @Test func decomposedTextIsNormalisedToNFC() throws {
        // macOS Numbers and some editors write NFD; README promises NFC for every text on load.
        let title = "Họp tổ dân phố"
        let text = "date,unit,activity,buoi\n2026-04-02,tdp-2,\(title.decomposedStringWithCanonicalMapping),1\n"
        let (activities, diagnostics) = try load("nfd.csv", text)
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
        let row = try #require(activities.first)
        do {
            #expect(Array(row.title.utf8) == Array(title.precomposedStringWithCanonicalMapping.utf8))
        }
    }

    /// The repository's own workbook, written by openpyxl: real date cells, a second sheet.
    @Test func repositoryWorkbook() throws {
        let fixture = TestSite()
        try fixture.copyRepositoryContent()
        let (site, diagnostics) = try fixture.loadSite()
        let file = "content/campaigns/chi-thi-57/progress/truong-hoc.xlsx"
        // The second sheet ("Hướng dẫn": one line of prose) would be an unknown header if it were read.
        #expect(diagnostics.all.filter { $0.file == file }.isEmpty, "\(diagnostics.summary)")
        let rows = site.activities.filter { $0.ref.file == file }
        #expect(rows.map(\.ref.line) == [2, 3, 4, 5, 6])
        #expect(rows.map(\.date.iso) == ["2026-04-08", "2026-04-17", "2026-04-13", "2026-05-11", "2026-05-06"])
        #expect(rows.map(\.unit) == ["thcs-linh-son", "thcs-linh-son", "th-linh-son", "th-linh-son", "mn-linh-son"])
        #expect(rows.map(\.values) == [
            ["buoi": 1, "luot-nguoi": 420, "tin-bai": 1],
            ["buoi": 1, "luot-nguoi": 380, "tin-bai": 2],
            ["buoi": 1, "luot-nguoi": 310, "tin-bai": 1],
            ["buoi": 1, "luot-nguoi": 260, "tin-bai": 1],
            ["buoi": 1, "luot-nguoi": 140, "tin-bai": 1],
        ])
        #expect(rows.map(\.title) == [
            "Chào cờ đầu tuần: an toàn trên không gian mạng",
            "Ngoại khoá \"An toàn trên không gian mạng\"",
            "Sinh hoạt dưới cờ về bảo vệ thông tin cá nhân",
            "Họp phụ huynh: cảnh giác lừa đảo qua mạng",
            "Họp phụ huynh: bảo vệ hình ảnh trẻ trên mạng xã hội",
        ])
        #expect(rows.map(\.note) == [nil, nil, nil, "Lồng ghép họp phụ huynh cuối năm", nil])
        #expect(rows.allSatisfy { $0.campaign == "chi-thi-57" })

        // And they add up: Trường THCS 2 buổi, 800 lượt, 3 tin bài against 2 / 300 / 2.
        let campaign = try #require(site.campaign("chi-thi-57"))
        let tally = Tally.compute(campaign, site: site, asOf: VietDate(year: 2026, month: 5, day: 15)!)
        let thcs = try #require(tally.unit("thcs-linh-son"))
        #expect(thcs.status == .done)
        #expect(thcs.reported("luot-nguoi") == 800)
        #expect(thcs.reported("tin-bai") == 3)
        #expect(tally.unit("mn-linh-son")?.status == .inProgress)
        // The health station's CSV row with "1.200" people.
        #expect(tally.unit("tram-y-te")?.reported("luot-nguoi") == 1200)
        #expect(tally.unit("tram-y-te")?.status == .done)
        #expect(tally.unit("tdp-19")?.status == .silent)
        #expect(!diagnostics.hasErrors, "\(diagnostics.summary)")
    }

    @Test func excelLockFilesAreIgnored() throws {
        let (activities, diagnostics) = try load("~$bao-cao.xlsx", [0x00, 0x01, 0x02])
        #expect(diagnostics.all.isEmpty, "\(diagnostics.summary)")
        #expect(activities.isEmpty)
    }
}

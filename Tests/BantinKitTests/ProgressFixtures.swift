import Foundation
import Testing
import VietText
@testable import BantinKit

/// A small site for the progress feature, with numbers small enough to add up by hand.
///
/// Campaign `cd` (1/4/2026 – 30/6/2026) addresses the kinds truong-hoc and to-dan-pho, not y-te.
///
/// | unit (site order)             | targets                                   | reported                                  | status     | completion          |
/// |-------------------------------|-------------------------------------------|-------------------------------------------|------------|---------------------|
/// | thcs-an "Trường THCS An Bình"  | buoi 2, luot-nguoi 300, pano 4            | –                                         | silent     | 0                   |
/// | th-an "Trường Tiểu học An Bình"| buoi 2, luot-nguoi 300, pano 4            | buoi 1, luot 150, pano 1, loa 0,5         | inProgress | (½+½+¼)/3 = 41,67 % |
/// | tdp-2 "Tổ dân phố số 2"        | buoi 2, luot-nguoi 100, loa 2             | buoi 2, luot 110, loa 1,5                 | inProgress | (1+1+¾)/3 = 91,67 % |
/// | tdp-3 "Tổ dân phố số 3"        | buoi 3, luot-nguoi 100, loa 2, pano 1 (own buoi, pano) | buoi 3, luot 120, pano 1, loa 2 | done       | 100 %               |
/// | tdp-10 "Tổ dân phố số 10"      | buoi 2, luot-nguoi 100, loa 2             | –                                         | silent     | 0                   |
/// | tram "Trạm Y tế phường" (y-te) | not addressed                             | one row, not counted                      | –          | –                   |
///
/// Kind totals: Cơ sở giáo dục buoi 1/4, luot 150/600, pano 1/8, loa 0,5/0;
/// Tổ dân phố buoi 5/7, luot 230/300, pano 1/1, loa 3,5/6. Ward: buoi 6/11, luot 380/900, pano 2/9, loa 4/6.
enum ProgressFixture {
    static let campaignID = "cd"
    static let progressFolder = "content/campaigns/cd/progress/"

    static let unitsYAML = """
    kinds:
      - {id: truong-hoc, label: "Cơ sở giáo dục"}
      - {id: to-dan-pho, label: "Tổ dân phố"}
      - {id: y-te, label: "Y tế"}
    units:
      - {id: tdp-10, name: "Tổ dân phố số 10", kind: to-dan-pho, group: "Khu vực 2"}
      - {id: tdp-2, name: "Tổ dân phố số 2", kind: to-dan-pho, group: "Khu vực 1"}
      - {id: th-an, name: "Trường Tiểu học An Bình", kind: truong-hoc}
      - {id: tdp-3, name: "Tổ dân phố số 3", kind: to-dan-pho, group: "Khu vực 1"}
      - {id: thcs-an, name: "Trường THCS An Bình", kind: truong-hoc}
      - {id: tram, name: "Trạm Y tế phường", kind: y-te}

    """

    static let campaignYAML = """
    title: "Tuyên truyền an ninh mạng"
    start: 2026-04-01
    deadline: 2026-06-30
    units: [truong-hoc, to-dan-pho]
    indicators:
      - {key: buoi, label: "Buổi tuyên truyền", unit: "buổi"}
      - {key: luot-nguoi, label: "Lượt người tham dự", unit: "lượt người"}
      - {key: pano, label: "Pa-nô, áp phích", unit: "cái", max_per_row: 20}
      - {key: loa, label: "Phát thanh trên loa", unit: "giờ"}
    targets:
      to-dan-pho: {buoi: 2, luot-nguoi: 100, loa: 2}
      truong-hoc: {buoi: 2, luot-nguoi: 300, pano: 4}
      tdp-3: {buoi: 3, pano: 1}

    """

    /// Keys as headers, units by id, ISO dates. Row numbers: header 1, data 2–6.
    static let toDanPhoCSV = """
    date,unit,activity,buoi,luot-nguoi,pano,loa,note
    2026-04-02,tdp-2,Họp tổ dân phố,1,60,,"0,5",
    2026-04-20,tdp-2,Tuyên truyền lừa đảo trực tuyến,1,50,,1,Lồng ghép họp chi bộ
    2026-04-05,tdp-3,Họp tổ dân phố,2,80,1,1,
    2026-04-25,tdp-3,Phát thanh,1,40,,1,
    2026-04-12,tram,Khám sức khoẻ,1,90,,,

    """

    /// Vietnamese labels as headers, units by exact name, day-first dates.
    static let truongHocCSV = """
    Ngày,Đơn vị,Hoạt động,Buổi tuyên truyền,Lượt người tham dự,"Pa-nô, áp phích",Phát thanh trên loa,Ghi chú
    10/4/2026,Trường Tiểu học An Bình,Sinh hoạt dưới cờ,1,150,1,"0,5",

    """

    /// The whole fixture; `extraUnits` are appended to units.yaml (YAML list items).
    static func site(extraUnits: String = "", files: [String: String]? = nil) -> TestSite {
        let site = TestSite()
        site.write("content/site.yaml", TestSite.siteYAML)
        site.write("content/units.yaml", unitsYAML + extraUnits)
        site.write("content/campaigns/cd/campaign.yaml", campaignYAML)
        for (name, text) in files ?? ["to-dan-pho.csv": toDanPhoCSV, "truong-hoc.csv": truongHocCSV] {
            site.write(progressFolder + name, text)
        }
        return site
    }

    /// The fixture site with only the given progress files (name → text).
    static func siteWith(_ files: [String: String]) -> TestSite { site(files: files) }

    static let header = "date,unit,activity,buoi,luot-nguoi,pano,loa,note\n"

    /// A report in content/reports/ whose fence (the first body line after a blank line) is on file line 8.
    static func report(_ fences: String) -> String {
        """
        ---
        title: "Báo cáo kết quả"
        number: "15/BC-VHXH"
        date: 2026-05-02
        signer: {title: "TRƯỞNG PHÒNG", name: "Nguyễn Văn An"}
        ---

        \(fences)

        Hết.

        """
    }
}

extension TestSite {
    /// Loads with a site that must exist, recording the diagnostics when it does not.
    func loadSite(sourceLocation: SourceLocation = #_sourceLocation) throws -> (site: Site, diagnostics: Diagnostics) {
        let (site, diagnostics) = load()
        let loaded = try #require(site, "\(diagnostics.summary)", sourceLocation: sourceLocation)
        return (loaded, diagnostics)
    }

    func progress(_ campaign: String = ProgressFixture.campaignID, asOf: VietDate = TestSite.asOf,
                  sourceLocation: SourceLocation = #_sourceLocation) throws -> CampaignProgress {
        let (site, _) = try loadSite(sourceLocation: sourceLocation)
        let found = try #require(site.campaign(campaign), sourceLocation: sourceLocation)
        return Tally.compute(found, site: site, asOf: asOf)
    }

    /// Copies the repository's own content/ into this site folder.
    func copyRepositoryContent() throws {
        try FileManager.default.copyItem(at: repositoryRoot.appending(path: "content"), to: root.appending(path: "content"))
    }
}

/// The repository root, found from this file: Tests/BantinKitTests/ProgressFixtures.swift.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

extension UnitProgress {
    func reported(_ key: String) -> Double? { indicators.first { $0.indicator.key == key }?.reported }
    func target(_ key: String) -> Double? { indicators.first { $0.indicator.key == key }?.target }
}

extension Array where Element == IndicatorTotal {
    /// key → (reported, target), for comparing whole rows at once.
    var byKey: [String: [Double]] {
        Dictionary(uniqueKeysWithValues: map { ($0.indicator.key, [$0.reported, $0.target]) })
    }
}

/// The text between `start` and the next `end` after it, or "" when either is missing.
func slice(_ text: String, from start: String, to end: String) -> String {
    guard let a = text.range(of: start), let b = text.range(of: end, range: a.upperBound..<text.endIndex) else { return "" }
    return String(text[a.lowerBound..<b.upperBound])
}

/// True when every string occurs in `text`, each after the previous one.
func inOrder(_ text: String, _ parts: [String]) -> Bool {
    var from = text.startIndex
    for part in parts {
        guard let range = text.range(of: part, range: from..<text.endIndex) else { return false }
        from = range.upperBound
    }
    return true
}

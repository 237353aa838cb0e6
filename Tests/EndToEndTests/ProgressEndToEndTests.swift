import Foundation
import Testing

/// The repository's own Linh Sơn site and its activity reports, built by the real binary on two
/// days: mid-May (before the 30/6/2026 deadline) and mid-July (after it).
///
/// The reports say: 16 units done, 9 in progress, 5 silent (tdp-19, tdp-21, tdp-23, tdp-24, tdp-25)
/// of 30; the health station (tram-y-te) is done with 1 buổi, 1.200 lượt người, 350 tờ.
@Suite("Progress end to end", .serialized)
struct ProgressEndToEndTests {
    static let silent = ["tdp-19", "tdp-21", "tdp-23", "tdp-24", "tdp-25"]
    static let overview = "chien-dich/chi-thi-57/tien-do/index.html"
    /// These tests are about HTML and downloads: keep any PDF printing (which needs Chromium) out of them.
    static let noChromium = ["BANTIN_CHROMIUM": "/nonexistent/chromium"]

    /// The two builds, made once for the whole suite.
    struct Builds {
        let temp: TempSite
        let may: URL, july: URL
        let mayRun: Bantin.Result, julyRun: Bantin.Result
    }

    static let builds = Result<Builds, any Error> {
        let temp = try TempSite.repositoryCopy()
        let may = temp.root.appending(path: "thang-5"), july = temp.root.appending(path: "thang-7")
        return Builds(
            temp: temp, may: may, july: july,
            mayRun: try Bantin.run(["build", "--site", temp.root.path, "--output", may.path, "--as-of", "2026-05-15"],
                                   environment: noChromium),
            julyRun: try Bantin.run(["build", "--site", temp.root.path, "--output", july.path, "--as-of", "15/7/2026"],
                                    environment: noChromium))
    }

    let temp: TempSite
    let may: URL, july: URL
    let mayRun: Bantin.Result, julyRun: Bantin.Result

    init() throws {
        let builds = try Self.builds.get()
        (temp, may, july, mayRun, julyRun) = (builds.temp, builds.may, builds.july, builds.mayRun, builds.julyRun)
    }

    func page(_ output: URL, _ path: String) throws -> String {
        try String(contentsOf: output.appending(path: path), encoding: .utf8)
    }

    @Test func bothBuildsSucceed() throws {
        #expect(mayRun.status == 0, "\(mayRun.stderr)")
        #expect(julyRun.status == 0, "\(julyRun.stderr)")
        #expect(!mayRun.stderr.contains("error:"))
        // The activity reports of the repository are clean.
        #expect(!mayRun.stderr.contains("progress/"), "\(mayRun.stderr)")
        for path in [Self.overview, "chien-dich/chi-thi-57/tally.csv", "chien-dich/chi-thi-57/tally.json",
                     "bao-cao/bao-cao-ket-qua-chi-thi-57/index.html"] {
            #expect(FileManager.default.fileExists(atPath: may.appending(path: path).path), "no \(path)")
        }
    }

    @Test func inMayNobodyIsOverdue() throws {
        let overview = try page(may, Self.overview)
        #expect(overview.contains(#"Số liệu tính đến <span class="nowrap">ngày 15 tháng 5 năm 2026</span>; hạn hoàn thành"#))
        #expect(inOrder(overview, ["<li><strong>30</strong> đơn vị</li>", "<li><strong>8</strong> hoàn thành</li>",
                                   "<li><strong>17</strong> đang thực hiện</li>", "<li><strong>5</strong> chưa báo cáo</li>"]), "\(overview)")
        #expect(!overview.contains("quá hạn"))
        #expect(!overview.contains("status-overdue"))
        for (path, data) in try tree(may.appending(path: "don-vi")) {
            #expect(!String(decoding: data, as: UTF8.self).contains("quá hạn"), "don-vi/\(path)")
        }
        let json = try tally(may)
        #expect(json.units.filter { $0["overdue"] as? Bool == true }.isEmpty)
        #expect(json.root["as_of"] as? String == "2026-05-15")
    }

    @Test func inJulyTheSilentAndUnfinishedAreOverdue() throws {
        let overview = try page(july, Self.overview)
        #expect(overview.contains(#"Số liệu tính đến <span class="nowrap">ngày 15 tháng 7 năm 2026</span> – đã quá hạn hoàn thành"#))
        #expect(overview.contains("<li><strong>14</strong> quá hạn</li>"), "\(overview)")
        for id in Self.silent {
            #expect(overview.contains("don-vi/\(id)/index.html\">Tổ dân phố số \(id.dropFirst(4))</a></th><td><span class=\"status status-chua-bao-cao status-overdue\">Chưa báo cáo – quá hạn</span></td>"), "\(id)")
        }
        let json = try tally(july)
        let overdue = Set(json.units.filter { $0["overdue"] as? Bool == true }.compactMap { $0["id"] as? String })
        #expect(overdue.count == 14)
        #expect(overdue.isSuperset(of: Self.silent))
        #expect(!overdue.contains("tram-y-te"))
        #expect(json.units.filter { $0["status"] as? String == "hoan-thanh" }.count == 16)
    }

    @Test func kindTotalsAreWrittenLikeTheirUnits() throws {
        // The centre has targets for buổi, lượt người and tin bài only: the two others are "—", as in its row.
        let overview = try page(july, Self.overview)
        #expect(overview.contains(#"<tfoot><tr><th scope="row">Cộng</th><td></td><td class="num">2/2</td><td class="num">157/150</td><td class="num">—</td><td class="num">7/6</td><td class="num">—</td></tr></tfoot>"#),
                "\(overview)")
        #expect(!overview.contains(#"<td class="num">0</td></tr></tfoot>"#))
    }

    @Test func silentUnitTdp19() throws {
        let mayOverview = try page(may, Self.overview)
        let behind = slice(mayOverview, from: #"<h2 id="can-doc-thuc">"#, to: "</section>")
        #expect(behind.hasPrefix(#"<h2 id="can-doc-thuc">Đơn vị chưa hoàn thành (22)</h2>"#), "\(behind)")
        // Silent units head the call list.
        let firstRows = behind.components(separatedBy: "<tr><th scope=\"row\">").dropFirst().prefix(5)
        #expect(firstRows.allSatisfy { $0.contains("status-chua-bao-cao") }, "\(behind)")
        #expect(behind.contains(#"<a href="../../../don-vi/tdp-19/index.html">Tổ dân phố số 19</a></th><td><span class="status status-chua-bao-cao">Chưa báo cáo</span></td><td class="num">0%</td><td></td></tr>"#))

        let mayPage = try page(may, "don-vi/tdp-19/index.html")
        #expect(mayPage.contains(#"<span class="status status-chua-bao-cao">Chưa báo cáo</span> · đạt 0% chỉ tiêu</p>"#), "\(mayPage)")
        #expect(mayPage.contains("<p>Đơn vị chưa báo cáo hoạt động nào.</p>"))
        #expect(mayPage.contains(#"<title id="bieu-do-chi-thi-57-t">Tiến độ của Tổ dân phố số 19 so với chỉ tiêu</title>"#))

        let julyPage = try page(july, "don-vi/tdp-19/index.html")
        #expect(julyPage.contains(#"<span class="status status-chua-bao-cao status-overdue">Chưa báo cáo – quá hạn</span>"#))
    }

    @Test func doneUnitTramYTe() throws {
        let row = #"<a href="../../../don-vi/tram-y-te/index.html">Trạm Y tế phường Linh Sơn</a></th><td><span class="status status-hoan-thanh">Hoàn thành</span></td><td class="num">1/1</td><td class="num">1.200/100</td><td class="num">350/300</td><td class="num">—</td><td class="num">—</td></tr>"#
        for output in [may, july] {
            let overview = try page(output, Self.overview)
            #expect(overview.contains(row), "\(output.lastPathComponent)")
            #expect(!slice(overview, from: #"<h2 id="can-doc-thuc">"#, to: "</section>").contains("tram-y-te"))
            let unit = try page(output, "don-vi/tram-y-te/index.html")
            #expect(unit.contains(#"<span class="status status-hoan-thanh">Hoàn thành</span> · đạt 100% chỉ tiêu · báo cáo gần nhất 20/4/2026"#))
            #expect(unit.contains(#"<tr><th scope="row">Lượt người tham dự</th><td class="num">1.200</td><td class="num">100</td><td class="num">1.200%</td><td>lượt người</td></tr>"#))
            #expect(unit.contains("<td>1 buổi; 1.200 lượt người; 350 tờ</td><td>Lồng ghép khám sức khoẻ định kỳ</td>"))
            #expect(!unit.contains("quá hạn"))
        }
    }

    @Test func reportPageDataBlocks() throws {
        let report = try page(may, "bao-cao/bao-cao-ket-qua-chi-thi-57/index.html")
        #expect(!report.contains("```bantin"))
        #expect(!report.contains("<code class=\"language-bantin"))
        #expect(report.contains(#"<tr><th scope="row">Tổ dân phố</th><td>20/25 tổ dân phố</td><td>5/25</td><td>5</td></tr>"#), "\(report)")
        #expect(report.contains("<caption>Đơn vị chưa hoàn thành (22)</caption>"))
        #expect(report.contains(#"<figure class="chart-figure"><svg class="chart""#))
    }

    @Test func sourceDateEpochMatchesAsOf() throws {
        // 20:00 UTC on 14/5 is already 15/5 in Vietnam (UTC+7).
        let epochMay = temp.root.appending(path: "epoch-5")
        let mayResult = try Bantin.run(["build", "--site", temp.root.path, "--output", epochMay.path],
                                       environment: Self.noChromium.merging(["SOURCE_DATE_EPOCH": "1778788800"]) { $1 })
        #expect(mayResult.status == 0, "\(mayResult.stderr)")
        let epochJuly = temp.root.appending(path: "epoch-7")
        let julyResult = try Bantin.run(["build", "--site", temp.root.path, "--output", epochJuly.path],
                                        environment: Self.noChromium.merging(["SOURCE_DATE_EPOCH": "1784091600"]) { $1 })
        #expect(julyResult.status == 0, "\(julyResult.stderr)")
        let mayTree = try tree(may), julyTree = try tree(july)
        #expect(mayTree.count > 40)
        #expect(try tree(epochMay) == mayTree)
        #expect(try tree(epochJuly) == julyTree)
        #expect(mayTree != julyTree)
    }

    @Test func brokenReportFailsWithRowNumbersAndKeepsPublic() throws {
        let site = try TempSite()
        try site.copyRepositoryContent()
        let first = try Bantin.run(["build", "--as-of", "2026-05-15"], in: site.root, environment: Self.noChromium)
        #expect(first.status == 0, "\(first.stderr)")
        try site.write("public/marker.txt", "uploaded by hand")
        let before = try tree(site.root.appending(path: "public"))
        #expect(before.count > 40)

        // The file has 34 lines (header and 33 rows) ending in CRLF: the new rows are 35–37.
        let csv = "content/campaigns/chi-thi-57/progress/to-dan-pho.csv"
        try site.write(csv, try site.read(csv)
            + "2/5/2026,Tổ dân phố số 26,Họp tổ,1,40,100,1,\r\n"
            + "3/5/2026,Tổ dân phố số 19,Họp tổ,một,40,100,1,\r\n"
            + "32/5/2026,Tổ dân phố số 19,Họp tổ,1,40,100,1,\r\n")
        try site.write("content/campaigns/chi-thi-57/progress/excel.csv",
                       Data(Array("date,unit,activity,buoi\r\n2026-04-02,tdp-2,Ho".utf8) + [0xF2] + Array("p,1\r\n".utf8)))

        let second = try Bantin.run(["build", "--as-of", "2026-05-15"], in: site.root, environment: Self.noChromium)
        #expect(second.status == 1)
        let expected = [
            "content/campaigns/chi-thi-57/progress/excel.csv:2:20: error: The file is not UTF-8",
            "content/campaigns/chi-thi-57/progress/to-dan-pho.csv:35:2: error: unknown unit `Tổ dân phố số 26`",
            "content/campaigns/chi-thi-57/progress/to-dan-pho.csv:36:4: error: `một` is not a number",
            "content/campaigns/chi-thi-57/progress/to-dan-pho.csv:37:1: error: `32/5/2026` is not a date",
        ]
        for line in expected { #expect(second.stderr.contains(line), "missing \(line) in:\n\(second.stderr)") }
        #expect(inOrder(second.stderr, expected), "not sorted by file and line:\n\(second.stderr)")
        #expect(second.stderr.contains("Windows-1258"))
        #expect(second.stderr.contains("build failed with 4 error(s)"))
        #expect(second.stdout.isEmpty)
        #expect(try tree(site.root.appending(path: "public")) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public") }
        #expect(leftovers.isEmpty)
    }

    // MARK: Helpers

    func tally(_ output: URL) throws -> (root: [String: Any], units: [[String: Any]]) {
        let data = try Data(contentsOf: output.appending(path: "chien-dich/chi-thi-57/tally.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let units = try #require(root["units"] as? [[String: Any]])
        #expect(units.count == 30)
        return (root, units)
    }
}

/// The text between `start` and the next `end` after it, or "" when either is missing.
private func slice(_ text: String, from start: String, to end: String) -> String {
    guard let a = text.range(of: start), let b = text.range(of: end, range: a.upperBound..<text.endIndex) else { return "" }
    return String(text[a.lowerBound..<b.upperBound])
}

/// True when every string occurs in `text`, each after the previous one.
private func inOrder(_ text: String, _ parts: [String]) -> Bool {
    var from = text.startIndex
    for part in parts {
        guard let range = text.range(of: part, range: from..<text.endIndex) else { return false }
        from = range.upperBound
    }
    return true
}

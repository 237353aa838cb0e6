import Foundation
import Testing
import VietText
@testable import BantinKit

/// Pages and downloads built from the hand-computed fixture (as of 1/5/2026, before the deadline).
@Suite("Progress: pages")
struct ProgressPageTests {
    let fixture: TestSite
    let report: SiteBuilder.Report
    let output: URL

    init() {
        fixture = ProgressFixture.site()
        (report, output) = fixture.build()
    }

    func page(_ path: String) -> String { readText(output.appending(path: path)) }

    @Test func buildsWithTheOneExpectedWarning() {
        #expect(report.succeeded, "\(report.diagnostics.summary)")
        #expect(report.diagnostics.errors.isEmpty)
        #expect(report.diagnostics.warnings.count == 1, "\(report.diagnostics.summary)")
        let files = listFiles(output)
        for path in ["chien-dich/cd/index.html", "chien-dich/cd/tien-do/index.html", "chien-dich/cd/tally.csv",
                     "chien-dich/cd/tally.json", "don-vi/tdp-2/index.html"] {
            #expect(files.contains(path), "no \(path)")
        }
    }

    // MARK: Unit page

    @Test func unitPageShowsStatusCompletionAndLastReport() {
        let html = page("don-vi/tdp-2/index.html")
        #expect(html.contains("<h3>Tiến độ thực hiện</h3>"))
        #expect(html.contains(#"<span class="status status-dang-thuc-hien">Đang thực hiện</span> · đạt 92% chỉ tiêu · báo cáo gần nhất 20/4/2026"#), "\(html)")
        #expect(!html.contains("quá hạn"))
    }

    @Test func unitPageTable() {
        let html = page("don-vi/tdp-2/index.html")
        let table = slice(html, from: "<caption>Chỉ tiêu và kết quả của đơn vị</caption>", to: "</table>")
        #expect(!table.isEmpty, "\(html)")
        #expect(table.contains(#"<th scope="col">Nội dung</th><th scope="col" class="num">Đã thực hiện</th><th scope="col" class="num">Chỉ tiêu</th><th scope="col" class="num">Tỉ lệ</th><th scope="col">Đơn vị tính</th>"#))
        #expect(inOrder(table, [
            #"<tr><th scope="row">Buổi tuyên truyền</th><td class="num">2</td><td class="num">2</td><td class="num">100%</td><td>buổi</td></tr>"#,
            #"<tr><th scope="row">Lượt người tham dự</th><td class="num">110</td><td class="num">100</td><td class="num">110%</td><td>lượt người</td></tr>"#,
            #"<tr><th scope="row">Phát thanh trên loa</th><td class="num">1,5</td><td class="num">2</td><td class="num">75%</td><td>giờ</td></tr>"#,
        ]), "\(table)")
        // No target and nothing reported: not this unit's business.
        #expect(!table.contains("Pa-nô"))
    }

    @Test func unitPageChart() {
        let html = page("don-vi/tdp-2/index.html")
        let svg = slice(html, from: "<svg", to: "</svg>")
        #expect(svg.hasPrefix(#"<svg class="chart" viewBox="0 0 340 188" role="img" aria-labelledby="bieu-do-cd-t" "#), "\(svg)")
        #expect(svg.contains(#"<title id="bieu-do-cd-t">Tiến độ của Tổ dân phố số 2 so với chỉ tiêu</title>"#))
        #expect(inOrder(svg, [">Buổi tuyên truyền<", ">2/2 buổi · 100%<", ">Lượt người tham dự<", ">110/100 lượt người · 110%<",
                              ">Phát thanh trên loa<", ">1,5/2 giờ · 75%<"]), "\(svg)")
        // Bars are capped at the full width; 1,5/2 fills three quarters of 340.
        #expect(svg.contains(##"<rect x="0" y="44" width="340" height="12" fill="#1b6e35"/>"##))
        #expect(svg.contains(##"<rect x="0" y="106" width="340" height="12" fill="#1b6e35"/>"##))
        #expect(svg.contains(##"<rect x="0" y="168" width="255" height="12" fill="#8a5300"/>"##))
        #expect(!svg.contains("Pa-nô"))
        #expect(html.contains(#"<figure class="chart-figure"><svg class="chart""#))
    }

    @Test func unitPageActivitiesNewestFirst() {
        let html = page("don-vi/tdp-2/index.html")
        #expect(html.contains("<h3>Hoạt động đã báo cáo (2)</h3>"))
        #expect(html.contains("<caption>Hoạt động theo ngày, mới nhất trước</caption>"))
        #expect(inOrder(html, [
            #"<tr><td class="nowrap"><time datetime="2026-04-20">20/4/2026</time></td><th scope="row">Tuyên truyền lừa đảo trực tuyến</th><td>1 buổi; 50 lượt người; 1 giờ</td><td>Lồng ghép họp chi bộ</td></tr>"#,
            #"<tr><td class="nowrap"><time datetime="2026-04-02">2/4/2026</time></td><th scope="row">Họp tổ dân phố</th><td>1 buổi; 60 lượt người; 0,5 giờ</td><td></td></tr>"#,
        ]), "\(html)")
        #expect(html.contains(#"<a href="../../chien-dich/cd/tien-do/index.html">Tiến độ của tất cả đơn vị</a>"#))
    }

    @Test func unitWithItsOwnTargets() {
        let html = page("don-vi/tdp-3/index.html")
        #expect(html.contains(#"<span class="status status-hoan-thanh">Hoàn thành</span> · đạt 100% chỉ tiêu · báo cáo gần nhất 25/4/2026"#))
        #expect(html.contains(#"<tr><th scope="row">Buổi tuyên truyền</th><td class="num">3</td><td class="num">3</td><td class="num">100%</td><td>buổi</td></tr>"#))
        #expect(html.contains(#"<tr><th scope="row">Pa-nô, áp phích</th><td class="num">1</td><td class="num">1</td><td class="num">100%</td><td>cái</td></tr>"#))
    }

    @Test func silentUnitPage() {
        let html = page("don-vi/tdp-10/index.html")
        #expect(html.contains(#"<span class="status status-chua-bao-cao">Chưa báo cáo</span>"#))
        #expect(html.contains("<h3>Hoạt động đã báo cáo (0)</h3>"))
        #expect(html.contains("<p>Đơn vị chưa báo cáo hoạt động nào.</p>"))
        #expect(!html.contains("báo cáo gần nhất"))
        #expect(html.contains(#"<tr><th scope="row">Buổi tuyên truyền</th><td class="num">0</td><td class="num">2</td><td class="num">0%</td><td>buổi</td></tr>"#))
    }

    @Test func unitOutsideTheCampaignHasNoProgress() {
        let html = page("don-vi/tram/index.html")
        #expect(html.contains("<h1>Trạm Y tế phường</h1>"))
        #expect(!html.contains("Tiến độ thực hiện"))
        #expect(!html.contains("Tuyên truyền an ninh mạng"))
        #expect(!html.contains("Khám sức khoẻ"))
    }

    // MARK: Overview

    @Test func overviewCounts() {
        let html = page("chien-dich/cd/tien-do/index.html")
        #expect(html.contains("<h1>Tiến độ: Tuyên truyền an ninh mạng</h1>"))
        #expect(html.contains(#"Số liệu tính đến <span class="nowrap">ngày 01 tháng 5 năm 2026</span>; hạn hoàn thành"#))
        #expect(inOrder(html, ["<li><strong>5</strong> đơn vị</li>", "<li><strong>1</strong> hoàn thành</li>",
                               "<li><strong>2</strong> đang thực hiện</li>", "<li><strong>2</strong> chưa báo cáo</li>"]))
        #expect(!html.contains("quá hạn"))
        #expect(html.contains(#"<a href="../../../chien-dich/cd/tally.csv" download>tally.csv</a>"#))
        #expect(html.contains(#"<a href="../../../chien-dich/cd/tally.json" download>tally.json</a>"#))
        #expect(!html.contains("Trạm Y tế"))
        #expect(page("chien-dich/cd/index.html").contains(#"<a href="../../chien-dich/cd/tien-do/index.html">xem tiến độ từng đơn vị</a>"#))
    }

    @Test func overviewListsSilentUnitsFirst() {
        let html = page("chien-dich/cd/tien-do/index.html")
        let behind = slice(html, from: #"<h2 id="can-doc-thuc">"#, to: "</section>")
        #expect(behind.hasPrefix(#"<h2 id="can-doc-thuc">Đơn vị chưa hoàn thành (4)</h2>"#), "\(behind)")
        let rows = behind.components(separatedBy: "<tr><th scope=\"row\">").dropFirst()
        #expect(rows.count == 4, "\(behind)")
        let names = rows.map { String($0.split(separator: ">", maxSplits: 2)[1].split(separator: "<")[0]) }
        #expect(Set(names.prefix(2)) == ["Trường THCS An Bình", "Tổ dân phố số 10"], "\(names)")
        // Then the furthest behind: 42 % before 92 %.
        #expect(Array(names.suffix(2)) == ["Trường Tiểu học An Bình", "Tổ dân phố số 2"], "\(names)")
        #expect(behind.contains(#"<a href="../../../don-vi/tdp-10/index.html">Tổ dân phố số 10</a></th><td><span class="status status-chua-bao-cao">Chưa báo cáo</span></td><td class="num">0%</td><td></td></tr>"#))
        #expect(behind.contains(#"<a href="../../../don-vi/tdp-2/index.html">Tổ dân phố số 2</a></th><td><span class="status status-dang-thuc-hien">Đang thực hiện</span></td><td class="num">92%</td><td>20/4/2026</td></tr>"#))
        #expect(!behind.contains("Tổ dân phố số 3"))
    }

    @Test func overviewGroupsByKindInOrder() {
        let html = page("chien-dich/cd/tien-do/index.html")
        #expect(inOrder(html, [#"<h2 id="nhom-truong-hoc">Cơ sở giáo dục</h2>"#, #"<h2 id="nhom-to-dan-pho">Tổ dân phố</h2>"#]))
        #expect(!html.contains(#"id="nhom-y-te""#))
        let groups = slice(html, from: #"<h2 id="nhom-to-dan-pho">"#, to: "</section>")
        #expect(groups.contains("<p>Đã báo cáo: 2/3 tổ dân phố · hoàn thành: 1/3</p>"))
        #expect(groups.contains(#"<th scope="col" class="num">Pa-nô, áp phích <span class="unit">(cái)</span></th>"#))
        // Vietnamese order with numbers as numbers: 2, 3, 10.
        #expect(inOrder(groups, [">Tổ dân phố số 2<", ">Tổ dân phố số 3<", ">Tổ dân phố số 10<"]), "\(groups)")
        #expect(groups.contains(#"<a href="../../../don-vi/tdp-2/index.html">Tổ dân phố số 2</a></th><td><span class="status status-dang-thuc-hien">Đang thực hiện</span></td><td class="num">2/2</td><td class="num">110/100</td><td class="num">—</td><td class="num">1,5/2</td></tr>"#), "\(groups)")
        #expect(groups.contains(#"<tfoot><tr><th scope="row">Cộng</th><td></td><td class="num">5/7</td><td class="num">230/300</td><td class="num">1/1</td><td class="num">3,5/6</td></tr></tfoot>"#), "\(groups)")
        let schools = slice(html, from: #"<h2 id="nhom-truong-hoc">"#, to: "</section>")
        #expect(schools.contains("<p>Đã báo cáo: 1/2 cơ sở giáo dục · hoàn thành: 0/2</p>"))
        #expect(inOrder(schools, [">Trường THCS An Bình<", ">Trường Tiểu học An Bình<"]))
        // No target for loa among schools: the bare sum.
        #expect(schools.contains(#"<tfoot><tr><th scope="row">Cộng</th><td></td><td class="num">1/4</td><td class="num">150/600</td><td class="num">1/8</td><td class="num">0,5</td></tr></tfoot>"#), "\(schools)")
    }

    @Test func overviewWardTotals() {
        let html = page("chien-dich/cd/tien-do/index.html")
        let ward = slice(html, from: #"<h2 id="toan-phuong">"#, to: "</section>")
        #expect(inOrder(ward, [
            #"<tr><th scope="row">Buổi tuyên truyền</th><td class="num">6</td><td class="num">11</td><td class="num">55%</td><td>buổi</td></tr>"#,
            #"<tr><th scope="row">Lượt người tham dự</th><td class="num">380</td><td class="num">900</td><td class="num">42%</td><td>lượt người</td></tr>"#,
            #"<tr><th scope="row">Pa-nô, áp phích</th><td class="num">2</td><td class="num">9</td><td class="num">22%</td><td>cái</td></tr>"#,
            #"<tr><th scope="row">Phát thanh trên loa</th><td class="num">4</td><td class="num">6</td><td class="num">67%</td><td>giờ</td></tr>"#,
        ]), "\(ward)")
        #expect(ward.contains(#"<title id="bieu-do-toan-phuong-t">Kết quả toàn phường so với tổng chỉ tiêu</title>"#))
        #expect(ward.contains(">6/11 buổi · 55%<"))
    }

    @Test func overviewAfterTheDeadline() {
        let output = fixture.root.appending(path: "thang-7")
        let report = SiteBuilder.build(.init(siteRoot: fixture.root, output: output, asOf: VietDate(year: 2026, month: 7, day: 1)))
        #expect(report.succeeded, "\(report.diagnostics.summary)")
        let html = readText(output.appending(path: "chien-dich/cd/tien-do/index.html"))
        #expect(html.contains("<li><strong>4</strong> quá hạn</li>"))
        #expect(html.contains(#"Số liệu tính đến <span class="nowrap">ngày 01 tháng 7 năm 2026</span> – đã quá hạn hoàn thành"#))
        #expect(html.contains(#"<span class="status status-chua-bao-cao status-overdue">Chưa báo cáo – quá hạn</span>"#))
        #expect(html.contains(#"<span class="status status-hoan-thanh">Hoàn thành</span>"#))
        #expect(!html.contains("Hoàn thành – quá hạn"))
        let unit = readText(output.appending(path: "don-vi/tdp-2/index.html"))
        #expect(unit.contains(#"<span class="status status-dang-thuc-hien status-overdue">Đang thực hiện – quá hạn</span>"#))
    }

    // MARK: Downloads

    @Test func tallyCSV() throws {
        let data = try Data(contentsOf: output.appending(path: "chien-dich/cd/tally.csv"))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count == 6, "\(text)")   // the header and one row per addressed unit
        let header: [String] = [
            "Mã đơn vị,Đơn vị,Loại đơn vị,",
            "Buổi tuyên truyền (buổi),Chỉ tiêu: Buổi tuyên truyền,Tỉ lệ %: Buổi tuyên truyền,",
            "Lượt người tham dự (lượt người),Chỉ tiêu: Lượt người tham dự,Tỉ lệ %: Lượt người tham dự,",
            "\"Pa-nô, áp phích (cái)\",\"Chỉ tiêu: Pa-nô, áp phích\",\"Tỉ lệ %: Pa-nô, áp phích\",",
            "Phát thanh trên loa (giờ),Chỉ tiêu: Phát thanh trên loa,Tỉ lệ %: Phát thanh trên loa,",
            "Hoàn thành %,Trạng thái,Quá hạn,Số hoạt động,Báo cáo gần nhất",
        ]
        #expect(lines.first == header.joined())
        let rows: [String] = [
            "thcs-an,Trường THCS An Bình,Cơ sở giáo dục,0,2,0,0,300,0,0,4,0,0,,,0,Chưa báo cáo,không,0,",
            "th-an,Trường Tiểu học An Bình,Cơ sở giáo dục,1,2,50,150,300,50,1,4,25,0.5,,,42,Đang thực hiện,không,1,2026-04-10",
            "tdp-2,Tổ dân phố số 2,Tổ dân phố,2,2,100,110,100,110,0,,,1.5,2,75,92,Đang thực hiện,không,2,2026-04-20",
            "tdp-3,Tổ dân phố số 3,Tổ dân phố,3,3,100,120,100,120,1,1,100,2,2,100,100,Hoàn thành,không,2,2026-04-25",
            "tdp-10,Tổ dân phố số 10,Tổ dân phố,0,2,0,0,100,0,0,,,0,2,0,0,Chưa báo cáo,không,0,",
        ]
        #expect(Array(lines.dropFirst()) == rows)
    }

    @Test func tallyJSONHasTheTallysNumbers() throws {
        let data = try Data(contentsOf: output.appending(path: "chien-dich/cd/tally.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["campaign"] as? String == "cd")
        #expect(root["as_of"] as? String == "2026-05-01")
        #expect(root["start"] as? String == "2026-04-01")
        #expect(root["deadline"] as? String == "2026-06-30")
        let tally = try fixture.progress()

        let indicators = try #require(root["indicators"] as? [[String: Any]])
        #expect(indicators.map { $0["key"] as? String } == ["buoi", "luot-nguoi", "pano", "loa"])
        #expect(indicators.map { [$0["reported"] as? Double, $0["target"] as? Double] }
            == tally.totals.map { [$0.reported, $0.target] })
        #expect(indicators.map { $0["reported"] as? Double } == [6, 380, 2, 4])

        let units = try #require(root["units"] as? [[String: Any]])
        #expect(units.map { $0["id"] as? String } == tally.units.map(\.unit.id))
        for (json, unit) in zip(units, tally.units) {
            #expect(json["status"] as? String == unit.status.rawValue)
            #expect(json["status_label"] as? String == unit.statusLabel)
            #expect(json["overdue"] as? Bool == unit.overdue)
            #expect(close(json["completion"] as? Double, unit.completion), "\(unit.unit.id)")
            #expect(json["activities"] as? Int == unit.activities.count)
            #expect(json["last_report"] as? String == unit.lastReport?.iso)
            let values = try #require(json["values"] as? [[String: Any]])
            #expect(values.map { $0["key"] as? String } == unit.indicators.map(\.indicator.key))
            #expect(values.map { $0["reported"] as? Double } == unit.indicators.map(\.reported))
            #expect(values.map { $0["target"] as? Double } == unit.indicators.map(\.target))
            #expect(zip(values.map { $0["ratio"] as? Double }, unit.indicators.map(\.ratio)).allSatisfy(close), "\(unit.unit.id)")
            #expect(values.count == unit.indicators.count)
        }
        let tdp2 = try #require(units.first { $0["id"] as? String == "tdp-2" })
        #expect(tdp2["name"] as? String == "Tổ dân phố số 2")
        #expect(tdp2["kind"] as? String == "to-dan-pho")
        #expect((tdp2["values"] as? [[String: Any]])?.map { $0["reported"] as? Double } == [2, 110, 0, 1.5])
    }

    @Test func csvNeutralisesFormulas() throws {
        let site = ProgressFixture.site(extraUnits: """
          - {id: tdp-x, name: "=1+2 Tổ dân phố", kind: to-dan-pho}
          - {id: tdp-y, name: "@SUM(A1) tổ", kind: to-dan-pho}
          - {id: tdp-z, name: "+84 912 tổ", kind: to-dan-pho}
          - {id: tdp-w, name: "-2+3 tổ", kind: to-dan-pho}

        """)
        let (report, output) = site.build()
        #expect(report.succeeded, "\(report.diagnostics.summary)")
        let text = readText(output.appending(path: "chien-dich/cd/tally.csv"))
        #expect(text.contains("\r\ntdp-x,\"'=1+2 Tổ dân phố\",Tổ dân phố,0,2,0,"), "\(text)")
        #expect(text.contains("\r\ntdp-y,\"'@SUM(A1) tổ\",Tổ dân phố,0,2,0,"), "\(text)")
        #expect(text.contains("\r\ntdp-z,\"'+84 912 tổ\",Tổ dân phố,0,2,0,"), "\(text)")
        #expect(text.contains("\r\ntdp-w,\"'-2+3 tổ\",Tổ dân phố,0,2,0,"), "\(text)")
        #expect(!text.contains(",=1+2") && !text.contains(",+84") && !text.contains(",-2+3"))
        #expect(text.components(separatedBy: "\r\n").count - 2 == 9)
    }
}

/// Equal numbers, allowing for the last bit a JSON round trip may lose; nil only equals nil.
private func close(_ a: Double?, _ b: Double?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= 1e-12 * max(1, abs(a))
}

/// ```` ```bantin … ```` blocks in content/reports/*.md, rendered at bao-cao/<slug>/index.html.
@Suite("Progress: data blocks")
struct ProgressDataBlockTests {
    func build(_ fences: String) -> (report: SiteBuilder.Report, html: String) {
        let site = ProgressFixture.site()
        site.write("content/reports/ket-qua.md", ProgressFixture.report(fences))
        let (report, output) = site.build()
        return (report, readText(output.appending(path: "bao-cao/ket-qua/index.html")))
    }

    /// The one error of a build whose single fence is on file line 8.
    func error(_ fence: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let (report, _) = build(fence + "\n```")
        #expect(!report.succeeded, sourceLocation: sourceLocation)
        // Reported once, even though a report page also has a print version rendering the same body.
        #expect(report.diagnostics.errors.count == 1, "\(report.diagnostics.summary)", sourceLocation: sourceLocation)
        let error = try #require(report.diagnostics.errors.first, sourceLocation: sourceLocation)
        #expect(error.file == "content/reports/ket-qua.md", sourceLocation: sourceLocation)
        #expect(error.line == 8, "\(error)", sourceLocation: sourceLocation)
        return error
    }

    @Test func totals() {
        let (report, html) = build("```bantin totals campaign=cd\n```\n\n```bantin totals campaign=cd kind=to-dan-pho\n```")
        #expect(report.succeeded, "\(report.diagnostics.summary)")
        #expect(!html.contains("<code"))
        let ward = slice(html, from: "<caption>Kết quả toàn phường tính đến 1/5/2026</caption>", to: "</table>")
        #expect(ward.contains(#"<th scope="col">Nội dung</th><th scope="col" class="num">Đã thực hiện</th>"#))
        #expect(inOrder(ward, [
            #"<tr><th scope="row">Buổi tuyên truyền</th><td class="num">6</td><td class="num">11</td><td class="num">55%</td><td>buổi</td></tr>"#,
            #"<tr><th scope="row">Lượt người tham dự</th><td class="num">380</td><td class="num">900</td><td class="num">42%</td><td>lượt người</td></tr>"#,
            #"<tr><th scope="row">Pa-nô, áp phích</th><td class="num">2</td><td class="num">9</td><td class="num">22%</td><td>cái</td></tr>"#,
            #"<tr><th scope="row">Phát thanh trên loa</th><td class="num">4</td><td class="num">6</td><td class="num">67%</td><td>giờ</td></tr>"#,
        ]), "\(html)")
        let groups = slice(html, from: "<caption>Kết quả tổ dân phố tính đến 1/5/2026</caption>", to: "</table>")
        #expect(groups.contains(#"<tr><th scope="row">Buổi tuyên truyền</th><td class="num">5</td><td class="num">7</td><td class="num">71%</td><td>buổi</td></tr>"#), "\(html)")
        #expect(groups.contains(#"<tr><th scope="row">Phát thanh trên loa</th><td class="num">3,5</td><td class="num">6</td><td class="num">58%</td><td>giờ</td></tr>"#))
    }

    @Test func progressByKind() {
        let (report, html) = build("```bantin progress campaign=cd by=kind\n```")
        #expect(report.succeeded, "\(report.diagnostics.summary)")
        let table = slice(html, from: "<caption>Kết quả theo loại đơn vị</caption>", to: "</table>")
        #expect(table.contains(#"<th scope="col">Loại đơn vị</th><th scope="col">Đã báo cáo</th><th scope="col">Hoàn thành</th><th scope="col" class="num">Buổi tuyên truyền (buổi)</th>"#), "\(html)")
        #expect(inOrder(table, [
            #"<tr><th scope="row">Cơ sở giáo dục</th><td>1/2</td><td>0/2</td><td class="num">1</td><td class="num">150</td><td class="num">1</td><td class="num">0,5</td></tr>"#,
            #"<tr><th scope="row">Tổ dân phố</th><td>2/3</td><td>1/3</td><td class="num">5</td><td class="num">230</td><td class="num">1</td><td class="num">3,5</td></tr>"#,
            #"<tfoot><tr><th scope="row">Toàn phường</th><td>3/5</td><td>1/5</td><td class="num">6</td><td class="num">380</td><td class="num">2</td><td class="num">4</td></tr></tfoot>"#,
        ]), "\(table)")
    }

    @Test func progressByUnit() {
        let (report, html) = build("```bantin progress campaign=cd by=unit kind=to-dan-pho\n```")
        #expect(report.succeeded, "\(report.diagnostics.summary)")
        let table = slice(html, from: "<caption>Kết quả từng đơn vị (đã thực hiện/chỉ tiêu) – Tổ dân phố</caption>", to: "</table>")
        #expect(inOrder(table, [
            #"<tr><th scope="row"><a href="../../don-vi/tdp-2/index.html">Tổ dân phố số 2</a></th><td class="num">2/2</td><td class="num">110/100</td><td class="num">—</td><td class="num">1,5/2</td><td><span class="status status-dang-thuc-hien">Đang thực hiện</span></td></tr>"#,
            #"<tr><th scope="row"><a href="../../don-vi/tdp-3/index.html">Tổ dân phố số 3</a></th><td class="num">3/3</td><td class="num">120/100</td><td class="num">1/1</td><td class="num">2/2</td><td><span class="status status-hoan-thanh">Hoàn thành</span></td></tr>"#,
            #"<tr><th scope="row"><a href="../../don-vi/tdp-10/index.html">Tổ dân phố số 10</a></th><td class="num">0/2</td><td class="num">0/100</td><td class="num">—</td><td class="num">0/2</td><td><span class="status status-chua-bao-cao">Chưa báo cáo</span></td></tr>"#,
        ]), "\(html)")
        #expect(!table.contains("Trường"))
    }

    @Test func chart() {
        let (report, html) = build("```bantin chart campaign=cd\n```")
        #expect(report.succeeded, "\(report.diagnostics.summary)")
        #expect(html.contains(#"<figure class="chart-figure"><svg class="chart" viewBox="0 0 340 250" role="img" aria-labelledby="bieu-do-cd-toan-phuong-t" "#), "\(html)")
        #expect(html.contains(#"<title id="bieu-do-cd-toan-phuong-t">Kết quả toàn phường so với chỉ tiêu</title>"#))
        #expect(inOrder(html, [">6/11 buổi · 55%<", ">380/900 lượt người · 42%<", ">2/9 cái · 22%<", ">4/6 giờ · 67%<"]))
        // The numbers are also in a real table.
        #expect(html.contains("<caption>Số liệu của biểu đồ: kết quả toàn phường</caption>"))
    }

    @Test func coverage() {
        let (report, html) = build("```bantin coverage campaign=cd\n```")
        #expect(report.succeeded, "\(report.diagnostics.summary)")
        #expect(inOrder(html, [
            "<caption>Số đơn vị đã báo cáo và hoàn thành</caption>",
            #"<tr><th scope="row">Cơ sở giáo dục</th><td>1/2 cơ sở giáo dục</td><td>0/2</td><td>1</td></tr>"#,
            #"<tr><th scope="row">Tổ dân phố</th><td>2/3 tổ dân phố</td><td>1/3</td><td>1</td></tr>"#,
        ]), "\(html)")
    }

    @Test func unitsByStatus() {
        let (report, html) = build("""
        ```bantin units campaign=cd status=silent
        ```

        ```bantin units campaign=cd status=done
        ```

        ```bantin units campaign=cd status=overdue
        ```
        """)
        #expect(report.succeeded, "\(report.diagnostics.summary)")
        let silent = slice(html, from: "<caption>Đơn vị chưa báo cáo (2)</caption>", to: "</table>")
        #expect(inOrder(silent, [
            #"<tr><th scope="row"><a href="../../don-vi/thcs-an/index.html">Trường THCS An Bình</a></th><td><span class="status status-chua-bao-cao">Chưa báo cáo</span></td><td class="num">0%</td><td>—</td></tr>"#,
            #"<tr><th scope="row"><a href="../../don-vi/tdp-10/index.html">Tổ dân phố số 10</a></th><td><span class="status status-chua-bao-cao">Chưa báo cáo</span></td><td class="num">0%</td><td>—</td></tr>"#,
        ]), "\(html)")
        #expect(!silent.contains("tdp-2"))
        let done = slice(html, from: "<caption>Đơn vị đã hoàn thành (1)</caption>", to: "</table>")
        #expect(done.contains(#"<a href="../../don-vi/tdp-3/index.html">Tổ dân phố số 3</a></th><td><span class="status status-hoan-thanh">Hoàn thành</span></td><td class="num">100%</td><td>25/4/2026</td></tr>"#), "\(html)")
        #expect(html.contains(#"<p class="empty-block">Đơn vị quá hạn: không có.</p>"#))
    }

    @Test func totalsForAKindTheCampaignDoesNotAddress() {
        // cd addresses no health station: the block must not print the ward's numbers as theirs.
        let (report, html) = build("```bantin totals campaign=cd kind=y-te\n```\n\n```bantin chart campaign=cd kind=y-te\n```")
        do {
            #expect(!report.succeeded || !html.contains("Kết quả toàn phường"), "\(html)")
        }
    }

    @Test func unknownStatus() throws {
        let error = try error("```bantin units campaign=cd status=late")
        #expect(error.message == "unknown status `late` in `bantin units`")
        #expect(error.hint == "use one of: silent, in-progress, done, overdue, behind")
    }

    @Test func statusWithoutCampaign() throws {
        let error = try error("```bantin units status=silent")
        #expect(error.message == "`bantin units status=…` needs `campaign=…`")
    }

    @Test func missingCampaign() throws {
        let error = try error("```bantin totals kind=to-dan-pho")
        #expect(error.message == "`bantin totals` needs `campaign=…`")
    }

    @Test func unknownCampaign() throws {
        let error = try error("```bantin coverage campaign=cdd")
        #expect(error.message == "unknown campaign `cdd` in `bantin coverage`")
        #expect(error.hint == "did you mean `cd`?")
    }

    @Test func unknownBlock() throws {
        let error = try error("```bantin total campaign=cd")
        #expect(error.message == "unknown data block `bantin total`")
        #expect(error.hint == "did you mean `bantin totals`?")
    }

    @Test func unknownGrouping() throws {
        let error = try error("```bantin progress campaign=cd by=ward")
        #expect(error.message.hasPrefix("`by=ward`"))
    }

    @Test func unknownParameter() throws {
        let error = try error("```bantin chart campaign=cd status=done")
        #expect(error.message == "`bantin chart` has no parameter `status`")
    }
}

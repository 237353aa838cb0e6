import Foundation
import Testing
import VietText
@testable import BantinKit

/// A site folder in a fresh temporary directory, laid out file by file by each test and
/// removed with everything built into it when the test no longer holds it.
final class TestSite: Sendable {
    let root: URL

    init() {
        root = FileManager.default.temporaryDirectory.appending(path: "bantin-unit-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes `text` (UTF-8) to `path`, relative to the site folder, creating folders as needed.
    func write(_ path: String, _ text: String) {
        write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) {
        let url = root.appending(path: path)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(bytes).write(to: url)
    }

    func remove(_ path: String) {
        try? FileManager.default.removeItem(at: root.appending(path: path))
    }

    /// Builds measure progress on a fixed day so their output does not depend on the clock.
    static let asOf = VietDate(year: 2026, month: 5, day: 1)!

    func load() -> (site: Site?, diagnostics: Diagnostics) {
        SiteLoader.load(siteRoot: root, asOf: TestSite.asOf)
    }

    /// Builds into `root/<folder>` and returns the report and the output folder.
    @discardableResult
    func build(into folder: String = "out") -> (report: SiteBuilder.Report, output: URL) {
        let output = root.appending(path: folder)
        return (SiteBuilder.build(.init(siteRoot: root, output: output, asOf: TestSite.asOf)), output)
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: root.appending(path: path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: Fixtures

    static let siteYAML = """
    title: "Bản tin thử nghiệm"
    description: "Thông tin của Phòng Văn hoá - Xã hội"
    base_url: "https://example.gov.vn/bantin"
    organization:
      parent: "UBND PHƯỜNG THỬ"
      name: "PHÒNG VĂN HOÁ - XÃ HỘI"
      place: "Hoà Bình"

    """

    static let unitsYAML = """
    kinds:
      - {id: truong-hoc, label: "Cơ sở giáo dục"}
      - {id: to-dan-pho, label: "Tổ dân phố"}
    units:
      - {name: "Tổ dân phố số 10", kind: to-dan-pho, group: "Khu vực 2"}
      - {name: "Trường Tiểu học Linh Sơn", kind: truong-hoc}
      - {id: tdp-2, name: "Tổ dân phố số 2", kind: to-dan-pho, group: "Khu vực 1", contact: "Bà Trần Thị Mai"}
      - {name: "Trường THCS Linh Sơn", kind: truong-hoc}
      - {name: "Trường Mầm non Linh Sơn", kind: truong-hoc}

    """

    static let campaignYAML = """
    title: "Tuyên truyền Chỉ thị thử"
    directive: "Chỉ thị số 1-CT/TW"
    start: 2026-03-25
    deadline: 2026-06-30
    document: cv-12
    units: all
    indicators:
      - {key: buoi, label: "Buổi tuyên truyền", unit: "buổi"}
      - {key: to-roi, label: "Tờ rơi", unit: "tờ"}
    targets:
      to-dan-pho: {buoi: 2, to-roi: 200}
      tdp-2: {buoi: 3}

    """

    static let narrowCampaignYAML = """
    title: "Chiến dịch hẹp"
    start: 2026-04-01
    deadline: 2026-04-30
    units: [truong-hoc, tdp-2]

    """

    static let documentMD = """
    ---
    title: "Công văn thử nghiệm"
    kind: cong-van
    number: "12/VHXH"
    date: 2026-03-25
    subject: "V/v thử nghiệm"
    campaign: cd-thu
    recipients:
      - "Các tổ dân phố"
    signer:
      title: "TRƯỞNG PHÒNG"
      name: "Nguyễn Văn An"
    ---

    Nội dung công văn.

    ## Mục một

    Chi tiết.

    """

    static let messageMD = """
    ---
    title: "Thông điệp thứ nhất"
    campaign: cd-thu
    order: 1
    ---

    Thông điệp.

    """

    static let postOneMD = """
    ---
    title: "Tổ dân phố số 2 họp"
    date: 2026-03-26
    unit: tdp-2
    campaign: cd-thu
    summary: "Tóm tắt bài một"
    ---

    Theo [công văn](../documents/cv-12.md#muc-mot), xem [trang ngoài](https://example.org/x) và [phần dưới](#tai-lieu).

    ## Tài liệu

    Hết.

    """

    static let postTwoMD = """
    ---
    title: "Bài thứ hai"
    date: 2026-04-01
    ---

    Xem [bài một](bai-mot.md) và [thông điệp](../messages/01-thong-diep.md).

    ![Ảnh buổi họp](../images/anh%20hop.png)

    """

    /// A complete, valid site with every kind of file.
    static func good() -> TestSite {
        let site = TestSite()
        site.write("content/site.yaml", siteYAML)
        site.write("content/units.yaml", unitsYAML)
        site.write("content/campaigns/cd-thu/campaign.yaml", campaignYAML)
        site.write("content/campaigns/cd-hep/campaign.yaml", narrowCampaignYAML)
        site.write("content/documents/cv-12.md", documentMD)
        site.write("content/messages/01-thong-diep.md", messageMD)
        site.write("content/posts/bai-mot.md", postOneMD)
        site.write("content/posts/bai-hai.md", postTwoMD)
        site.write("content/images/anh hop.png", bytes: [0x89, 0x50, 0x4E, 0x47])
        return site
    }

    /// site.yaml and units.yaml only: the smallest site other files can be added to.
    static func minimal() -> TestSite {
        let site = TestSite()
        site.write("content/site.yaml", siteYAML)
        site.write("content/units.yaml", unitsYAML)
        return site
    }
}

extension Diagnostics {
    /// The diagnostics of one file whose message contains `text`.
    func matching(_ file: String, _ text: String, severity: Diagnostic.Severity? = nil) -> [Diagnostic] {
        all.filter { $0.file == file && $0.message.contains(text) && (severity == nil || $0.severity == severity) }
    }

    var summary: String { sorted.map(\.description).joined(separator: "\n") }
}

/// Every file under `folder`, relative, sorted.
func listFiles(_ folder: URL) -> [String] {
    let base = folder.standardizedFileURL.path + "/"
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
    var files: [String] = []
    for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        files.append(String(url.standardizedFileURL.path.dropFirst(base.count)))
    }
    return files.sorted()
}

func readText(_ url: URL) -> String {
    FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) } ?? ""
}

import Foundation
import Testing

/// Script and markup in every field an officer or a unit controls must come out inert.
@Suite("Hostile input")
struct HostileInputTests {
    static let payload = #"<script>alert(1)</script><img src=x onerror=alert(2)>"#

    func hostileSite() throws -> TempSite {
        let site = try TempSite()
        let p = Self.payload
        try site.write("content/site.yaml", """
            title: "Bản tin \(p.replacingOccurrences(of: "\"", with: "\\\""))"
            description: "\\"><svg onload=alert(3)>"
            base_url: "https://example.gov.vn/bantin/"
            organization: {parent: "UBND <b onclick=alert(4)>", name: "PHÒNG <script>x</script>", place: "Nơi <i>"}
            sample_notice: "<a href=javascript:alert(5)>mẫu</a>"
            """)
        try site.write("content/units.yaml", """
            units:
              - {id: xau, name: "<img src=x onerror=alert(6)> Tổ", kind: to-dan-pho, contact: "\\" onmouseover=\\"alert(7)", group: "<b>Khu</b>"}
              - {id: tot, name: "Tổ dân phố số 2", kind: to-dan-pho}
            """)
        try site.write("content/campaigns/cd/campaign.yaml", """
            title: "<svg onload=alert(8)>"
            summary: "</title><script>alert(9)</script>"
            start: 2026-01-01
            deadline: 2026-12-31
            indicators:
              - {key: buoi, label: "</text><script>alert(10)</script>", unit: "\\"><script>"}
            targets:
              to-dan-pho: {buoi: 2}
            """)
        try site.write("content/campaigns/cd/progress/a.csv", """
            date,unit,activity,buoi,note
            2026-02-01,xau,<script>alert(11)</script>,1,"<img src=x onerror=alert(12)>"
            2026-02-02,tot,"=HYPERLINK(""http://evil"")",1,@SUM(A1)
            """)
        try site.write("content/images/a.png", Data([0x89, 0x50, 0x4E, 0x47]))
        try site.write("content/posts/xau.md", """
            ---
            title: "<iframe src=javascript:alert(13)>"
            date: 2026-02-03
            summary: "\\"'><script>alert(14)</script>"
            unit: xau
            campaign: cd
            ---
            <script>alert(15)</script>

            <img src=x onerror=alert(16)>

            [a](javascript:alert(17)) [b](vbscript:msgbox) [c](data:text/html,<script>alert(18)</script>) [d](JaVaScRiPt:alert(19))

            ![<img onerror=alert(20)>](../images/a.png "<script>")

            ## <script>alert(21)</script>

            ```bantin units campaign=cd status=behind
            ```
            """)
        try site.write("content/documents/cv.md", """
            ---
            title: "<script>alert(22)</script>"
            number: "01/<b>VHXH</b>"
            date: 2026-01-02
            subject: "V/v <script>alert(23)</script>"
            recipients: ["<script>alert(24)</script>"]
            cc: ["<img src=x onerror=alert(25)>"]
            signer: {title: "<b>TRƯỞNG</b>", name: "<script>alert(26)</script>"}
            attachments: ["<svg onload=alert(27)>"]
            ---
            Nội dung.
            """)
        try site.write("content/handouts/to-roi.md", """
            ---
            title: "<script>alert(28)</script>"
            kind: poster
            qr_caption: "<img src=x onerror=alert(29)>"
            ---
            Nội dung.
            """)
        try site.write("content/editions/so-1.md", """
            ---
            title: "<script>alert(30)</script>"
            number: 1
            date: 2026-03-01
            period: "</style><script>alert(31)</script>\\\\"
            campaign: cd
            includes: [posts/xau.md]
            ---
            Lời ngỏ.
            """)
        return site
    }

    @Test func nothingExecutableSurvivesAnywhere() throws {
        let site = try hostileSite()
        let result = try Bantin.run(["build", "--no-print", "--site", site.root.path, "--as-of", "2026-06-01"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try tree(site.root.appending(path: "public"))
        #expect(output.count > 30)
        var checked = 0
        for (path, data) in output where [".html", ".xml", ".txt", ".css"].contains(where: path.hasSuffix) {
            let text = String(decoding: data, as: UTF8.self)
            checked += 1
            // The one script tag allowed: the search page loading the site's own two files.
            let scripts = text.ranges(of: "<script").count
            let allowed = path == "tim-kiem/index.html" ? 2 : 0
            #expect(scripts == allowed, "\(path): \(scripts) <script")
            if path.hasSuffix(".css") {
                #expect(!text.contains("<"), "\(path): raw < in a style sheet")
                continue
            }
            // Escaped payloads are text ("&lt;img … onerror=…"); only real tags can run anything.
            for tag in text.matches(of: #/<[a-zA-Z][^<>]*>/#).map({ String($0.output) }) {
                // Inside a quoted attribute value " onerror=" is just text; look at the tag without its values.
                let bare = tag.replacing(#/"[^"]*"/#, with: "\"\"")
                #expect(bare.firstMatch(of: #/\son[a-z]+\s*=/#.ignoresCase()) == nil, "\(path): \(tag)")
                #expect(tag.firstMatch(of: #/(?:href|src|action)\s*=\s*["']?\s*(?:javascript|vbscript|data:text)/#.ignoresCase()) == nil,
                        "\(path): \(tag)")
            }
            #expect(!text.contains("<iframe"), "\(path)")
            #expect(!text.contains("<svg onload"), "\(path)")
        }
        #expect(checked > 30)
        // The payloads are still there, as text.
        let post = String(decoding: output["tin-tuc/xau/index.html"]!, as: UTF8.self)
        #expect(post.contains("&lt;iframe src=javascript:alert(13)&gt;"))
        // The search index holds them only inside JSON strings, and never a closing script tag.
        let index = String(decoding: output["assets/search-index.js"]!, as: UTF8.self)
        #expect(!index.contains("</script"))
        // The edition's running header is a CSS string that no text can end.
        let css = String(decoding: output["ban-tin/so-1/ban-in/edition.css"]!, as: UTF8.self)
        #expect(css.contains(#"\3c /style\3e \3c script\3e alert(31)\3c /script\3e \\""#), "\(css)")
        // Spreadsheet formulas from a unit's report are defused in the tally for Excel.
        let tally = String(decoding: output["chien-dich/cd/tally.csv"]!, as: UTF8.self)
        #expect(!tally.contains(",=") && !tally.contains(",@") && !tally.contains(",+"))
    }

    @Test func aBaseURLThatCouldBreakOutOfAnAttributeIsRefused() throws {
        let site = try hostileSite()
        try site.write("content/site.yaml", """
            title: "x"
            base_url: "https://example.gov.vn/\\"><script>alert(1)</script>/"
            organization: {parent: "A", name: "B", place: "C"}
            """)
        let result = try Bantin.run(["build", "--no-print", "--site", site.root.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/site.yaml:2:11: error: `base_url`"))
    }
}

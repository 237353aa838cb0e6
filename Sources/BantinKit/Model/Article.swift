import Foundation
import VietText

/// A Markdown page of the site: a letter, a key message, a news post, a report or a handout.
public struct Article: Sendable, Identifiable {
    public enum Section: String, Sendable, CaseIterable {
        case documents, messages, posts, reports, handouts, editions
    }

    public var section: Section
    /// Path inside `content/`, e.g. `posts/hop-to-dan-pho.md`; links in Markdown resolve against it.
    public var sourcePath: String
    public var slug: String
    public var title: String
    public var date: VietDate?
    public var summary: String?
    /// Where the Markdown body is: a big site's bodies (380 MB at 50,000 pages) are not held from
    /// loading to the end of the build but read again when rendered (`readBody()`, in Load/).
    public var bodySource: BodySource
    /// Lines of the file before the body, so Markdown line numbers map back to the file.
    public var bodyLineOffset: Int
    public var campaign: String?
    public var unit: String?
    public var sample: Bool
    public var order: Int?
    public var letter: Letter?
    public var handout: Handout?
    public var edition: Edition?
    public var ref: SourceRef
    /// Where each front-matter key was written, for lints that point at one field.
    public var fieldRefs: [String: SourceRef]

    public var id: String { Self.id(section, slug) }

    /// The id of the article with these fields, for readers that have them in place: asking a
    /// whole article in an array for its id copied the article first.
    static func id(_ section: Section, _ slug: String) -> String { "\(section.rawValue)/\(slug)" }

    public enum BodySource: Sendable {
        /// Held, for text that did not come from a file (or a fuzzer's bytes).
        case text(String)
        /// The file on disk and the body's length in bytes when it was loaded.
        case file(BodyFile, bytes: Int)
    }

    /// Where a body's file is: its folder and its name there are kept apart, and the URL made
    /// only when the body is read. A rebuild after one edit reads one body but loads 10,000
    /// articles from the parse cache, and making a URL for each was over a tenth of loading them.
    public struct BodyFile: Sendable {
        public var folder: URL
        /// Its path inside `folder` as on disk (which may be NFD where Bantin's names are NFC).
        public var name: String
        /// Site-relative (`content/posts/a.md`), for messages.
        public var path: String

        public var url: URL { folder.appending(path: name) }
    }

    /// Letters, reports and handouts have a print layout (and a PDF).
    public var isPrintable: Bool { [.documents, .reports, .handouts, .editions].contains(section) }

    /// ASCII name of its PDF/PNG, e.g. `van-ban-246-cv-vhxxh`.
    public var printName: String {
        let prefix: [Section: String] = [.documents: "van-ban", .reports: "bao-cao", .handouts: "tai-lieu", .editions: "ban-tin"]
        return "\(prefix[section] ?? section.rawValue)-\(slug)"
    }
}

/// The header and footer fields of an official letter (Decree 30/2020/NĐ-CP).
public struct Letter: Sendable {
    /// cong-van, bao-cao, ke-hoach, thong-bao…
    public var kind: String
    public var number: String
    public var date: VietDate
    /// The date as printed on the signed original, when it differs from Decree 30's form.
    public var dateWritten: String?
    public var place: String
    public var subject: String?
    public var recipients: [String]
    public var copies: [String]
    public var signer: Signer
    public var attachments: [String]
    /// Link to the scan of the signed original, when published.
    public var signedScan: String?

    public struct Signer: Sendable {
        /// "KT. TRƯỞNG PHÒNG", "TL. CHỦ TỊCH"… when someone signs on another's behalf.
        public var authority: String?
        public var title: String
        public var name: String
    }

    /// "ngày 25 tháng 3 năm 2026", or the text as written on the original.
    public var dateLine: String { dateWritten ?? date.official }

    /// Vietnamese name of a letter kind, as printed above a typed document.
    public var kindName: String {
        switch kind {
        case "cong-van": return "Công văn"
        case "bao-cao": return "Báo cáo"
        case "ke-hoach": return "Kế hoạch"
        case "thong-bao": return "Thông báo"
        case "huong-dan": return "Hướng dẫn"
        case "quyet-dinh": return "Quyết định"
        default: return "Văn bản"
        }
    }
}

/// A leaflet or poster: its paper and how many sides it must fill exactly.
public struct Handout: Sendable {
    public enum Kind: String, Sendable { case leaflet, poster }
    public enum Paper: String, Sendable, CaseIterable {
        case a5 = "A5", a4 = "A4", a3 = "A3"
        /// Portrait width and height in millimetres.
        var millimetres: (Double, Double) {
            switch self {
            case .a5: return (148, 210)
            case .a4: return (210, 297)
            case .a3: return (297, 420)
            }
        }
    }

    public var kind: Kind
    public var paper: Paper
    public var landscape: Bool
    public var pages: Int
    public var qrCaption: String?

    /// Sheet size in CSS pixels (96 per inch), for screenshots of the printed page.
    public var cssPixels: (width: Int, height: Int) {
        let (w, h) = paper.millimetres
        let (width, height) = landscape ? (h, w) : (w, h)
        return (Int((width / 25.4 * 96).rounded()), Int((height / 25.4 * 96).rounded()))
    }

    public var pageSizeCSS: String { "\(paper.rawValue) \(landscape ? "landscape" : "portrait")" }
}

/// A numbered issue of the bulletin: it selects articles and freezes the numbers as of its date.
public struct Edition: Sendable {
    public var number: Int
    /// "tháng 4/2026"
    public var period: String
    /// Content-relative path of a cover image.
    public var cover: String?
    /// References as written (`posts/x.md`, `posts/x`, `x`), resolved by SiteLoader into `articles`.
    public var includes: [(text: String, ref: SourceRef)]
    /// Article ids (`section/slug`) in the order the edition prints them.
    public var articles: [String] = []
}

/// Where every page lives in the output. Paths are relative to the output root and always
/// name `index.html`, so links work from a web server, a portal sub-path, `file://` and a zip.
public enum Routes {
    public static let home = "index.html"
    public static let units = "don-vi/index.html"
    public static let campaigns = "chien-dich/index.html"
    public static let notFound = "404.html"
    public static let feed = "feed.xml"
    public static let sitemap = "sitemap.xml"
    public static let robots = "robots.txt"
    public static let stylesheet = "assets/style.css"
    public static let bundles = "bundles/index.html"
    public static let search = "tim-kiem/index.html"
    public static let searchIndex = "assets/search-index.js"
    public static func bundle(_ name: String) -> String { "bundles/\(name).zip" }

    public static func folder(_ section: Article.Section) -> String {
        switch section {
        case .documents: return "van-ban"
        case .messages: return "thong-diep"
        case .posts: return "tin-tuc"
        case .reports: return "bao-cao"
        case .handouts: return "tai-lieu"
        case .editions: return "ban-tin"
        }
    }

    public static func list(_ section: Article.Section) -> String { "\(folder(section))/index.html" }
    public static func article(_ article: Article) -> String { "\(folder(article.section))/\(article.slug)/index.html" }
    public static func unit(_ id: String) -> String { "don-vi/\(id)/index.html" }
    /// The print layout of a page lives beside it: `…/ban-in/index.html`.
    public static func printVersion(of page: String) -> String {
        page.replacingOccurrences(of: "/index.html", with: "/ban-in/index.html")
    }
    public static func pdf(_ name: String) -> String { "print/\(name).pdf" }
    /// An edition's running header, as a style sheet of its own: CSS cannot read it from the page.
    public static func editionStylesheet(_ article: Article) -> String { "\(folder(article.section))/\(article.slug)/ban-in/edition.css" }
    public static func png(_ name: String) -> String { "share/\(name).png" }
    public static func campaign(_ id: String) -> String { "chien-dich/\(id)/index.html" }
    public static func progress(_ id: String) -> String { "chien-dich/\(id)/tien-do/index.html" }
    public static func tallyCSV(_ id: String) -> String { "chien-dich/\(id)/tally.csv" }
    public static func tallyJSON(_ id: String) -> String { "chien-dich/\(id)/tally.json" }

    /// "../../" for "a/b/index.html": the way back to the output root from a page.
    public static func rootPrefix(from page: String) -> String {
        String(repeating: "../", count: page.slashParts(omittingEmpty: false).count - 1)
    }

    /// Relative link from one output page to another output path.
    public static func link(from page: String, to target: String) -> String {
        rootPrefix(from: page) + target
    }

    /// Absolute address for feeds, sitemaps and QR codes. It keeps `index.html` so the address
    /// works on any server, including portals that do not map folders to their index page.
    public static func absolute(_ path: String, baseURL: String) -> String {
        baseURL + path
    }
}

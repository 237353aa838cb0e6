import Foundation
import Mustache
import VietText

/// Renders one page to HTML: a pure function of the site model and the theme.
struct PageRenderer: Sendable {
    let site: Site
    private(set) var theme: Theme
    let linkIndex: LinkIndex
    /// Tallies by campaign id, computed once for all pages, when a page first needs them: a
    /// rebuild after one edit renders none that does (2.4 ms of its set-up at 1,000 pages).
    private let tallies: Once<[String: CampaignProgress]>
    var progress: [String: CampaignProgress] { tallies.value }
    /// Whether PDFs will be made in this build, so pages may link to them.
    let printing: Bool
    /// Paste-ready copies of posts and documents, by article id.
    let fragmentPaths: [String: String]
    private(set) var contexts: PageContexts

    init(site: Site, theme: Theme, printing: Bool = false) {
        self.site = site
        self.theme = theme
        self.printing = printing
        linkIndex = LinkIndex(site: site)
        contexts = PageContexts(site: site)
        tallies = Once { Dictionary(uniqueKeysWithValues: site.campaigns.map { ($0.id, site.progress($0)) }) }
        var paths: [String: String] = [:]
        var taken = Set<String>()
        // Read in place: copying each of 10,000 articles was a sixteenth of making the renderer.
        for index in site.articles.indices where [.posts, .documents].contains(site.articles[index].section) {
            let path = Fragments.path(for: site.articles[index], taken: taken)
            paths[site.articles[index].id] = path
            taken.insert(path)
        }
        fragmentPaths = paths
    }

    /// The same renderer for another thread, with templates and the values every page shares
    /// (the site's fields, the navigation) of its own: two cores retaining the same objects at
    /// every step contend for their reference counts (a full build at 10,000 pages, five runs
    /// each: 2 % less CPU). The site model stays shared: most of it is read by one page.
    func separateCopy() -> PageRenderer {
        var copy = self
        copy.theme = theme.separateCopy()
        copy.contexts = PageContexts(site: site)
        return copy
    }

    /// The article's body on its own page, rendered once and shared by that page, its
    /// fragment and its search entry (they all link from the same address).
    func body(_ article: Article, into diagnostics: inout Diagnostics) -> ArticleBody {
        ArticleBody.render(article, onPage: Routes.article(article), site: site, linkIndex: linkIndex,
                           dataBlocks: dataBlocks(for: article), into: &diagnostics)
    }

    /// An edition's editorial is part of the published edition: its numbers stay as they stood on
    /// the edition's date, like those of the articles it includes. Every other body shows today's.
    private func dataBlocks(for article: Article) -> DataBlockRenderer {
        guard article.edition != nil else { return DataBlockRenderer(site: site, tallies: tallies) }
        let frozen = EditionContexts(site: site, linkIndex: linkIndex).frozenProgress(article.date ?? site.asOf)
        return DataBlockRenderer(site: site, progress: frozen)
    }

    /// The article as a paste-ready fragment for the portal's editor.
    func fragment(_ article: Article, body: ArticleBody) -> (path: String, html: [UInt8])? {
        guard let path = fragmentPaths[article.id] else { return nil }
        return (path, Fragments.html(for: article, body: body.html.bytes, page: Routes.article(article), site: site))
    }

    /// `body`: the article's body from `body(_:into:)`, for an article's own page.
    /// The page's bytes, as written to disk.
    func render(_ page: Page, body: ArticleBody? = nil, into diagnostics: inout Diagnostics) -> [UInt8]? {
        let path = page.path
        let (template, context) = build(page, path: path, body: body, diagnostics: &diagnostics)
        guard let html = theme.render(template, context) else {
            diagnostics.error(SourceRef(file: "templates/\(template).mustache"),
                              "the theme has no template `\(template)` (needed for \(path))")
            return nil
        }
        switch page {
        case .printArticle, .taskSheet:
            let rewritten = AbsoluteLinks.rewrite(String(decoding: html, as: UTF8.self), page: path, baseURL: site.config.baseURL)
            return KeepTogether.bytes(Array(rewritten.utf8))
        default: return KeepTogether.bytes(html)
        }
    }

    private func build(_ page: Page, path: String, body: ArticleBody?, diagnostics: inout Diagnostics) -> (String, [String: Any]) {
        let c = contexts
        switch page {
        case .home:
            var context = c.base(page: path, title: site.config.title, section: "home")
            context["campaigns"] = site.campaigns.map { c.campaignSummary($0, from: path) }
            context["posts"] = Array(site.articles(in: .posts).prefix(5)).map { c.articleSummary($0, from: path) }
            context["messages"] = c.messages(of: nil, from: path)
            context["documents"] = Array(site.articles(in: .documents).prefix(3)).map { c.articleSummary($0, from: path) }
            context["unit_count"] = site.units.count
            context["units_href"] = Routes.link(from: path, to: Routes.units)
            return ("home", context)

        case let .list(section):
            let titles: [Article.Section: String] = [.documents: "Văn bản", .messages: "Thông điệp chính", .posts: "Tin tức",
                                                     .reports: "Báo cáo", .handouts: "Tài liệu tuyên truyền", .editions: "Bản tin các số"]
            var context = c.base(page: path, title: titles[section]!, section: section.rawValue)
            context["items"] = site.articles(in: section).map { c.articleSummary($0, from: path) }
            context["is_\(section.rawValue)"] = true
            return ("list", context)

        case let .article(article):
            return articlePage(article, path: path, body: body, diagnostics: &diagnostics)

        case .units:
            var context = c.base(page: path, title: "Đơn vị", section: "units")
            context["kinds"] = site.kinds.compactMap { kind -> [String: Any]? in
                let units = site.units.filter { $0.kind == kind.id }
                guard !units.isEmpty else { return nil }
                return ["id": kind.id, "label": kind.label, "count": units.count,
                        "units": units.map { unitSummary($0, from: path) }]
            }
            context["unit_count"] = site.units.count
            return ("units", context)

        case let .unit(unit):
            return unitPage(unit, path: path)

        case .campaigns:
            var context = c.base(page: path, title: "Chiến dịch tuyên truyền", section: "campaigns")
            context["campaigns"] = site.campaigns.map { c.campaignSummary($0, from: path) }
            return ("campaigns", context)

        case let .campaign(campaign):
            return campaignPage(campaign, path: path)

        case let .progress(campaign):
            var context = c.base(page: path, title: "Tiến độ: \(campaign.title)",
                                 description: "Tiến độ thực hiện của từng đơn vị", section: "campaigns")
            context["campaign"] = c.campaignSummary(campaign, from: path)
            context["indicators"] = campaign.indicators.map { ["label": $0.label, "unit": $0.unit] }
            context["overview"] = c.overview(progress[campaign.id]!, from: path)
            return ("progress", context)

        case let .printArticle(article):
            var (_, context) = articlePage(article, path: path, diagnostics: &diagnostics)
            context["web_href"] = Routes.link(from: path, to: Routes.article(article))
            if let edition = article.edition {
                var item = context["article"] as? [String: Any] ?? [:]
                item["edition"] = EditionContexts(site: site, linkIndex: linkIndex)
                    .edition(article, edition: edition, path: path, editorialHTML: item["html"] as? UTF8Text ?? UTF8Text(bytes: []), diagnostics: &diagnostics)
                context["article"] = item
                context["edition_css"] = Routes.link(from: path, to: Routes.editionStylesheet(article))
                return ("print-edition", context)
            }
            if let handout = article.handout {
                let html = ((context["article"] as? [String: Any])?["html"] as? UTF8Text)?.string ?? ""
                context["sheet"] = PrintContexts(site: site).handoutSheet(article, handout: handout, html: html, from: path,
                                                                         diagnostics: &diagnostics)
                return ("print-handout", context)
            }
            // Decree 30 attaches an appendix (phụ lục) after the signed text: the footer comes first.
            if var item = context["article"] as? [String: Any], let html = (item["html"] as? UTF8Text)?.string,
               let start = html.range(of: #"<h2><a id="phu-luc"#) {
                item["html"] = String(html[..<start.lowerBound])
                item["appendix_html"] = String(html[start.lowerBound...])
                context["article"] = item
            }
            return ("print-letter", context)

        case let .taskSheet(unit):
            var (_, context) = unitPage(unit, path: path)
            context["web_href"] = Routes.link(from: path, to: Routes.unit(unit.id))
            context["sheet"] = PrintContexts(site: site).taskSheet(unit, progress: progress, from: path, diagnostics: &diagnostics)
            return ("print-task-sheet", context)

        case .search:
            return ("search", c.base(page: path, title: "Tìm kiếm", description: "Tìm trong bản tin, có dấu hoặc không dấu", section: "search"))

        case .notFound:
            var context = c.base(page: path, title: "Không tìm thấy trang")
            // Served from any depth by a web server, so links must be absolute here.
            context["root"] = site.config.baseURL
            return ("404", context)
        }
    }

    private func unitSummary(_ unit: Unit, from page: String) -> [String: Any] {
        ["name": unit.name, "href": Routes.link(from: page, to: Routes.unit(unit.id)), "group": unit.group ?? "",
         "contact": unit.contact ?? "", "sample": unit.sample]
    }

    private func articlePage(_ article: Article, path: String, body: ArticleBody? = nil,
                             diagnostics: inout Diagnostics) -> (String, [String: Any]) {
        let c = contexts
        let body = body ?? ArticleBody.render(article, onPage: path, site: site, linkIndex: linkIndex,
                                              dataBlocks: dataBlocks(for: article), into: &diagnostics)
        var context = c.base(page: path, title: article.title,
                             description: article.summary ?? String(body.firstParagraph.prefix(200)),
                             section: article.section.rawValue)
        var item = c.articleSummary(article, from: path)
        item["html"] = body.html
        if let date = article.date { item["date_official"] = date.official }
        let toc = body.headings.filter { $0.level <= 3 }
        item["toc"] = toc.count >= 3 ? toc.map { ["text": $0.text, "id": $0.id, "sub": $0.level == 3] as [String: Any] } : []
        if let campaignID = article.campaign, let campaign = site.campaign(campaignID) {
            item["campaign"] = c.campaignSummary(campaign, from: path)
            if article.section == .messages {
                let siblings = site.articles(in: .messages).filter { $0.campaign == campaignID }
                if let index = siblings.firstIndex(where: { $0.slug == article.slug }) {
                    if index > 0 { item["previous"] = c.articleSummary(siblings[index - 1], from: path) }
                    if index + 1 < siblings.count { item["next"] = c.articleSummary(siblings[index + 1], from: path) }
                }
            }
        }
        if let unitID = article.unit, let unit = site.unit(unitID) { item["unit"] = unitSummary(unit, from: path) }
        if let letter = article.letter {
            let org = site.config.organization
            item["letter"] = [
                "kind_name": letter.kindName,
                "kind_caps": letter.kindName.uppercased(),
                "is_cong_van": letter.kind == "cong-van",
                "number": letter.number,
                "place": letter.place,
                "date_line": letter.dateLine,
                "subject": letter.subject ?? "",
                "parent": org.parent,
                "organization": org.name,
                "recipients": PageContexts.punctuated(letter.recipients),
                "single_recipient": letter.recipients.count == 1,
                "copies": PageContexts.punctuated(letter.copies),
                "authority": letter.signer.authority ?? "",
                "signer_title": letter.signer.title,
                "signer_name": letter.signer.name,
                "attachments": letter.attachments,
                "signed_scan": signedScanLink(article, page: path, diagnostics: &diagnostics),
            ] as [String: Any]
        }
        if article.isPrintable {
            item["print_href"] = Routes.link(from: path, to: Routes.printVersion(of: Routes.article(article)))
            if printing { item["pdf_href"] = Routes.link(from: path, to: Routes.pdf(article.printName)) }
            if printing, article.handout?.kind == .poster { item["png_href"] = Routes.link(from: path, to: Routes.png(article.printName)) }
        }
        if let fragment = fragmentPaths[article.id] { item["fragment_href"] = Routes.link(from: path, to: fragment) }
        let editions = EditionContexts(site: site, linkIndex: linkIndex)
        item["appears_in"] = editions.appearances(of: article, from: path)
        if let edition = article.edition, !path.hasSuffix("/ban-in/index.html") {
            item["edition"] = editions.edition(article, edition: edition, path: path, editorialHTML: body.html, diagnostics: &diagnostics)
        }
        if let handout = article.handout {
            item["handout"] = ["kind": handout.kind == .poster ? "Áp phích" : "Tờ rơi", "paper": handout.paper.rawValue,
                               "orientation": handout.landscape ? "khổ ngang" : "khổ dọc", "pages": handout.pages] as [String: Any]
        }
        context["article"] = item
        context["is_\(article.section.rawValue)"] = true
        let templates: [Article.Section: String] = [.documents: "document", .reports: "document", .messages: "message",
                                                    .posts: "post", .handouts: "handout", .editions: "edition"]
        let template = templates[article.section]!
        return (template, context)
    }

    /// The letter's scan as a link from this page: a file of the site or an http(s) address,
    /// never a script URL or a path out of content/.
    private func signedScanLink(_ article: Article, page: String, diagnostics: inout Diagnostics) -> String {
        guard let scan = article.letter?.signedScan, !scan.isEmpty else { return "" }
        let ref = article.fieldRefs["signed_scan"] ?? article.ref
        if let problem = PathRules.problemInLink(scan) {
            diagnostics.error(ref, "signed_scan: \(problem)", hint: "put the scan in content/ (e.g. content/images/cv-246.pdf) and write its path relative to this file")
            return ""
        }
        switch linkIndex.resolve(scan, from: article.sourcePath, onPage: page) {
        case let .resolved(link): return link
        case let .broken(message, hint):
            diagnostics.error(ref, "signed_scan: \(message)", hint: hint)
            return ""
        }
    }

    private func unitPage(_ unit: Unit, path: String) -> (String, [String: Any]) {
        let c = contexts
        var context = c.base(page: path, title: unit.name, description: "Nhiệm vụ và tiến độ của \(unit.name)", section: "units")
        var item = unitSummary(unit, from: path)
        item["kind"] = site.kind(unit.kind)?.label ?? unit.kind
        item["campaigns"] = site.campaigns.filter { $0.addresses(unit) }.map { campaign -> [String: Any] in
            var summary = c.campaignSummary(campaign, from: path)
            summary["targets"] = c.targets(campaign, for: unit)
            if let tally = progress[campaign.id]?.unit(unit.id) {
                summary["progress"] = c.unitProgress(tally, in: campaign, from: path)
            }
            summary["messages"] = c.messages(of: campaign.id, from: path)
            summary["handouts"] = site.articles(in: .handouts).filter { $0.campaign == campaign.id }
                .map { c.articleSummary($0, from: path) }
            return summary
        }
        item["posts"] = site.articles(in: .posts).filter { $0.unit == unit.id }.map { c.articleSummary($0, from: path) }
        if site.campaigns.contains(where: { $0.addresses(unit) }) {
            item["print_href"] = Routes.link(from: path, to: Routes.printVersion(of: Routes.unit(unit.id)))
            if printing { item["pdf_href"] = Routes.link(from: path, to: Routes.pdf(Printable.taskSheetName(unit))) }
        }
        item["bundle_href"] = Routes.link(from: path, to: Routes.bundle(unit.id))
        item["bundles_href"] = Routes.link(from: path, to: Routes.bundles)
        context["unit"] = item
        context["units_href"] = Routes.link(from: path, to: Routes.units)
        return ("unit", context)
    }

    private func campaignPage(_ campaign: Campaign, path: String) -> (String, [String: Any]) {
        let c = contexts
        var context = c.base(page: path, title: campaign.title, description: campaign.summary, section: "campaigns")
        var item = c.campaignSummary(campaign, from: path)
        item["progress_href"] = Routes.link(from: path, to: Routes.progress(campaign.id))
        item["start_official"] = campaign.start.official
        item["deadline_official"] = campaign.deadline.official
        item["messages"] = c.messages(of: campaign.id, from: path)
        item["indicators"] = campaign.indicators.map { ["label": $0.label, "unit": $0.unit] }
        let addressed = site.units.filter { campaign.addresses($0) }
        item["kinds"] = site.kinds.compactMap { kind -> [String: Any]? in
            let units = addressed.filter { $0.kind == kind.id }
            guard !units.isEmpty else { return nil }
            let targets = campaign.kindTargets[kind.id] ?? [:]
            return ["label": kind.label, "count": units.count,
                    "cells": campaign.indicators.map { targets[$0.key].map { VietNumber.format($0) } ?? "—" }]
        }
        item["overrides"] = addressed.filter { campaign.unitTargets[$0.id] != nil }.map { unit -> [String: Any] in
            let targets = campaign.targets(for: unit)
            return ["name": unit.name, "href": Routes.link(from: path, to: Routes.unit(unit.id)),
                    "cells": campaign.indicators.map { targets[$0.key].map { VietNumber.format($0) } ?? "—" }]
        }
        context["campaign"] = item
        return ("campaign", context)
    }

    /// The list of bundles with their sizes, made after the bundle stage knows them.
    func bundleList(_ bundles: [BundleStage.Made], into diagnostics: inout Diagnostics) -> String? {
        let path = Routes.bundles
        var context = contexts.base(page: path, title: "Tải trọn gói để dùng không cần mạng", section: "units")
        context["bundles"] = bundles.map { bundle -> [String: Any] in
            var item: [String: Any] = ["title": bundle.title, "href": Routes.link(from: path, to: bundle.path),
                                       "file": "\(bundle.name).zip", "files": bundle.files,
                                       "size": BundleStage.sizeText(bundle.bytes)]
            // Marked as the build warned: size and limit with the digits that tell them apart.
            if bundle.bytes > site.config.bundleWarningBytes {
                (item["size"], item["over_limit"]) = BundleStage.sizeTexts(bundle.bytes, over: site.config.bundleWarningBytes)
            }
            if let unit = site.unit(bundle.name) { item["unit_href"] = Routes.link(from: path, to: Routes.unit(unit.id)) }
            else { item["whole_site"] = true }
            return item
        }
        guard let html = theme.render("bundles", context) else {
            diagnostics.error(SourceRef(file: "templates/bundles.mustache"), "the theme has no template `bundles`")
            return nil
        }
        return String(decoding: html, as: UTF8.self)
    }
}

/// Something the print stage turns into a PDF (and, for posters, a phone-sized PNG).
struct Printable: Sendable {
    /// ASCII file name without extension.
    let name: String
    /// The HTML print layout it is made from, output-relative.
    let page: String
    /// Pages it must fill exactly (handouts); nil when it runs as long as its text.
    let expectedPages: Int?
    /// Set for posters: the sheet to photograph for Zalo and Facebook.
    let poster: Handout?
    let ref: SourceRef
    let title: String
    /// For editions: the table of contents' page-number slots, with the anchor of the article each
    /// points at (a named destination in the PDF) and its title.
    var tocSlots: [(id: String, anchor: String, title: String)] = []

    static func all(in site: Site) -> [Printable] {
        var items = site.articles.filter(\.isPrintable).map { article in
            var item = Printable(name: article.printName, page: Routes.printVersion(of: Routes.article(article)),
                                 expectedPages: article.handout?.pages,
                                 poster: article.handout?.kind == .poster ? article.handout : nil,
                                 ref: article.ref, title: article.title)
            if let edition = article.edition {
                // Numbered as EditionContexts numbers the entries it shows.
                item.tocSlots = edition.articles.compactMap { site.article(id: $0) }.enumerated().map { index, included in
                    (EditionContexts.tocID(index), EditionContexts.anchor(index), included.title)
                }
            }
            return item
        }
        for unit in site.units where site.campaigns.contains(where: { $0.addresses(unit) }) {
            items.append(Printable(name: taskSheetName(unit), page: Routes.printVersion(of: Routes.unit(unit.id)),
                                   expectedPages: nil, poster: nil, ref: unit.ref, title: "Phiếu nhiệm vụ: \(unit.name)"))
        }
        return items
    }

    static func taskSheetName(_ unit: Unit) -> String { "phieu-nhiem-vu-\(unit.id)" }
}

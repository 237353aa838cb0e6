import VietText

/// Atom feed, sitemap and robots.txt: the files other machines read, all with absolute URLs.
enum Feeds {
    /// A feed is fetched again and again by readers that only show what is new: the newest entries
    /// are enough (a ward with years of archives made a feed of 4.6 MB at 10,000 posts). The list
    /// pages keep every article.
    static let feedEntries = 50

    /// News, documents and editions, the newest `feedEntries`. Dates are the content's own (Vietnam
    /// time), never the clock's.
    static func atom(_ site: Site) -> String {
        let base = site.config.baseURL
        // Positions sorted, not articles: filtering and sorting copies of 10,000 articles took
        // longer than writing the feed.
        let articles = site.articles
        let entries = articles.indices.filter { articles[$0].section != .messages && articles[$0].date != nil }
            .sorted { (articles[$0].date!, articles[$0].slug) > (articles[$1].date!, articles[$1].slug) }
            .prefix(feedEntries).map { articles[$0] }
        let updated = entries.first?.date.map(timestamp) ?? "1970-01-01T00:00:00+07:00"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(HTML.escape(site.config.language))">
          <title>\(HTML.escape(site.config.title))</title>
          <subtitle>\(HTML.escape(site.config.description))</subtitle>
          <id>\(HTML.escape(base))</id>
          <link rel="self" href="\(HTML.escape(base + Routes.feed))"/>
          <link rel="alternate" type="text/html" href="\(HTML.escape(base + Routes.home))"/>
          <updated>\(updated)</updated>
          <author><name>\(HTML.escape(site.config.organization.name)) – \(HTML.escape(site.config.organization.parent))</name></author>

        """
        for article in entries {
            let url = HTML.escape(Routes.absolute(Routes.article(article), baseURL: base))
            xml += """
              <entry>
                <title>\(HTML.escape(title(of: article)))</title>
                <link rel="alternate" type="text/html" href="\(url)"/>
                <id>\(url)</id>
                <updated>\(timestamp(article.date!))</updated>
                <summary>\(HTML.escape(article.summary ?? article.letter?.subject ?? article.title))</summary>
              </entry>

            """
        }
        xml += "</feed>\n"
        return xml
    }

    /// A feed reader shows titles alone: an edition's says which issue it is, not only its editorial's title.
    private static func title(of article: Article) -> String {
        guard let edition = article.edition else { return article.title }
        return "Bản tin số \(edition.number), \(edition.period): \(article.title)"
    }

    static func sitemap(_ site: Site, pages: [String]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages.sorted() where page != Routes.notFound {
            xml += "  <url><loc>\(HTML.escape(Routes.absolute(page, baseURL: site.config.baseURL)))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }

    static func robots(_ site: Site) -> String {
        "User-agent: *\nAllow: /\nSitemap: \(site.config.baseURL)\(Routes.sitemap)\n"
    }

    private static func timestamp(_ date: VietDate) -> String { "\(date.iso)T00:00:00+07:00" }
}

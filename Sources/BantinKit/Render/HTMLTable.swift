/// A data table as accessible HTML: a caption, column headers with scope, and the first cell
/// of each row as its row header. Every text is escaped here; `linkedRowHeaders` hold hrefs.
struct HTMLTable {
    struct Column { let title: String; var numeric = false }
    struct Row {
        let header: String
        var href: String? = nil
        let cells: [String]
        var rawCells: Set<Int> = []   // cells already rendered as trusted HTML (status badges)
    }

    let caption: String
    let columns: [Column]
    let rows: [Row]
    var footer: Row? = nil

    func html() -> String {
        // A region that scrolls sideways on a phone must be reachable by keyboard, and named.
        var out = "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"\(HTML.escape(caption))\">"
        out += "<table class=\"data\">\n<caption>\(HTML.escape(caption))</caption>\n<thead><tr>"
        for column in columns {
            out += "<th scope=\"col\"\(column.numeric ? " class=\"num\"" : "")>\(HTML.escape(column.title))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows { out += "<tr>" + render(row) + "</tr>\n" }
        out += "</tbody>\n"
        if let footer { out += "<tfoot><tr>" + render(footer) + "</tr></tfoot>\n" }
        return out + "</table></div>\n"
    }

    private func render(_ row: Row) -> String {
        let header = row.href.map { "<a href=\"\(HTML.escape($0))\">\(HTML.escape(row.header))</a>" } ?? HTML.escape(row.header)
        var out = "<th scope=\"row\">\(header)</th>"
        for (index, cell) in row.cells.enumerated() {
            let numeric = index + 1 < columns.count && columns[index + 1].numeric
            let content = row.rawCells.contains(index) ? cell : HTML.escape(cell)
            out += "<td\(numeric ? " class=\"num\"" : "")>\(content)</td>"
        }
        return out
    }

    static func statusBadge(_ unit: UnitProgress) -> String {
        "<span class=\"status status-\(unit.status.rawValue)\(unit.overdue ? " status-overdue" : "")\">\(HTML.escape(unit.statusLabel))</span>"
    }
}

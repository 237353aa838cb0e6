import VietText

/// A horizontal bar chart as inline SVG, drawn by the generator: no script, readable in print
/// and at 360 px. It only illustrates: the same numbers are always in a real table beside it.
struct BarChart {
    struct Bar {
        let label: String
        /// reported / target; bars are capped at 100 % but the text says the real figure.
        let ratio: Double
        let valueText: String
    }

    let id: String
    let title: String
    let bars: [Bar]

    func svg() -> String {
        // Narrow enough that 15-unit text stays readable when a 360 px phone scales it down.
        let width = 420, rowHeight = 46, top = 8
        let height = top + rowHeight * bars.count + 4
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"\(id)-t\" "
        svg += "xmlns=\"http://www.w3.org/2000/svg\" font-family=\"sans-serif\" font-size=\"15\">"
        svg += "<title id=\"\(id)-t\">\(HTML.escape(title))</title>"
        for (index, bar) in bars.enumerated() {
            let y = top + index * rowHeight
            let filled = Int((min(max(bar.ratio, 0), 1) * Double(width)).rounded())
            let color = bar.ratio >= 1 ? "#1b6e35" : (bar.ratio >= 0.5 ? "#8a5300" : "#a30f16")
            svg += "<text x=\"0\" y=\"\(y + 15)\" fill=\"#1a1a1a\">\(HTML.escape(bar.label))</text>"
            svg += "<text x=\"\(width)\" y=\"\(y + 15)\" text-anchor=\"end\" fill=\"#1a1a1a\" font-weight=\"bold\">\(HTML.escape(bar.valueText))</text>"
            svg += "<rect x=\"0\" y=\"\(y + 22)\" width=\"\(width)\" height=\"14\" fill=\"#e4e1da\"/>"
            if filled > 0 { svg += "<rect x=\"0\" y=\"\(y + 22)\" width=\"\(filled)\" height=\"14\" fill=\"\(color)\"/>" }
        }
        return svg + "</svg>"
    }

    /// "2/3 buổi · 67 %" — what a bar says in words.
    static func valueText(reported: Double, target: Double, unit: String) -> String {
        let percent = target > 0 ? " · " + VietNumber.percent(reported / target, maxFractionDigits: 0) : ""
        return "\(VietNumber.format(reported))/\(VietNumber.format(target)) \(unit)\(percent)"
    }
}

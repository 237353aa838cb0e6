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
        // The chart is scaled to its box: at 340 units across, 16-unit text is still 15 px on a
        // 360 px phone. The label and the figures take a line each, so neither runs into the other.
        let width = 340, rowHeight = 62, top = 2
        let height = top + rowHeight * bars.count
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"\(id)-t\" "
        svg += "xmlns=\"http://www.w3.org/2000/svg\" font-family=\"sans-serif\" font-size=\"16\">"
        svg += "<title id=\"\(id)-t\">\(HTML.escape(title))</title>"
        for (index, bar) in bars.enumerated() {
            let y = top + index * rowHeight
            let filled = Int((min(max(bar.ratio, 0), 1) * Double(width)).rounded())
            let color = bar.ratio >= 1 ? "#1b6e35" : (bar.ratio >= 0.5 ? "#8a5300" : "#a30f16")
            svg += "<text x=\"0\" y=\"\(y + 15)\" fill=\"#1a1a1a\">\(HTML.escape(bar.label))</text>"
            svg += "<text x=\"0\" y=\"\(y + 35)\" fill=\"#1a1a1a\" font-weight=\"bold\">\(HTML.escape(bar.valueText))</text>"
            svg += "<rect x=\"0\" y=\"\(y + 42)\" width=\"\(width)\" height=\"12\" fill=\"#e4e1da\"/>"
            if filled > 0 { svg += "<rect x=\"0\" y=\"\(y + 42)\" width=\"\(filled)\" height=\"12\" fill=\"\(color)\"/>" }
        }
        return svg + "</svg>"
    }

    /// "2/3 buổi · 67 %" — what a bar says in words.
    static func valueText(reported: Double, target: Double, unit: String) -> String {
        let percent = target > 0 ? " · " + VietNumber.percent(reported / target, maxFractionDigits: 0) : ""
        return "\(VietNumber.format(reported))/\(VietNumber.format(target)) \(unit)\(percent)"
    }
}

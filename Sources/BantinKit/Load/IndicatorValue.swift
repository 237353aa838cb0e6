import Spreadsheet
import VietText

/// One indicator cell: a number in Vietnamese format, optionally followed by the
/// indicator's own unit of measure ("12 buổi"). Any other unit is refused, never converted.
enum IndicatorValue {
    case empty, value(Double), invalid(String, hint: String?)

    static func read(_ cell: CellValue, indicator: Indicator) -> IndicatorValue {
        switch cell {
        case .empty: return .empty
        case let .number(number): return .value(number)
        case .date, .bool:
            return .invalid("`\(cell.plainText)` is not a number of \(indicator.unit)", hint: "the column is \(indicator.label)")
        case let .text(raw):
            let text = raw.trimmingWhitespacesAndNewlines()
            if text.isEmpty || text == "-" || text == "–" { return .empty }
            if let number = VietNumber.parse(text) { return .value(number) }
            // Split "12 m²" into the number and what follows it.
            let numberPart = text.prefix { $0.isNumber || ".,-−+ \u{00A0}".contains($0) }
            let unitPart = String(text.dropFirst(numberPart.count)).trimmingWhitespaces()
            if let number = VietNumber.parse(String(numberPart).trimmingWhitespaces()), !unitPart.isEmpty {
                if VietText.fold(unitPart) == VietText.fold(indicator.unit) { return .value(number) }
                return .invalid("`\(text)` is in \(unitPart), but \(indicator.label) is counted in \(indicator.unit)",
                                hint: "values of different units are never added; report \(indicator.unit), or ask the office for a separate indicator")
            }
            return .invalid("`\(text)` is not a number", hint: "write numbers as 1.200 (thousands with \".\") or 2,5 (decimals with \",\")")
        }
    }

    /// Warnings for values that are possible but unlikely to be meant.
    static func plausibility(_ value: Double, indicator: Indicator) -> [String] {
        var warnings: [String] = []
        if value < 0 { warnings.append("\(indicator.label): a negative value (\(VietNumber.format(value))) is unusual") }
        if let limit = indicator.maxPerRow, value > limit {
            warnings.append("\(indicator.label): \(VietNumber.format(value)) \(indicator.unit) in one activity is more than the expected \(VietNumber.format(limit))")
        } else if indicator.maxPerRow == nil {
            // A ward loudspeaker broadcast lasts ≤ 15 minutes; an hour or more in one row is almost surely a typo.
            let unit = VietText.fold(indicator.unit)
            if unit == "gio", value > 1 {
                warnings.append("\(indicator.label): \(VietNumber.format(value)) giờ in one activity is implausible for a broadcast (usually ≤ 15 phút)")
            } else if unit == "phut", value > 60 {
                warnings.append("\(indicator.label): \(VietNumber.format(value)) phút in one activity is longer than an hour")
            }
        }
        return warnings
    }
}

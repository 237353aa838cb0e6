import Foundation
import VietText

/// The tally as downloads: CSV for Excel (UTF-8 with BOM, so Excel reads the accents) and JSON
/// for machines, with the same numbers.
enum TallyExport {
    static func csv(_ progress: CampaignProgress) -> Data {
        var header = ["Mã đơn vị", "Đơn vị", "Loại đơn vị"]
        for indicator in progress.campaign.indicators {
            header += ["\(indicator.label) (\(indicator.unit))", "Chỉ tiêu: \(indicator.label)", "Tỉ lệ %: \(indicator.label)"]
        }
        header += ["Hoàn thành %", "Trạng thái", "Quá hạn", "Số hoạt động", "Báo cáo gần nhất"]
        var lines = [header.map(cell).joined(separator: ",")]
        for unit in progress.units {
            var row = [unit.unit.id, unit.unit.name, progress.groups.first { $0.kind.id == unit.unit.kind }?.kind.label ?? unit.unit.kind]
            for indicator in unit.indicators {
                row += [number(indicator.reported), indicator.target.map(number) ?? "",
                        indicator.ratio.map { String(Int(($0 * 100).rounded())) } ?? ""]
            }
            row += [unit.completion.map { String(Int(($0 * 100).rounded())) } ?? "", unit.status.label,
                    unit.overdue ? "có" : "không", String(unit.activities.count), unit.lastReport?.iso ?? ""]
            lines.append(row.map(cell).joined(separator: ","))
        }
        return Data([0xEF, 0xBB, 0xBF]) + Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// Quotes when needed, and defuses text a spreadsheet would run as a formula.
    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@\t\r".contains(first), Double(text) == nil { text = "'" + text }
        if text.contains(where: { ",\"\n\r".contains($0) }) || text != value {
            text = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// Machine-readable numbers: no grouping, "." as decimal mark.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    struct JSONTally: Encodable {
        struct Indicator: Encodable { let key, label, unit: String; let reported: Double; let target: Double }
        struct UnitRow: Encodable {
            struct Value: Encodable { let key: String; let reported: Double; let target: Double?; let ratio: Double? }
            let id, name, kind, status, statusLabel: String
            let overdue: Bool
            let completion: Double?
            let activities: Int
            let lastReport: String?
            let values: [Value]
        }
        let campaign, title, asOf, start, deadline: String
        let indicators: [Indicator]
        let units: [UnitRow]
    }

    static func json(_ progress: CampaignProgress) -> Data {
        let tally = JSONTally(
            campaign: progress.campaign.id, title: progress.campaign.title, asOf: progress.asOf.iso,
            start: progress.campaign.start.iso, deadline: progress.campaign.deadline.iso,
            indicators: progress.totals.map {
                .init(key: $0.indicator.key, label: $0.indicator.label, unit: $0.indicator.unit, reported: $0.reported, target: $0.target)
            },
            units: progress.units.map { unit in
                .init(id: unit.unit.id, name: unit.unit.name, kind: unit.unit.kind, status: unit.status.rawValue,
                      statusLabel: unit.statusLabel, overdue: unit.overdue, completion: unit.completion,
                      activities: unit.activities.count, lastReport: unit.lastReport?.iso,
                      values: unit.indicators.map { .init(key: $0.indicator.key, reported: $0.reported, target: $0.target, ratio: $0.ratio) })
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return (try? encoder.encode(tally)).map { $0 + Data("\n".utf8) } ?? Data()
    }
}

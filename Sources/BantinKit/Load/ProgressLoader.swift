import Foundation
import Spreadsheet
import VietText

/// Reads a campaign's activity reports (`progress/*.csv`, `progress/*.xlsx`): one row per
/// activity. Every bad cell is reported with the row number the spreadsheet shows.
enum ProgressLoader {
    enum Column: Equatable { case date, unit, activity, note, indicator(String) }

    static let fixedHeaders: [(Column, [String])] = [
        (.date, ["date", "ngày", "ngày thực hiện", "thời gian"]),
        (.unit, ["unit", "đơn vị", "tên đơn vị"]),
        (.activity, ["activity", "hoạt động", "nội dung", "nội dung hoạt động"]),
        (.note, ["note", "ghi chú"]),
    ]

    static func load(_ url: URL, relativePath: String, campaign: Campaign, units: [Unit],
                     into diagnostics: inout Diagnostics) -> [Activity] {
        guard SizeLimit.allows(url, relativePath: relativePath, megabytes: SizeLimit.reportMB, what: "an activity report",
                               into: &diagnostics) else { return [] }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            diagnostics.error(SourceRef(file: relativePath), "cannot read the file")
            return []
        }
        return read(data, relativePath: relativePath, campaign: campaign, units: units, into: &diagnostics)
    }

    /// The file's bytes to activities; apart from the disk, everything `load` does (the fuzzers call this).
    static func read(_ data: Data, relativePath: String, campaign: Campaign, units: [Unit],
                     into diagnostics: inout Diagnostics) -> [Activity] {
        let sheet: Sheet
        do throws(SpreadsheetError) {
            sheet = relativePath.lowercased().hasSuffix(".xlsx") ? try XLSXReader.read(data) : try CSVReader.read(data)
        } catch {
            diagnostics.error(SourceRef(file: relativePath, line: error.line, column: error.column), error.message, hint: error.hint)
            return []
        }
        guard let header = sheet.rows.first else {
            diagnostics.warning(SourceRef(file: relativePath), "the sheet is empty")
            return []
        }
        guard let columns = readHeader(header, file: relativePath, campaign: campaign, into: &diagnostics) else { return [] }
        let resolver = UnitResolver(units: units)
        var activities: [Activity] = []
        // Keyed by the key's bytes: a String key with accents is hashed through NFC, a tenth of
        // reading a report of 45,000 rows, and every text here is NFC already.
        var seen: [RowKey: Int] = [:]
        for row in sheet.rows.dropFirst() {
            guard let activity = readRow(row, columns: columns, file: relativePath, campaign: campaign,
                                         resolver: resolver, into: &diagnostics) else { continue }
            let fingerprint = RowKey(bytes: Array(duplicateKey(activity).utf8))
            if let first = seen[fingerprint] {
                diagnostics.warning(activity.ref, "this row repeats row \(first) (same date, unit, activity and numbers)",
                                    hint: "delete one of them if the activity was reported twice")
            } else {
                seen[fingerprint] = row.number
            }
            activities.append(activity)
        }
        return activities
    }

    private static func readHeader(_ header: SheetRow, file: String, campaign: Campaign,
                                   into diagnostics: inout Diagnostics) -> [Column?]? {
        var columns: [Column?] = []
        var failed = false
        for (index, cell) in header.cells.enumerated() {
            let name = cell.plainText.trimmingWhitespacesAndNewlines()
            if name.isEmpty { columns.append(nil); continue }
            if let column = match(name, campaign: campaign) {
                if columns.contains(column) {
                    diagnostics.error(SourceRef(file: file, line: header.number, column: index + 1), "the column `\(name)` appears twice")
                    failed = true
                }
                columns.append(column)
            } else {
                let known = fixedHeaders.map { $0.1[1] } + campaign.indicators.flatMap { [$0.key, $0.label] }
                let hint = Suggest.closest(to: name, in: known, maxDistance: 4).map { "did you mean `\($0)`?" }
                    ?? "columns: ngày, đơn vị, hoạt động, ghi chú, and one per indicator: "
                        + campaign.indicators.map { "\($0.key) (\($0.label))" }.joined(separator: ", ")
                diagnostics.error(SourceRef(file: file, line: header.number, column: index + 1), "unknown column `\(name)`", hint: hint)
                failed = true
                columns.append(nil)
            }
        }
        for (column, names) in fixedHeaders where [.date, .unit].contains(column) && !columns.contains(column) {
            diagnostics.error(SourceRef(file: file, line: header.number), "the sheet has no `\(names[1])` (\(names[0])) column")
            failed = true
        }
        return failed ? nil : columns
    }

    /// Headers match by key or Vietnamese label, ignoring case, accents and a trailing "(unit)".
    static func match(_ header: String, campaign: Campaign) -> Column? {
        if let column = matchName(header, campaign: campaign) { return column }
        guard header.hasSuffix(")"), let open = header.lastIndex(of: "(") else { return nil }
        return matchName(String(header[..<open]), campaign: campaign)
    }

    private static func matchName(_ name: String, campaign: Campaign) -> Column? {
        let folded = VietText.fold(name)
        for (column, names) in fixedHeaders where names.contains(where: { VietText.fold($0) == folded }) { return column }
        for indicator in campaign.indicators
        where VietText.fold(indicator.key) == folded || VietText.fold(indicator.label) == folded
            || VietText.fold(indicator.key.replacingOccurrences(of: "-", with: " ")) == folded {
            return .indicator(indicator.key)
        }
        return nil
    }

    private static func readRow(_ row: SheetRow, columns: [Column?], file: String, campaign: Campaign,
                                resolver: UnitResolver, into diagnostics: inout Diagnostics) -> Activity? {
        func ref(_ index: Int) -> SourceRef { SourceRef(file: file, line: row.number, column: index + 1) }
        var date: VietDate?, unit: Unit?, title = "", note: String?
        var values: [String: Double] = [:]
        var failed = false
        for (index, cell) in row.cells.enumerated() where index < columns.count {
            guard let column = columns[index] else {
                if !cell.isEmpty {
                    diagnostics.warning(ref(index), "a value in a column without a header is ignored")
                }
                continue
            }
            switch column {
            case .date:
                date = readDate(cell)
                if date == nil {
                    diagnostics.error(ref(index), cell.isEmpty ? "the date is missing" : "`\(cell.plainText)` is not a date",
                                      hint: "write dates as 2/4/2026 (day/month/year) or 2026-04-02")
                    failed = true
                }
            case .unit:
                let name = cell.plainText.trimmingWhitespaces()
                switch resolver.resolve(name) {
                case let .found(found): unit = found
                case let .unknown(hint):
                    diagnostics.error(ref(index), name.isEmpty ? "the unit is missing" : "unknown unit `\(name)`", hint: hint)
                    failed = true
                }
            case .activity:
                title = VietText.nfc(cell.plainText.trimmingWhitespacesAndNewlines())
            case .note:
                let text = VietText.nfc(cell.plainText.trimmingWhitespacesAndNewlines())
                note = text.isEmpty ? nil : text
            case let .indicator(key):
                let indicator = campaign.indicators.first { $0.key == key }!
                switch IndicatorValue.read(cell, indicator: indicator) {
                case .empty: break
                case let .value(number):
                    values[key] = number
                    for warning in IndicatorValue.plausibility(number, indicator: indicator) {
                        diagnostics.warning(ref(index), warning)
                    }
                case let .invalid(message, hint):
                    diagnostics.error(ref(index), message, hint: hint)
                    failed = true
                }
            }
        }
        if let unitIndex = columns.firstIndex(of: .unit), unitIndex >= row.cells.count {
            diagnostics.error(ref(unitIndex), "the unit is missing")
            failed = true
        }
        if columns.firstIndex(of: .date).map({ $0 >= row.cells.count }) == true {
            diagnostics.error(ref(columns.firstIndex(of: .date)!), "the date is missing")
            failed = true
        }
        guard !failed, let date, let unit else { return nil }
        if !campaign.addresses(unit) {
            diagnostics.warning(ref(columns.firstIndex(of: .unit) ?? 0),
                                "\(unit.name) is not among the units of campaign `\(campaign.id)`; the row is not counted")
            return nil
        }
        if date < campaign.start || date > campaign.deadline {
            diagnostics.warning(ref(columns.firstIndex(of: .date) ?? 0),
                                "\(date.short) is outside the campaign period \(campaign.start.short)–\(campaign.deadline.short)")
        }
        return Activity(campaign: campaign.id, date: date, unit: unit.id, title: title, values: values, note: note,
                        ref: SourceRef(file: file, line: row.number))
    }

    private static func readDate(_ cell: CellValue) -> VietDate? {
        switch cell {
        case let .date(date): return VietDate(year: date.year, month: date.month, day: date.day)
        case let .text(text): return VietDate.parse(text)
        default: return nil
        }
    }

    /// A row's key as bytes, hashed as one block: an array of bytes is hashed a byte at a time.
    private struct RowKey: Hashable {
        let bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// "date|unit|folded title|key=value,…" (values by key), appended into one String: interpolating
    /// the parts and joining the values made several Strings per row of 50,000.
    static func duplicateKey(_ activity: Activity) -> String {
        var key = activity.date.iso
        key += "|"
        key += activity.unit
        key += "|"
        key += VietText.fold(activity.title)
        key += "|"
        for (index, value) in activity.values.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { key += "," }
            key += value.key
            key += "="
            key += value.value.description
        }
        return key
    }
}

/// Finds a unit by id or by its name (accents and case as written, or folded).
struct UnitResolver {
    enum Result { case found(Unit), unknown(hint: String?) }
    let units: [Unit]

    /// The first unit of each id and of each name: a report names a unit on every row, and
    /// comparing the name with every unit's id and name was a fifth of reading a row.
    private let firstByID: [String: Int], firstByName: [String: Int]

    init(units: [Unit]) {
        self.units = units
        // String keys are equal as `==` says (canonical equivalence), so the lookup finds what the comparisons did.
        firstByID = Dictionary(units.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        firstByName = Dictionary(units.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func resolve(_ name: String) -> Result {
        guard !name.isEmpty else { return .unknown(hint: nil) }
        // The first unit whose id or name it is.
        let index = min(firstByID[name] ?? units.count, firstByName[name] ?? units.count)
        if index < units.count { return .found(units[index]) }
        let folded = VietText.fold(name)
        let matches = units.filter { VietText.fold($0.name) == folded || $0.id == folded }
        if matches.count == 1 { return .found(matches[0]) }
        let closest = Suggest.closest(to: name, in: units.map(\.name), maxDistance: max(3, name.count / 3))
        return .unknown(hint: closest.map { "did you mean \"\($0)\"?" } ?? "units are listed in content/units.yaml (by id or exact name)")
    }
}

extension CellValue {
    /// The cell as text, the way a person reads it in the sheet.
    var plainText: String {
        switch self {
        case .empty: return ""
        case let .text(text): return text
        case let .number(number): return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case let .date(date): return "\(date.day)/\(date.month)/\(date.year)"
        case let .bool(flag): return flag ? "TRUE" : "FALSE"
        }
    }

    var isEmpty: Bool { plainText.trimmingWhitespaces().isEmpty }
}

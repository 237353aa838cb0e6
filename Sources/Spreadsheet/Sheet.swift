/// A calendar date as a spreadsheet shows it, with no time and no time zone: reports are about
/// days, and a `Date` would drag in a time zone that could shift the day.
public struct SheetDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (a: SheetDate, b: SheetDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// ISO 8601 (`2026-04-03`), the one unambiguous spelling for logs and error messages.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

public enum CellValue: Sendable, Hashable {
    case empty
    /// Exactly as written: no trimming and no Unicode normalisation, so NFD text stays NFD.
    case text(String)
    case number(Double)
    case date(SheetDate)
    case bool(Bool)

    public var isEmpty: Bool { self == .empty }
}

public struct SheetRow: Sendable, Hashable {
    /// The number a person sees in the spreadsheet or text editor, so error messages can point there.
    public let number: Int
    public let cells: [CellValue]

    public init(number: Int, cells: [CellValue]) {
        self.number = number
        self.cells = cells
    }

    /// The cell at a 0-based column; `.empty` past the end, since trailing empty cells are trimmed.
    public subscript(column: Int) -> CellValue {
        cells.indices.contains(column) ? cells[column] : .empty
    }
}

public struct Sheet: Sendable, Hashable {
    public let name: String
    /// Including the header row; fully empty rows are dropped and trailing empty cells trimmed.
    public let rows: [SheetRow]

    public init(name: String, rows: [SheetRow]) {
        self.name = name
        self.rows = rows
    }
}

extension SheetRow {
    /// Applies the model's shape rules in one place, so CSV and xlsx rows cannot drift apart.
    static func normalized(number: Int, cells: [CellValue]) -> SheetRow? {
        guard let last = cells.lastIndex(where: { !$0.isEmpty }) else { return nil }
        return SheetRow(number: number, cells: Array(cells[...last]))
    }
}

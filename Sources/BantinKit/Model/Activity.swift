import VietText

/// One reported activity of a unit: a row of a progress spreadsheet.
public struct Activity: Sendable {
    public var campaign: String
    public var date: VietDate
    /// Unit id (the sheet may name the unit by id or by its exact name).
    public var unit: String
    public var title: String
    /// Indicator key → value, in the indicator's own unit of measure.
    public var values: [String: Double]
    public var note: String?
    /// File and the row number as the spreadsheet shows it.
    public var ref: SourceRef
}

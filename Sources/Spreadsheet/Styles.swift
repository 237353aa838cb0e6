/// The part of xl/styles.xml that matters here: which cell style indexes (`s="3"`) show dates.
struct DateStyles {
    /// Indexed by the cell's `s` attribute, i.e. by position in `<cellXfs>`.
    let isDateStyle: [Bool]

    static let none = DateStyles(isDateStyle: [])

    func isDate(styleIndex: Int) -> Bool {
        isDateStyle.indices.contains(styleIndex) && isDateStyle[styleIndex]
    }
}

final class StylesHandler: XMLHandler {
    private var customCodes: [Int: String] = [:]
    private var numberFormatIDs: [Int] = []
    private var inCellXfs = false

    var dateStyles: DateStyles {
        DateStyles(isDateStyle: numberFormatIDs.map { NumberFormat.isDate(id: $0, customCodes: customCodes) })
    }

    func start(_ name: String, attributes: [String: String]) throws(SpreadsheetError) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] {
                customCodes[id] = code
            }
        case "cellXfs":
            inCellXfs = true
        case "xf" where inCellXfs:
            // `<cellStyleXfs>` also holds `<xf>`, but cells index only `<cellXfs>`.
            numberFormatIDs.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default:
            break
        }
    }

    func end(_ name: String) throws(SpreadsheetError) {
        if name == "cellXfs" { inCellXfs = false }
    }

    func text(_ string: String) {}
}

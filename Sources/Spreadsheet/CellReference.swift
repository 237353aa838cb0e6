/// An A1-style reference ("C5": column 3, row 5). Excel omits empty cells and rows from the
/// file, so only the reference says where a cell really sits.
struct CellReference: Equatable {
    /// Excel's limits (XFD1048576); a reference past them is a damaged or hostile file, and
    /// trusting it would let one cell allocate an enormous row.
    static let maxColumn = 16_384
    static let maxRow = 1_048_576

    let column: Int
    /// nil when the reference is column-only, which the row element then supplies.
    let row: Int?

    init?(_ text: String) {
        var column = 0
        var row = 0
        var sawLetter = false
        var sawDigit = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard !sawDigit else { return nil }
                column = column * 26 + Int((byte & 0xDF) - UInt8(ascii: "A")) + 1
                guard column <= Self.maxColumn else { return nil }
                sawLetter = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard sawLetter else { return nil }
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                guard row <= Self.maxRow else { return nil }
                sawDigit = true
            case UInt8(ascii: "$"):
                // Absolute references ($C$5) are legal in the attribute even if Excel never writes them.
                continue
            default:
                return nil
            }
        }
        guard sawLetter, !sawDigit || row >= 1 else { return nil }
        self.column = column
        self.row = sawDigit ? row : nil
    }

    /// "C5" for messages, as a person would type it into the Name Box.
    static func name(column: Int, row: Int) -> String {
        var letters = ""
        var remaining = column
        while remaining > 0 {
            let digit = (remaining - 1) % 26
            letters = String(UnicodeScalar(UInt8(ascii: "A") + UInt8(digit))) + letters
            remaining = (remaining - 1) / 26
        }
        return letters + String(row)
    }
}

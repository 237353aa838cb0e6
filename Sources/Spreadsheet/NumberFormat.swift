/// Decides whether a number format shows a date, since an xlsx date is only a number with a
/// date format applied to it.
enum NumberFormat {
    /// Built-in ids whose format is a date: 14–17 and 22 are the Western ones, 27–36 and 50–58
    /// the East Asian ones. 45–47 are time formats ("mm:ss", "[h]:mm:ss", "mmss.0") but are
    /// counted as dates here because the module's contract lists them.
    static let builtInDateIDs: Set<Int> = Set([14, 15, 16, 17, 22])
        .union(27...36).union(45...47).union(50...58)

    /// `customCodes` are the workbook's own `<numFmt>` entries, which may also redefine a built-in id.
    static func isDate(id: Int, customCodes: [Int: String]) -> Bool {
        if let code = customCodes[id] { return isDate(code: code) }
        return builtInDateIDs.contains(id)
    }

    /// True when the code has a d, m or y outside quotes, brackets and escapes, unless its only
    /// letters are h, m and s (then "m" means minutes: `mm:ss`, `h:mm`). Only the first section
    /// counts, since it is the one applied to positive numbers.
    static func isDate(code: String) -> Bool {
        var sawDayOrYear = false
        var sawMonthOrMinute = false
        var sawTime = false
        var characters = Array(code)[...]
        while let character = characters.popFirst() {
            switch character {
            case ";":
                characters = []
            case "\"":
                // Literal text such as "ngày" must not count its letters.
                while let next = characters.popFirst(), next != "\"" {}
            case "[":
                // Colours, conditions, locales ([$-42A]) and elapsed time ([h]).
                while let next = characters.popFirst(), next != "]" {}
            case "\\", "_", "*":
                // Escaped literal, padding width, fill character: the next character is not a code.
                _ = characters.popFirst()
            case "A", "a":
                // AM/PM and A/P hold an "M" that is not a month.
                let rest = String(characters.prefix(4)).uppercased()
                if rest == "M/PM" {
                    characters = characters.dropFirst(4)
                } else if rest.hasPrefix("/P") {
                    characters = characters.dropFirst(2)
                }
            case "d", "D", "y", "Y":
                sawDayOrYear = true
            case "m", "M":
                sawMonthOrMinute = true
            case "h", "H", "s", "S":
                sawTime = true
            default:
                break
            }
        }
        return sawDayOrYear || (sawMonthOrMinute && !sawTime)
    }
}

/// Excel stores a date as a count of days (the fraction is the time of day), and the cell's
/// number format alone says it is a date.
enum SerialDate {
    /// The largest serial Excel accepts, 9999-12-31 in the 1900 system.
    private static let maxSerial1900 = 2_958_465.0

    /// nil when the serial is not a day Excel can display (negative, or 0 in the 1900 system,
    /// which Excel shows as the fictitious "1900-01-00"); the caller then keeps the number.
    static func date(serial: Double, date1904: Bool) -> SheetDate? {
        guard serial.isFinite else { return nil }
        // Excel rounds to the second before splitting off the day, so 45383.99999999 is the next day.
        let days = ((serial * 86_400).rounded() / 86_400).rounded(.down)
        if date1904 {
            // Mac Excel's system: serial 0 is 1904-01-01 and there is no leap-year bug to copy.
            guard days >= 0, days <= maxSerial1900 - 1462 else { return nil }
            return civil(daysSince1970: Int(days) - 24_107)
        }
        guard days >= 1, days <= maxSerial1900 else { return nil }
        // Lotus 1-2-3 treated 1900 as a leap year and Excel kept the bug for compatibility:
        // serial 60 is 1900-02-29, a day that never existed, and every later serial is one
        // too high. Returning 02-29 matches what Excel shows in the cell.
        if days == 60 { return SheetDate(year: 1900, month: 2, day: 29) }
        let offset = days < 60 ? 1 : 0
        // Serial 61 is 1900-03-01; 1899-12-30 is 25,569 days before 1970-01-01.
        return civil(daysSince1970: Int(days) + offset - 25_569)
    }

    /// Howard Hinnant's `civil_from_days`: proleptic Gregorian, with no Calendar or time zone
    /// that could move the day.
    static func civil(daysSince1970: Int) -> SheetDate {
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return SheetDate(year: year, month: month, day: day)
    }

    /// Strict OOXML and some generators store dates as ISO 8601 text (`t="d"`); the time part is dropped.
    static func parseISO(_ text: String) -> SheetDate? {
        let parts = text.prefix(10).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        return SheetDate(year: year, month: month, day: day)
    }
}

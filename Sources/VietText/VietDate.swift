import Foundation

/// A calendar date without time or zone (Vietnamese documents never carry a time).
///
/// Arithmetic is done on a proleptic Gregorian day count rather than through `Calendar`,
/// so results never depend on the machine's time zone or locale.
public struct VietDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    /// Validates month and day against the Gregorian calendar (leap years included).
    /// Years are limited to 1…9999 so `iso` is always four digits and parses back.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= VietDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// From a Foundation Date, taken in UTC (Yams gives midnight UTC for `date: 2026-03-25`).
    public init(utc date: Date) {
        // Clamped so that a corrupt or infinite interval cannot trap the conversion to Int.
        let raw = (date.timeIntervalSince1970 / 86_400).rounded(.down)
        let days = raw.isNaN ? 0 : Int(min(max(raw, -1e12), 1e12))
        self = VietDate.fromDayNumber(days)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeap(year) ? 29 : 28
        default: return 0
        }
    }

    // MARK: Parsing

    /// Accepts "2026-04-02", "2026-4-2", "2/4/2026", "02/04/2026", "2-4-2026", "2.4.2026"
    /// (day first, as Vietnamese write); trims spaces. nil if invalid.
    ///
    /// A four-digit first field means year first; otherwise the order is always day/month/year,
    /// never the American month/day, because "2/4/2026" in a ward document is 2 April.
    /// The separators must agree ("2/4-2026" is more likely a typo than a date).
    public static func parse(_ s: String) -> VietDate? {
        // Read on the UTF-8 bytes: a date is only ASCII digits and one kind of separator, and any
        // other byte (a letter, a mark after a digit, a CR) refuses it, as any other Character did.
        // Walking Characters and cutting Substrings was a fifth of reading an activity report's row.
        var text = s.trimmingWhitespacesAndNewlines()
        return text.withUTF8 { bytes -> VietDate? in
            var fields: [(value: Int, digits: Int)] = []
            var field = (value: 0, digits: 0)
            var separator: UInt8?
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."):
                    if let separator, separator != byte { return nil }
                    separator = byte
                    fields.append(field)
                    guard fields.count < 3 else { return nil }
                    field = (0, 0)
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    // Past four digits a field is refused anyway: stop adding before Int could overflow.
                    if field.digits < 5 { field.value = field.value * 10 + Int(byte - UInt8(ascii: "0")) }
                    field.digits += 1
                default:
                    return nil
                }
            }
            fields.append(field)
            guard fields.count == 3 else { return nil }
            func number(_ field: (value: Int, digits: Int), digits: ClosedRange<Int>) -> Int? {
                digits.contains(field.digits) ? field.value : nil
            }
            if fields[0].digits == 4 {
                guard let y = number(fields[0], digits: 4...4),
                      let m = number(fields[1], digits: 1...2),
                      let d = number(fields[2], digits: 1...2) else { return nil }
                return VietDate(year: y, month: m, day: d)
            }
            guard let d = number(fields[0], digits: 1...2),
                  let m = number(fields[1], digits: 1...2),
                  let y = number(fields[2], digits: 4...4) else { return nil }
            return VietDate(year: y, month: m, day: d)
        }
    }

    // MARK: Formatting

    public var iso: String {
        // Written as ten digits and dashes when every part fits its width, as nearly always: three
        // padded Strings joined were a share of checking 50,000 report rows for repeats.
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        }
        return String(unsafeUninitializedCapacity: 10) { out in
            func digits(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for position in (offset..<offset + width).reversed() {
                    out[position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            digits(year, 4, at: 0)
            out[4] = UInt8(ascii: "-")
            digits(month, 2, at: 5)
            out[7] = UInt8(ascii: "-")
            digits(day, 2, at: 8)
            return 10
        }
    }

    /// "ngày 25 tháng 3 năm 2026". Decree 30/2020 pads days 1–9 and months 1–2 (and only those)
    /// so that a day or month cannot be extended by hand, e.g. "tháng 1" into "tháng 12".
    public var official: String {
        let d = day < 10 ? pad(day, 2) : String(day)
        let m = month < 3 ? pad(month, 2) : String(month)
        return "ngày \(d) tháng \(m) năm \(pad(year, 4))"
    }

    /// "25/3/2026": the everyday short form, no padding but the year's. A year typed as "0026"
    /// stays "0026": written "26" it would read as 2026 on the page and not parse back.
    public var short: String { "\(day)/\(month)/\(pad(year, 4))" }

    /// "quý I/2026".
    public var quarter: String {
        let roman = ["I", "II", "III", "IV"][(month - 1) / 3]
        return "quý \(roman)/\(year)"
    }

    /// Quarter number 1–4, for grouping.
    public var quarterNumber: Int { (month - 1) / 3 + 1 }

    /// "thứ Hai" … "thứ Bảy", "Chủ nhật". Lower-case "thứ" because it usually follows a comma
    /// or a preposition; capitalise at the start of a sentence.
    public var weekday: String {
        VietDate.weekdayNames[weekdayIndex]
    }

    /// 0 = Chủ nhật (Sunday), 1 = thứ Hai … 6 = thứ Bảy; "thứ Hai" literally means "second day".
    public var weekdayIndex: Int {
        // 1970-01-01 was a Thursday (index 4).
        ((dayNumber + 4) % 7 + 7) % 7
    }

    private static let weekdayNames = [
        "Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy",
    ]

    public var description: String { iso }

    // MARK: Arithmetic

    /// Days since 1970-01-01 (for differences; can be negative).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil: counts in 400-year eras starting on 1 March,
        // which puts the leap day at the end of each computed year.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01; nil outside the years 1…9999.
    public init?(dayNumber: Int) {
        let date = VietDate.fromDayNumber(dayNumber)
        guard (1...9999).contains(date.year) else { return nil }
        self = date
    }

    private static func fromDayNumber(_ n: Int) -> VietDate {
        let z = n + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return VietDate(unchecked: y, m, d)
    }

    /// Stays total outside 1…9999 (the calendar simply continues) so callers never need to
    /// handle a failure for what is, in practice, a few days' offset.
    public func adding(days: Int) -> VietDate {
        VietDate.fromDayNumber(dayNumber + days)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: VietDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// Midnight UTC of this date, the inverse of `init(utc:)`.
    public var utcDate: Date {
        Date(timeIntervalSince1970: TimeInterval(dayNumber) * 86_400)
    }

    public static func < (a: VietDate, b: VietDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    private func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n.magnitude)
        let padded = s.count < width ? String(repeating: "0", count: width - s.count) + s : s
        return n < 0 ? "-" + padded : padded
    }
}

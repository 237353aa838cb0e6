import Foundation
import Testing
import VietText

@Suite struct VietDateTests {
    @Test(arguments: [
        ("2026-04-02", 2026, 4, 2),
        ("2026-4-2", 2026, 4, 2),
        ("2/4/2026", 2026, 4, 2),
        ("02/04/2026", 2026, 4, 2),
        ("2-4-2026", 2026, 4, 2),
        ("2.4.2026", 2026, 4, 2),
        ("  25/3/2026 ", 2026, 3, 25),
        ("\t2026-03-25\n", 2026, 3, 25),
        ("31/12/2026", 2026, 12, 31),
        ("1/1/2026", 2026, 1, 1),
        ("29/2/2028", 2028, 2, 29),
        ("29/02/2000", 2000, 2, 29),
        ("2028-02-29", 2028, 2, 29),
        ("2026/04/02", 2026, 4, 2),
        ("30/4/1975", 1975, 4, 30),
    ])
    func parsesValidDates(_ text: String, _ y: Int, _ m: Int, _ d: Int) throws {
        let date = try #require(VietDate.parse(text))
        #expect(date.year == y && date.month == m && date.day == d)
    }

    @Test(arguments: [
        "31/2/2026", "29/2/2026", "30/2/2028", "29/2/1900", "2026-13-01", "2026-00-10",
        "0/1/2026", "32/1/2026", "31/4/2026", "31/6/2026", "31/9/2026", "31/11/2026",
        "2/4/26", "2026/4", "2026", "", "   ", "abc", "2/4-2026", "2026-04/02",
        "2026-04-02T00:00:00Z", "2026-04-02 10:00", "\u{FF12}/4/2026", "2/4/2026/1",
        "-1/4/2026", "2/ 4/2026", "002/4/2026", "2/004/2026", "2/4/02026", "4/2026",
        "2026-4-2-1", "02/04/0000",
    ])
    func rejectsInvalidDates(_ text: String) {
        #expect(VietDate.parse(text) == nil)
    }

    @Test func validatesMonthLengths() {
        let lengths2026 = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        for (index, length) in lengths2026.enumerated() {
            let month = index + 1
            #expect(VietDate(year: 2026, month: month, day: length) != nil, "2026-\(month)-\(length)")
            #expect(VietDate(year: 2026, month: month, day: length + 1) == nil, "2026-\(month)-\(length + 1)")
            #expect(VietDate(year: 2026, month: month, day: 0) == nil)
            let leapLength = month == 2 ? 29 : length
            #expect(VietDate(year: 2028, month: month, day: leapLength) != nil)
            #expect(VietDate(year: 2028, month: month, day: leapLength + 1) == nil)
        }
        #expect(VietDate(year: 2026, month: 0, day: 1) == nil)
        #expect(VietDate(year: 2026, month: 13, day: 1) == nil)
        #expect(VietDate(year: 2000, month: 2, day: 29) != nil)
        #expect(VietDate(year: 2100, month: 2, day: 29) == nil)
        #expect(VietDate(year: 0, month: 1, day: 1) == nil)
        #expect(VietDate(year: 10000, month: 1, day: 1) == nil)
    }

    @Test func officialPaddingForEveryMonth() throws {
        let months = ["01", "02", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]
        for (index, m) in months.enumerated() {
            let five = try #require(VietDate(year: 2026, month: index + 1, day: 5))
            let ten = try #require(VietDate(year: 2026, month: index + 1, day: 10))
            let twentyFive = try #require(VietDate(year: 2026, month: index + 1, day: 25))
            #expect(five.official == "ngày 05 tháng \(m) năm 2026")
            #expect(ten.official == "ngày 10 tháng \(m) năm 2026")
            #expect(twentyFive.official == "ngày 25 tháng \(m) năm 2026")
        }
        #expect(VietDate.parse("25/3/2026")?.official == "ngày 25 tháng 3 năm 2026")
        #expect(VietDate.parse("1/2/2026")?.official == "ngày 01 tháng 02 năm 2026")
        #expect(VietDate.parse("9/12/2026")?.official == "ngày 09 tháng 12 năm 2026")
        #expect(VietDate.parse("31/1/2026")?.official == "ngày 31 tháng 01 năm 2026")
    }

    /// Found by the date fuzzer: "2-5-0026" parsed, but its short form "2/5/26" did not parse
    /// back, and on a page read as 2026.
    @Test func yearsBefore1000KeepFourDigits() throws {
        let typo = try #require(VietDate.parse("2-5-0026"))
        #expect(typo.short == "2/5/0026")
        #expect(typo.official == "ngày 02 tháng 5 năm 0026")
        #expect(VietDate.parse(typo.short) == typo)
        #expect(VietDate.parse(typo.iso) == typo)
    }

    @Test func shortAndIsoForms() throws {
        let d = try #require(VietDate(year: 2026, month: 3, day: 25))
        #expect(d.short == "25/3/2026")
        #expect(d.iso == "2026-03-25")
        #expect(d.description == "2026-03-25")
        #expect("\(d)" == "2026-03-25")
        #expect(VietDate(year: 2026, month: 1, day: 5)?.short == "5/1/2026")
        #expect(VietDate(year: 2026, month: 1, day: 5)?.iso == "2026-01-05")
        #expect(VietDate(year: 999, month: 12, day: 31)?.iso == "0999-12-31")
        #expect(VietDate.parse(d.iso) == d)
        #expect(VietDate.parse(d.short) == d)
    }

    @Test func quarterForEveryMonth() throws {
        let expected = ["I", "I", "I", "II", "II", "II", "III", "III", "III", "IV", "IV", "IV"]
        for (index, roman) in expected.enumerated() {
            let d = try #require(VietDate(year: 2026, month: index + 1, day: 15))
            #expect(d.quarter == "quý \(roman)/2026")
            #expect(d.quarterNumber == index / 3 + 1)
        }
    }

    @Test(arguments: [
        ("25/3/2026", "thứ Tư"),
        ("1/1/1970", "thứ Năm"),
        ("1/1/2000", "thứ Bảy"),
        ("29/2/2024", "thứ Năm"),
        ("2/9/1945", "Chủ nhật"),
        ("1/7/2025", "thứ Ba"),
        ("1/1/2026", "thứ Năm"),
        ("30/4/1975", "thứ Tư"),
        ("1/1/1900", "thứ Hai"),
        ("31/12/2100", "thứ Sáu"),
        ("27/3/2026", "thứ Sáu"),
        ("29/3/2026", "Chủ nhật"),
    ])
    func weekdays(_ text: String, _ weekday: String) throws {
        let d = try #require(VietDate.parse(text))
        #expect(d.weekday == weekday)
    }

    @Test(arguments: [
        ("1970-01-01", 0), ("1969-12-31", -1), ("2000-01-01", 10957), ("2026-03-25", 20537),
        ("1945-09-02", -8887), ("2024-02-29", 19782), ("1900-01-01", -25567), ("2100-12-31", 47846),
    ])
    func dayNumbers(_ text: String, _ n: Int) throws {
        let d = try #require(VietDate.parse(text))
        #expect(d.dayNumber == n)
        #expect(VietDate(year: 1970, month: 1, day: 1)!.adding(days: n) == d)
    }

    @Test func addingDaysCrossesMonthsYearsAndLeapDays() throws {
        let feb28 = try #require(VietDate.parse("28/2/2026"))
        #expect(feb28.adding(days: 1).iso == "2026-03-01")
        #expect(VietDate.parse("28/2/2028")!.adding(days: 1).iso == "2028-02-29")
        #expect(VietDate.parse("31/12/2026")!.adding(days: 1).iso == "2027-01-01")
        #expect(VietDate.parse("1/1/2027")!.adding(days: -1).iso == "2026-12-31")
        #expect(VietDate.parse("1/3/2028")!.adding(days: -1).iso == "2028-02-29")
        #expect(feb28.adding(days: 365).iso == "2027-02-28")
        #expect(feb28.adding(days: 0) == feb28)
        #expect(feb28.days(until: feb28.adding(days: 40)) == 40)
    }

    @Test func agreesWithFoundationCalendarOverTwoCenturies() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var previous: VietDate?
        for n in stride(from: -25567, through: 47846, by: 5) {
            let date = Date(timeIntervalSince1970: TimeInterval(n) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            let d = VietDate(utc: date)
            #expect(d.year == parts.year && d.month == parts.month && d.day == parts.day, "\(n)")
            #expect(d.dayNumber == n)
            // Foundation: 1 = Sunday.
            #expect(d.weekdayIndex == parts.weekday! - 1)
            #expect(d.utcDate == date)
            if let previous { #expect(previous < d) }
            previous = d
        }
    }

    @Test func utcDateIgnoresTimeOfDay() throws {
        let midnight = try #require(ISO8601DateFormatter().date(from: "2026-03-25T00:00:00Z"))
        #expect(VietDate(utc: midnight).iso == "2026-03-25")
        #expect(VietDate(utc: midnight.addingTimeInterval(86_399)).iso == "2026-03-25")
        #expect(VietDate(utc: midnight.addingTimeInterval(-1)).iso == "2026-03-24")
        #expect(VietDate(utc: Date(timeIntervalSince1970: 0)).iso == "1970-01-01")
        #expect(VietDate(utc: Date(timeIntervalSince1970: -1)).iso == "1969-12-31")
    }

    @Test func ordering() throws {
        let dates = ["2/4/2026", "25/3/2026", "1/1/2027", "31/12/2025", "26/3/2026"].compactMap(VietDate.parse)
        #expect(dates.count == 5)
        #expect(dates.sorted().map(\.iso) == ["2025-12-31", "2026-03-25", "2026-03-26", "2026-04-02", "2027-01-01"])
        #expect(VietDate.parse("2/4/2026") == VietDate.parse("2026-04-02"))
        #expect(Set(["2/4/2026", "2026-4-2", "02.04.2026"].compactMap(VietDate.parse)).count == 1)
    }

    /// `VietDate.parse` as it was before it read bytes: Characters and Substrings.
    static func referenceParse(_ s: String) -> VietDate? {
        let trimmed = s.trimming(.whitespacesAndNewlines)
        var fields: [Substring] = []
        var separator: Character?
        var start = trimmed.startIndex
        for i in trimmed.indices {
            let c = trimmed[i]
            if c == "-" || c == "/" || c == "." {
                if let separator, separator != c { return nil }
                separator = c
                fields.append(trimmed[start..<i])
                start = trimmed.index(after: i)
            } else if !c.isASCII || !c.isNumber {
                return nil
            }
        }
        fields.append(trimmed[start...])
        guard fields.count == 3 else { return nil }
        func number(_ f: Substring, digits: ClosedRange<Int>) -> Int? {
            guard digits.contains(f.count) else { return nil }
            return Int(f)
        }
        if fields[0].count == 4 {
            guard let y = number(fields[0], digits: 4...4), let m = number(fields[1], digits: 1...2),
                  let d = number(fields[2], digits: 1...2) else { return nil }
            return VietDate(year: y, month: m, day: d)
        }
        guard let d = number(fields[0], digits: 1...2), let m = number(fields[1], digits: 1...2),
              let y = number(fields[2], digits: 4...4) else { return nil }
        return VietDate(year: y, month: m, day: d)
    }

    /// Dates of every shape (field lengths 0–5, each separator, mixed separators, extra fields) and
    /// with the characters that must refuse them (marks after digits, CRLF inside, other digits).
    @Test func parsesAsTheCharacterReadingDid() {
        let fields = ["", "0", "1", "9", "02", "12", "29", "31", "00", "123", "2026", "0026", "2024", "12345", "99999999999999999999"]
        var inputs: [String] = []
        for a in fields { for b in fields { for c in fields { for separator in ["-", "/", "."] {
            inputs.append([a, b, c].joined(separator: separator))
        } } } }
        let odd = ["2026-04-02", " 2/4/2026\r\n", "2/4-2026", "2/4/2026/", "/2/4/2026", "2//4/2026", "1/2/3/2026", "2\u{0301}/4/2026",
                   "2/4/2026\u{0301}", "2/4/20\r\n26", "٢/٤/٢٠٢٦", "２/4/2026", "+2/4/2026", "2/4/ 2026", "2 /4/2026", "2/4/2026x", "2–4–2026",
                   "\u{00A0}2/4/2026\u{00A0}", "29/2/2024", "29/2/2025", "0/1/2026", "1/13/2026", "31/4/2026", "1/1/0000", "1/1/9999", ""]
        inputs += odd
        let differences = inputs.filter { VietDate.parse($0) != Self.referenceParse($0) }
        #expect(inputs.count > 10_000)
        #expect(differences == [])
    }

    /// `iso` writes the digits itself when every part fits; it must read as the padded parts did,
    /// for the dates the day count can give, far outside 1…9999 included.
    @Test func isoIsThePaddedParts() {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n.magnitude)
            let padded = s.count < width ? String(repeating: "0", count: width - s.count) + s : s
            return n < 0 ? "-" + padded : padded
        }
        var days = Array(stride(from: -800_000, through: 3_000_000, by: 17))
        days += [-1_000_000_000_000, -800_000_000, 0, 2_932_896, 2_932_897, 1_000_000_000_000]
        for day in days {
            let date = VietDate(utc: Date(timeIntervalSince1970: Double(day) * 86_400))
            #expect(date.iso == pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2), "\(day)")
        }
    }
}

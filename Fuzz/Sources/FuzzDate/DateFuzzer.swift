import BantinKit
import Foundation
import FuzzSupport
import VietText

/// Dates typed by officers (front matter, report cells, `--as-of`) and SOURCE_DATE_EPOCH.
/// A parsed date must print back in each form and parse to itself; any date, however far
/// out of range the epoch puts it, must format and count days without trapping.
@main
enum DateFuzzer {
    static func main() { runFuzzer(test) }

    static let test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { start, count in
        fuzzText(start, count) { text in
            if let date = VietDate.parse(text) {
                fuzzCheck(VietDate.parse(date.iso) == date, "\(text.debugDescription) → \(date.iso) does not parse back")
                fuzzCheck(VietDate.parse(date.short) == date, "\(text.debugDescription) → \(date.short) does not parse back")
                fuzzCheck(VietDate(utc: date.utcDate) == date, "\(date.iso) does not survive a trip through Date")
                exercise(date)
            }
            exercise(BuildDate.resolve(environment: ["SOURCE_DATE_EPOCH": text]))
        }
    }
}

/// Everything the pages print or compute from a date.
private func exercise(_ date: VietDate) {
    _ = (date.iso, date.official, date.short, date.quarter, date.weekday)
    let later = date.adding(days: 366)
    fuzzCheck(date.days(until: later) == 366, "\(date.iso) + 366 days is \(later.iso)")
}

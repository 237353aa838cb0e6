import Foundation
import VietText

/// The date a build measures progress on. Reproducible builds fix it with SOURCE_DATE_EPOCH
/// (the reproducible-builds.org convention) or `--as-of`; otherwise it is today in Vietnam.
public enum BuildDate {
    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment,
                               now: Date = Date()) -> VietDate {
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init) {
            return vietnamDay(Date(timeIntervalSince1970: epoch))
        }
        return vietnamDay(now)
    }

    /// Vietnam has kept UTC+7 all year since 1975: no time-zone database needed.
    static func vietnamDay(_ date: Date) -> VietDate {
        VietDate(utc: date.addingTimeInterval(7 * 3600))
    }
}

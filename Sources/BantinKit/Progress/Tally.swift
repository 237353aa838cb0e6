import VietText

/// Where a unit stands in a campaign.
public enum UnitStatus: String, Sendable, CaseIterable {
    case silent = "chua-bao-cao"
    case inProgress = "dang-thuc-hien"
    case done = "hoan-thanh"

    public var label: String {
        switch self {
        case .silent: return "Chưa báo cáo"
        case .inProgress: return "Đang thực hiện"
        case .done: return "Hoàn thành"
        }
    }
}

public struct IndicatorProgress: Sendable {
    public let indicator: Indicator
    public let reported: Double
    public let target: Double?
    /// reported / target, uncapped; nil without a target (or with a zero target).
    public var ratio: Double? {
        guard let target, target > 0 else { return nil }
        return reported / target
    }
    public var reached: Bool { target.map { reported >= $0 } ?? true }
}

public struct UnitProgress: Sendable {
    public let unit: Unit
    public let indicators: [IndicatorProgress]
    /// Oldest first.
    public let activities: [Activity]
    public let status: UnitStatus
    /// Past the deadline and not done.
    public let overdue: Bool
    /// Mean of the capped ratios of the indicators that have a target; nil when none has.
    public let completion: Double?

    public var lastReport: VietDate? { activities.last?.date }
    public var statusLabel: String { overdue ? "\(status.label) – quá hạn" : status.label }
    /// Behind = silent, overdue, or still in progress; used to list who needs a call first.
    public var isBehind: Bool { status != .done }
}

/// Sum of one indicator over a set of units. Values of different indicators are never added,
/// so values of different units of measure (cái, m, m²) never are either.
public struct IndicatorTotal: Sendable {
    public let indicator: Indicator
    public let reported: Double
    /// Sum of the targets of the units that have one for this indicator.
    public let target: Double
    public var ratio: Double? { target > 0 ? reported / target : nil }
}

public struct GroupProgress: Sendable {
    public let kind: UnitKind
    public let units: [UnitProgress]
    public let totals: [IndicatorTotal]
    public var reportedCount: Int { units.filter { $0.status != .silent }.count }
    public var doneCount: Int { units.filter { $0.status == .done }.count }
    /// "13/25 tổ dân phố" style coverage of units that reported at least once.
    public var coverage: String { "\(reportedCount)/\(units.count) \(kind.label.lowercased())" }
}

public struct CampaignProgress: Sendable {
    public let campaign: Campaign
    public let asOf: VietDate
    /// In site order (kind, then Vietnamese collation).
    public let units: [UnitProgress]
    public let groups: [GroupProgress]
    public let totals: [IndicatorTotal]

    public var pastDeadline: Bool { asOf > campaign.deadline }
    public func unit(_ id: String) -> UnitProgress? { units.first { $0.unit.id == id } }
    public func count(_ status: UnitStatus) -> Int { units.filter { $0.status == status }.count }
    public var overdueCount: Int { units.filter(\.overdue).count }
}

/// Adds up what units reported against what the campaign asked of them.
public enum Tally {
    public static func compute(_ campaign: Campaign, site: Site, asOf: VietDate) -> CampaignProgress {
        let addressed = site.units.filter { campaign.addresses($0) }
        let all = site.activities
        // Positions, not copies: an activity is a large struct (strings, a dictionary), and at
        // 50,000 rows copying and sorting them whole was most of the tally.
        var byUnit: [String: [Int]] = [:]
        // Numbers are "as of" a day: what was reported for later days is not counted yet.
        for index in all.indices where all[index].campaign == campaign.id && all[index].date <= asOf {
            byUnit[all[index].unit, default: []].append(index)
        }
        let units = addressed.map { unit in
            progress(of: unit, in: campaign, sorted: sortedByReport(byUnit[unit.id] ?? [], in: all), asOf: asOf)
        }
        let groups = site.kinds.compactMap { kind -> GroupProgress? in
            let members = units.filter { $0.unit.kind == kind.id }
            guard !members.isEmpty else { return nil }
            return GroupProgress(kind: kind, units: members, totals: totals(of: members, campaign: campaign))
        }
        return CampaignProgress(campaign: campaign, asOf: asOf, units: units, groups: groups,
                                totals: totals(of: units, campaign: campaign))
    }

    /// Oldest first: by date, then row, then file; rows that tie on all three stay in site order
    /// (the position breaks the tie). What is sorted is a small key per row (the day as one
    /// number, the row, the position); a file name is compared only when day and row are equal.
    static func sortedByReport(_ positions: [Int], in all: [Activity]) -> [Activity] {
        guard positions.count > 1 else { return positions.map { all[$0] } }
        // year·10⁴ + month·100 + day orders days as (year, month, day) does: month ≤ 12, day ≤ 31.
        var keys = positions.map { position -> (day: Int, line: Int, position: Int) in
            let date = all[position].date
            return (date.year * 10_000 + date.month * 100 + date.day, all[position].ref.line, position)
        }
        keys.sort { a, b in
            if a.day != b.day { return a.day < b.day }
            if a.line != b.line { return a.line < b.line }
            if all[a.position].ref.file != all[b.position].ref.file { return all[a.position].ref.file < all[b.position].ref.file }
            return a.position < b.position
        }
        return keys.map { all[$0.position] }
    }

    /// `sorted`: the unit's activities up to `asOf`, oldest first.
    static func progress(of unit: Unit, in campaign: Campaign, sorted: [Activity], asOf: VietDate) -> UnitProgress {
        let targets = campaign.targets(for: unit)
        // One pass over the activities, each indicator's sum still added up oldest first (the
        // same additions in the same order as a sum per indicator); reading values in place, as
        // a closure over whole activities copied each one per indicator.
        // The keys are taken out once: enumerating the indicators inside copied each one (four
        // strings) for every row and indicator.
        let keys = campaign.indicators.map(\.key)
        var reported = [Double](repeating: 0, count: keys.count)
        for index in sorted.indices {
            for slot in keys.indices {
                reported[slot] += sorted[index].values[keys[slot]] ?? 0
            }
        }
        let indicators = campaign.indicators.enumerated().map { slot, indicator in
            IndicatorProgress(indicator: indicator, reported: reported[slot], target: targets[indicator.key])
        }
        let ratios = indicators.compactMap(\.ratio).map { min($0, 1) }
        let completion = ratios.isEmpty ? nil : ratios.reduce(0, +) / Double(ratios.count)
        let status: UnitStatus
        if sorted.isEmpty {
            status = .silent
        } else if !ratios.isEmpty, indicators.allSatisfy(\.reached) {
            status = .done
        } else {
            status = .inProgress
        }
        return UnitProgress(unit: unit, indicators: indicators, activities: sorted, status: status,
                            overdue: status != .done && asOf > campaign.deadline, completion: completion)
    }

    static func totals(of units: [UnitProgress], campaign: Campaign) -> [IndicatorTotal] {
        campaign.indicators.enumerated().map { index, indicator in
            IndicatorTotal(indicator: indicator,
                           reported: units.reduce(0) { $0 + $1.indicators[index].reported },
                           target: units.reduce(0) { $0 + ($1.indicators[index].target ?? 0) })
        }
    }
}

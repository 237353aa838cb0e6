import VietText

/// A propaganda campaign the office asked units to carry out, with what it measures and expects.
public struct Campaign: Sendable, Identifiable {
    public var id: String
    public var title: String
    public var directive: String?
    public var summary: String?
    public var start: VietDate
    public var deadline: VietDate
    /// Slug of the document (letter) that launched it.
    public var documentID: String?
    public var audience: Audience
    public var indicators: [Indicator]
    /// Targets per unit kind, then per unit id; a unit's own value overrides its kind's, key by key.
    public var kindTargets: [String: [String: Double]]
    public var unitTargets: [String: [String: Double]]
    public var ref: SourceRef

    public enum Audience: Sendable {
        case all
        case some(kinds: Set<String>, units: Set<String>)
    }

    public func addresses(_ unit: Unit) -> Bool {
        switch audience {
        case .all: return true
        case let .some(kinds, units): return kinds.contains(unit.kind) || units.contains(unit.id)
        }
    }

    /// The targets that apply to one unit, by indicator key.
    public func targets(for unit: Unit) -> [String: Double] {
        var merged = kindTargets[unit.kind] ?? [:]
        for (key, value) in unitTargets[unit.id] ?? [:] { merged[key] = value }
        return merged
    }
}

/// Something a campaign counts, always with its unit of measure: values of different
/// units (cái, m, m²) are never added together.
public struct Indicator: Sendable, Identifiable {
    public var key: String
    public var label: String
    public var unit: String
    /// Values above this in one activity row are flagged as implausible.
    public var maxPerRow: Double?
    public var id: String { key }
}

import VietText

/// Reads `content/campaigns/<id>/campaign.yaml`. References to units and kinds are checked
/// here because the unit list is already loaded; the document reference is checked by SiteLoader.
/// `roster` is nil when units.yaml exists but could not be read: names of units and kinds are then
/// not checked, since every one would look unknown.
enum CampaignLoader {
    static func load(_ file: TextFile, id: String, roster: (kinds: [UnitKind], units: [Unit])?,
                     into diagnostics: inout Diagnostics) -> (Campaign, documentRef: SourceRef?)? {
        guard let root = YAMLValue.parse(file.text, file: file.path, lineOffset: 0, into: &diagnostics),
              var fields = FieldReader(root, what: "campaign.yaml", diagnostics: &diagnostics) else { return nil }
        let title = fields.string("title", required: true, diagnostics: &diagnostics)
        let directive = fields.string("directive", diagnostics: &diagnostics)
        let summary = fields.string("summary", diagnostics: &diagnostics)
        let start = fields.date("start", required: true, diagnostics: &diagnostics)
        let deadline = fields.date("deadline", required: true, diagnostics: &diagnostics)
        let documentRef = root["document"]?.ref
        let document = fields.string("document", diagnostics: &diagnostics)
        if let start, let deadline, deadline < start {
            diagnostics.error(root["deadline"]?.ref ?? fields.ref,
                              "the deadline \(deadline.short) is before the start \(start.short)")
        }

        let kindIDs = Set(roster?.kinds.map(\.id) ?? []), unitIDs = Set(roster?.units.map(\.id) ?? [])
        let audience = readAudience(fields.raw("units"), kindIDs: kindIDs, unitIDs: unitIDs, checked: roster != nil, into: &diagnostics)
        let indicators = readIndicators(fields.raw("indicators"), into: &diagnostics)
        let indicatorKeys = Set(indicators.map(\.key))
        var kindTargets: [String: [String: Double]] = [:], unitTargets: [String: [String: Double]] = [:]
        for pair in fields.raw("targets")?.pairs ?? [] {
            let values = readTargetValues(pair.value, owner: pair.key, indicatorKeys: indicatorKeys, into: &diagnostics)
            if kindIDs.contains(pair.key) {
                kindTargets[pair.key] = values
            } else if unitIDs.contains(pair.key) {
                unitTargets[pair.key] = values
            } else if roster != nil {
                let hint = Suggest.closest(to: pair.key, in: Array(kindIDs) + Array(unitIDs)).map { "did you mean `\($0)`?" }
                diagnostics.error(pair.keyRef, "targets name `\(pair.key)`, which is neither a unit kind nor a unit id", hint: hint)
            }
        }
        if let targets = root["targets"], targets.pairs == nil, !targets.isNull {
            diagnostics.error(targets.ref, "`targets` must map a unit kind or unit id to `{indicator: number}`")
        }
        fields.reportUnknownKeys(into: &diagnostics)
        guard let title, let start, let deadline else { return nil }
        let campaign = Campaign(id: id, title: title, directive: directive, summary: summary, start: start,
                                deadline: deadline, documentID: document, audience: audience, indicators: indicators,
                                kindTargets: kindTargets, unitTargets: unitTargets, ref: fields.ref)
        return (campaign, documentRef)
    }

    private static func readAudience(_ value: YAMLValue?, kindIDs: Set<String>, unitIDs: Set<String>, checked: Bool,
                                     into diagnostics: inout Diagnostics) -> Campaign.Audience {
        guard let value else { return .all }
        if value.scalarText == "all" { return .all }
        guard let items = value.sequence else {
            diagnostics.error(value.ref, "`units` must be `all` or a list of unit kinds and unit ids")
            return .all
        }
        var kinds = Set<String>(), units = Set<String>()
        for item in items {
            guard let name = item.scalarText else { continue }
            if kindIDs.contains(name) { kinds.insert(name) } else if unitIDs.contains(name) { units.insert(name) } else if checked {
                let hint = Suggest.closest(to: name, in: Array(kindIDs) + Array(unitIDs)).map { "did you mean `\($0)`?" }
                diagnostics.error(item.ref, "unknown unit or kind `\(name)`", hint: hint)
            }
        }
        return .some(kinds: kinds, units: units)
    }

    private static func readIndicators(_ value: YAMLValue?, into diagnostics: inout Diagnostics) -> [Indicator] {
        guard let value else { return [] }
        guard let items = value.sequence else {
            diagnostics.error(value.ref, "`indicators` must be a list of {key, label, unit}")
            return []
        }
        var indicators: [Indicator] = []
        for item in items {
            guard var fields = FieldReader(item, what: "an indicator", diagnostics: &diagnostics) else { continue }
            let key = fields.string("key", required: true, diagnostics: &diagnostics)
            let label = fields.string("label", required: true, diagnostics: &diagnostics)
            let unit = fields.string("unit", required: true, diagnostics: &diagnostics)
            let maxText = fields.string("max_per_row", diagnostics: &diagnostics)
            let maxPerRow = maxText.flatMap { VietNumber.parse($0) }
            if let maxText, maxPerRow == nil {
                diagnostics.error(item["max_per_row"]?.ref ?? item.ref, "`max_per_row`: '\(maxText)' is not a number")
            }
            fields.reportUnknownKeys(into: &diagnostics)
            guard let key, let label, let unit else { continue }
            if VietText.slug(key) != key {
                diagnostics.error(item.ref, "indicator key `\(key)` must be lowercase ASCII letters, digits and hyphens",
                                  hint: "e.g. `\(VietText.slug(key))`")
            } else if indicators.contains(where: { $0.key == key }) {
                diagnostics.error(item.ref, "the indicator `\(key)` is declared twice")
            } else {
                indicators.append(Indicator(key: key, label: label, unit: unit, maxPerRow: maxPerRow))
            }
        }
        return indicators
    }

    private static func readTargetValues(_ value: YAMLValue, owner: String, indicatorKeys: Set<String>,
                                         into diagnostics: inout Diagnostics) -> [String: Double] {
        guard let pairs = value.pairs else {
            diagnostics.error(value.ref, "the targets of `\(owner)` must be `{indicator: number, …}`")
            return [:]
        }
        var values: [String: Double] = [:]
        for pair in pairs {
            guard indicatorKeys.contains(pair.key) else {
                let hint = Suggest.closest(to: pair.key, in: Array(indicatorKeys)).map { "did you mean `\($0)`?" }
                diagnostics.error(pair.keyRef, "unknown indicator `\(pair.key)` in the targets of `\(owner)`", hint: hint)
                continue
            }
            guard let text = pair.value.scalarText, let number = VietNumber.parse(text), number >= 0 else {
                diagnostics.error(pair.value.ref, "the target `\(pair.key)` of `\(owner)` must be a number ≥ 0",
                                  hint: "numbers use \".\" for thousands and \",\" for decimals: 1.200 or 2,5")
                continue
            }
            values[pair.key] = number
        }
        return values
    }
}

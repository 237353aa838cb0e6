import CommonMark
import VietText

/// Turns ```` ```bantin NAME key=value… ```` fences into generated tables and charts. Unknown
/// names and parameters are errors at the fence's line, so a typo never silently prints code.
struct DataBlockRenderer: Sendable {
    let site: Site
    /// Tallies by campaign id, made when a block first needs them.
    private let tallies: Once<[String: CampaignProgress]>
    var progress: [String: CampaignProgress] { tallies.value }

    init(site: Site, progress: [String: CampaignProgress]) { self.init(site: site, tallies: Once(value: progress)) }
    init(site: Site, tallies: Once<[String: CampaignProgress]>) { (self.site, self.tallies) = (site, tallies) }

    /// Block name → allowed parameters, and those that must be given.
    static let blocks: [String: (allowed: Set<String>, required: Set<String>)] = [
        "units": (["kind", "campaign", "group", "status"], []),
        "totals": (["campaign", "kind"], ["campaign"]),
        "progress": (["campaign", "by", "kind"], ["campaign"]),
        "chart": (["campaign", "kind"], ["campaign"]),
        "coverage": (["campaign"], ["campaign"]),
    ]
    static let statuses = ["silent", "in-progress", "done", "overdue", "behind"]

    func render(_ block: DataBlock, onPage page: String, at ref: SourceRef, into diagnostics: inout Diagnostics) -> String? {
        guard let spec = Self.blocks[block.name] else {
            let hint = Suggest.closest(to: block.name, in: Array(Self.blocks.keys)).map { "did you mean `bantin \($0)`?" }
                ?? "known blocks: " + Self.blocks.keys.sorted().joined(separator: ", ")
            diagnostics.error(ref, block.name.isEmpty ? "a `bantin` block needs a name" : "unknown data block `bantin \(block.name)`", hint: hint)
            return nil
        }
        var parameters: [String: String] = [:]
        var failed = false
        for parameter in block.parameters {
            if spec.allowed.contains(parameter.key) {
                parameters[parameter.key] = parameter.value
            } else {
                diagnostics.error(ref, "`bantin \(block.name)` has no parameter `\(parameter.key)`",
                                  hint: "it takes: " + spec.allowed.sorted().joined(separator: ", "))
                failed = true
            }
        }
        for word in block.bareWords {
            diagnostics.error(ref, "`\(word)` in `bantin \(block.name)` is not a `key=value` parameter")
            failed = true
        }
        for key in spec.required.sorted() where parameters[key] == nil {
            diagnostics.error(ref, "`bantin \(block.name)` needs `\(key)=…`")
            failed = true
        }
        if failed { return nil }

        var campaignProgress: CampaignProgress?
        if let id = parameters["campaign"] {
            guard let found = progress[id] else {
                if site.brokenCampaigns.contains(id) { return nil }   // its campaign.yaml's errors say why
                diagnostics.error(ref, "unknown campaign `\(id)` in `bantin \(block.name)`",
                                  hint: Suggest.closest(to: id, in: Array(progress.keys)).map { "did you mean `\($0)`?" })
                return nil
            }
            campaignProgress = found
        }
        var kind: UnitKind?
        if let id = parameters["kind"] {
            guard let found = site.kind(id) else {
                if !site.unitsAreKnown { return nil }   // units.yaml's errors say why
                diagnostics.error(ref, "unknown unit kind `\(id)` in `bantin \(block.name)`",
                                  hint: Suggest.closest(to: id, in: site.kinds.map(\.id)).map { "did you mean `\($0)`?" })
                return nil
            }
            kind = found
        }
        if let kind, let campaignProgress, ["totals", "chart"].contains(block.name),
           !campaignProgress.groups.contains(where: { $0.kind.id == kind.id }) {
            diagnostics.error(ref, "campaign `\(campaignProgress.campaign.id)` has no unit of kind `\(kind.id)`",
                              hint: "its kinds: " + campaignProgress.groups.map(\.kind.id).joined(separator: ", "))
            return nil
        }
        let tables = DataBlockTables(site: site, page: page)
        switch block.name {
        case "units":
            if let status = parameters["status"] {
                guard Self.statuses.contains(status) else {
                    diagnostics.error(ref, "unknown status `\(status)` in `bantin units`", hint: "use one of: " + Self.statuses.joined(separator: ", "))
                    return nil
                }
                guard let campaignProgress else {
                    diagnostics.error(ref, "`bantin units status=…` needs `campaign=…`")
                    return nil
                }
                return tables.unitsWithStatus(campaignProgress, status: status, kind: kind, group: parameters["group"])
            }
            return tables.units(kind: kind, campaign: campaignProgress?.campaign, group: parameters["group"])
        case "totals":
            return tables.totals(campaignProgress!, kind: kind)
        case "progress":
            switch parameters["by"] ?? "kind" {
            case "kind": return tables.byKind(campaignProgress!)
            case "unit": return tables.byUnit(campaignProgress!, kind: kind)
            case let other:
                diagnostics.error(ref, "`by=\(other)`: `bantin progress` groups `by=kind` or `by=unit`")
                return nil
            }
        case "chart":
            return tables.chart(campaignProgress!, kind: kind)
        case "coverage":
            return tables.coverage(campaignProgress!)
        default:
            return nil
        }
    }
}

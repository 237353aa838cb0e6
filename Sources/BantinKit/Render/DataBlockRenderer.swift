import CommonMark

/// Turns ```` ```bantin NAME key=value… ```` fences into generated tables. Unknown names and
/// parameters are errors at the fence's line, so a typo never silently prints code.
struct DataBlockRenderer: Sendable {
    let site: Site

    static let blocks: [String: Set<String>] = [
        "units": ["kind", "campaign", "group"],
    ]

    func render(_ block: DataBlock, onPage page: String, at ref: SourceRef, into diagnostics: inout Diagnostics) -> String? {
        guard let allowed = Self.blocks[block.name] else {
            let hint = Suggest.closest(to: block.name, in: Array(Self.blocks.keys)).map { "did you mean `bantin \($0)`?" }
                ?? "known blocks: " + Self.blocks.keys.sorted().joined(separator: ", ")
            diagnostics.error(ref, "unknown data block `bantin \(block.name)`", hint: hint)
            return nil
        }
        var parameters: [String: String] = [:]
        for parameter in block.parameters {
            if allowed.contains(parameter.key) {
                parameters[parameter.key] = parameter.value
            } else {
                diagnostics.error(ref, "`bantin \(block.name)` has no parameter `\(parameter.key)`",
                                  hint: "it takes: " + allowed.sorted().joined(separator: ", "))
            }
        }
        for word in block.bareWords {
            diagnostics.error(ref, "`\(word)` in `bantin \(block.name)` is not a `key=value` parameter")
        }
        switch block.name {
        case "units": return unitsTable(parameters, onPage: page, at: ref, into: &diagnostics)
        default: return nil
        }
    }

    private func unitsTable(_ parameters: [String: String], onPage page: String, at ref: SourceRef,
                            into diagnostics: inout Diagnostics) -> String? {
        var units = site.units
        var caption = "Danh sách đơn vị"
        if let kindID = parameters["kind"] {
            guard let kind = site.kind(kindID) else {
                diagnostics.error(ref, "unknown unit kind `\(kindID)` in `bantin units`",
                                  hint: Suggest.closest(to: kindID, in: site.kinds.map(\.id)).map { "did you mean `\($0)`?" })
                return nil
            }
            units = units.filter { $0.kind == kindID }
            caption = kind.label
        }
        if let campaignID = parameters["campaign"] {
            guard let campaign = site.campaign(campaignID) else {
                diagnostics.error(ref, "unknown campaign `\(campaignID)` in `bantin units`")
                return nil
            }
            units = units.filter { campaign.addresses($0) }
            caption += " thực hiện: " + campaign.title
        }
        if let group = parameters["group"] {
            units = units.filter { $0.group == group }
            caption += " – " + group
        }
        var html = "<div class=\"table-wrap\"><table class=\"data\">\n<caption>\(HTML.escape(caption)) (\(units.count))</caption>\n"
        html += "<thead><tr><th scope=\"col\">Đơn vị</th><th scope=\"col\">Khu vực</th><th scope=\"col\">Liên hệ</th></tr></thead>\n<tbody>\n"
        for unit in units {
            let link = Routes.link(from: page, to: Routes.unit(unit.id))
            html += "<tr><th scope=\"row\"><a href=\"\(HTML.escape(link))\">\(HTML.escape(unit.name))</a></th>"
            html += "<td>\(HTML.escape(unit.group ?? ""))</td><td>\(HTML.escape(unit.contact ?? ""))</td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        return html
    }
}

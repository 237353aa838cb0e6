import VietText

/// Template values for progress: a unit's table, chart and activities; a campaign's overview.
extension PageContexts {
    func statusFields(_ progress: UnitProgress) -> [String: Any] {
        [
            "status": progress.status.rawValue,
            "status_label": progress.statusLabel,
            "overdue": progress.overdue,
            "completion": progress.completion.map { VietNumber.percent($0, maxFractionDigits: 0) } ?? "",
            "last_report": progress.lastReport?.short ?? "",
            "activity_count": progress.activities.count,
        ]
    }

    func unitProgress(_ progress: UnitProgress, in campaign: Campaign, from page: String) -> [String: Any] {
        var item = statusFields(progress)
        // An indicator the unit was given no target for and never reported is not its business.
        item["rows"] = progress.indicators.filter { $0.target != nil || $0.reported != 0 }.map { row -> [String: Any] in
            [
                "label": row.indicator.label,
                "unit": row.indicator.unit,
                "reported": VietNumber.format(row.reported),
                "target": row.target.map { VietNumber.format($0) } ?? "—",
                "percent": row.ratio.map { VietNumber.percent($0, maxFractionDigits: 0) } ?? "—",
                "reached": row.target != nil && row.reached,
            ]
        }
        let bars = progress.indicators.compactMap { row -> BarChart.Bar? in
            guard let target = row.target, target > 0 else { return nil }
            return BarChart.Bar(label: row.indicator.label, ratio: row.reported / target,
                                valueText: BarChart.valueText(reported: row.reported, target: target, unit: row.indicator.unit))
        }
        if !bars.isEmpty {
            item["chart"] = BarChart(id: "bieu-do-\(campaign.id)", title: "Tiến độ của \(progress.unit.name) so với chỉ tiêu",
                                     bars: bars).svg()
        }
        item["activities"] = progress.activities.reversed().map { activity -> [String: Any] in
            let values = campaign.indicators.compactMap { indicator -> String? in
                activity.values[indicator.key].map { "\(VietNumber.format($0)) \(indicator.unit)" }
            }
            return ["date": activity.date.short, "date_iso": activity.date.iso, "title": activity.title,
                    "values": values.joined(separator: "; "), "note": activity.note ?? ""]
        }
        item["overview_href"] = Routes.link(from: page, to: Routes.progress(campaign.id))
        return item
    }

    /// "2/3" against a target, the bare number without one, "—" when there is neither.
    static func cellText(_ cell: IndicatorProgress) -> String {
        if let target = cell.target { return "\(VietNumber.format(cell.reported))/\(VietNumber.format(target))" }
        return cell.reported == 0 ? "—" : VietNumber.format(cell.reported)
    }

    func overview(_ progress: CampaignProgress, from page: String) -> [String: Any] {
        let campaign = progress.campaign
        func unitRow(_ unit: UnitProgress) -> [String: Any] {
            var row = statusFields(unit)
            row["name"] = unit.unit.name
            row["href"] = Routes.link(from: page, to: Routes.unit(unit.unit.id))
            row["cells"] = unit.indicators.map(Self.cellText)
            return row
        }
        // Written like the unit cells above them: no target and nothing reported is "—", not "0".
        func totalCells(_ totals: [IndicatorTotal]) -> [String] {
            totals.map { total in
                if total.target > 0 { return "\(VietNumber.format(total.reported))/\(VietNumber.format(total.target))" }
                return total.reported == 0 ? "—" : VietNumber.format(total.reported)
            }
        }
        // Silent units first, then the furthest behind: the office's call list.
        let behind = progress.units.filter(\.isBehind).sorted { a, b in
            if (a.status == .silent) != (b.status == .silent) { return a.status == .silent }
            return (a.completion ?? 0) < (b.completion ?? 0)
        }
        let bars = progress.totals.compactMap { total -> BarChart.Bar? in
            guard total.target > 0 else { return nil }
            return BarChart.Bar(label: total.indicator.label, ratio: total.reported / total.target,
                                valueText: BarChart.valueText(reported: total.reported, target: total.target, unit: total.indicator.unit))
        }
        return [
            "as_of": progress.asOf.official,
            "as_of_short": progress.asOf.short,
            "past_deadline": progress.pastDeadline,
            "unit_count": progress.units.count,
            "silent_count": progress.count(.silent),
            "in_progress_count": progress.count(.inProgress),
            "done_count": progress.count(.done),
            "overdue_count": progress.overdueCount,
            "behind": behind.map(unitRow),
            "groups": progress.groups.map { group -> [String: Any] in
                ["label": group.kind.label, "id": group.kind.id, "coverage": group.coverage,
                 "done": "\(group.doneCount)/\(group.units.count)",
                 "units": group.units.map(unitRow), "totals": totalCells(group.totals)]
            },
            "totals": progress.totals.map { total -> [String: Any] in
                ["label": total.indicator.label, "unit": total.indicator.unit, "reported": VietNumber.format(total.reported),
                 "target": total.target > 0 ? VietNumber.format(total.target) : "—",
                 "percent": total.ratio.map { VietNumber.percent($0, maxFractionDigits: 0) } ?? "—"]
            },
            "chart": bars.isEmpty ? "" : BarChart(id: "bieu-do-toan-phuong", title: "Kết quả toàn phường so với tổng chỉ tiêu",
                                                  bars: bars).svg(),
            "csv_href": Routes.link(from: page, to: Routes.tallyCSV(campaign.id)),
            "json_href": Routes.link(from: page, to: Routes.tallyJSON(campaign.id)),
            "has_activities": progress.units.contains { !$0.activities.isEmpty },
        ]
    }
}

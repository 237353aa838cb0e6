import VietText

/// The tables and charts that data blocks produce, as trusted HTML built from escaped values.
struct DataBlockTables {
    let site: Site
    let page: String

    private func link(_ unit: Unit) -> String { Routes.link(from: page, to: Routes.unit(unit.id)) }

    func units(kind: UnitKind?, campaign: Campaign?, group: String?) -> String {
        var units = site.units
        var caption = kind?.label ?? "Danh sách đơn vị"
        if let kind { units = units.filter { $0.kind == kind.id } }
        if let campaign {
            units = units.filter { campaign.addresses($0) }
            caption += " thực hiện: " + campaign.title
        }
        if let group {
            units = units.filter { $0.group == group }
            caption += " – " + group
        }
        return HTMLTable(caption: "\(caption) (\(units.count))",
                         columns: [.init(title: "Đơn vị"), .init(title: "Khu vực"), .init(title: "Liên hệ")],
                         rows: units.map { .init(header: $0.name, href: link($0), cells: [$0.group ?? "", $0.contact ?? ""]) }).html()
    }

    func unitsWithStatus(_ progress: CampaignProgress, status: String, kind: UnitKind?, group: String?) -> String {
        let captions = ["silent": "Đơn vị chưa báo cáo", "in-progress": "Đơn vị đang thực hiện", "done": "Đơn vị đã hoàn thành",
                        "overdue": "Đơn vị quá hạn", "behind": "Đơn vị chưa hoàn thành"]
        let units = progress.units.filter { unit in
            let matches: Bool
            switch status {
            case "silent": matches = unit.status == .silent
            case "in-progress": matches = unit.status == .inProgress
            case "done": matches = unit.status == .done
            case "overdue": matches = unit.overdue
            default: matches = unit.isBehind
            }
            return matches && (kind == nil || unit.unit.kind == kind!.id) && (group == nil || unit.unit.group == group)
        }
        if units.isEmpty { return "<p class=\"empty-block\">\(HTML.escape(captions[status]!)): không có.</p>\n" }
        return HTMLTable(caption: "\(captions[status]!) (\(units.count))",
                         columns: [.init(title: "Đơn vị"), .init(title: "Trạng thái"), .init(title: "Đạt", numeric: true),
                                   .init(title: "Báo cáo gần nhất")],
                         rows: units.map {
                             .init(header: $0.unit.name, href: link($0.unit),
                                   cells: [HTMLTable.statusBadge($0), $0.completion.map { VietNumber.percent($0, maxFractionDigits: 0) } ?? "—",
                                           $0.lastReport?.short ?? "—"], rawCells: [0])
                         }).html()
    }

    private func totalsRows(_ totals: [IndicatorTotal]) -> [HTMLTable.Row] {
        totals.map { total in
            .init(header: total.indicator.label,
                  cells: [VietNumber.format(total.reported), total.target > 0 ? VietNumber.format(total.target) : "—",
                          total.ratio.map { VietNumber.percent($0, maxFractionDigits: 0) } ?? "—", total.indicator.unit])
        }
    }

    private func totalsTable(_ totals: [IndicatorTotal], caption: String) -> String {
        HTMLTable(caption: caption,
                  columns: [.init(title: "Nội dung"), .init(title: "Đã thực hiện", numeric: true), .init(title: "Chỉ tiêu", numeric: true),
                            .init(title: "Tỉ lệ", numeric: true), .init(title: "Đơn vị tính")],
                  rows: totalsRows(totals)).html()
    }

    private func scope(_ progress: CampaignProgress, kind: UnitKind?) -> (totals: [IndicatorTotal], name: String) {
        guard let kind, let group = progress.groups.first(where: { $0.kind.id == kind.id }) else {
            return (progress.totals, "toàn phường")
        }
        return (group.totals, kind.label.lowercased())
    }

    func totals(_ progress: CampaignProgress, kind: UnitKind?) -> String {
        let (totals, name) = scope(progress, kind: kind)
        return totalsTable(totals, caption: "Kết quả \(name) tính đến \(progress.asOf.short)")
    }

    func chart(_ progress: CampaignProgress, kind: UnitKind?) -> String {
        let (totals, name) = scope(progress, kind: kind)
        let bars = totals.compactMap { total -> BarChart.Bar? in
            guard total.target > 0 else { return nil }
            return BarChart.Bar(label: total.indicator.label, ratio: total.reported / total.target,
                                valueText: BarChart.valueText(reported: total.reported, target: total.target, unit: total.indicator.unit))
        }
        let id = "bieu-do-\(progress.campaign.id)-\(kind?.id ?? "toan-phuong")"
        let svg = BarChart(id: id, title: "Kết quả \(name) so với chỉ tiêu", bars: bars).svg()
        return "<figure class=\"chart-figure\">\(svg)<figcaption>Kết quả \(HTML.escape(name)) so với chỉ tiêu (số liệu ở bảng dưới).</figcaption></figure>\n"
            + totalsTable(totals, caption: "Số liệu của biểu đồ: kết quả \(name)")
    }

    func byKind(_ progress: CampaignProgress) -> String {
        let indicators = progress.campaign.indicators
        let columns = [HTMLTable.Column(title: "Loại đơn vị"), .init(title: "Đã báo cáo"), .init(title: "Hoàn thành")]
            + indicators.map { HTMLTable.Column(title: "\($0.label) (\($0.unit))", numeric: true) }
        let rows = progress.groups.map { group in
            HTMLTable.Row(header: group.kind.label,
                          cells: ["\(group.reportedCount)/\(group.units.count)", "\(group.doneCount)/\(group.units.count)"]
                              + group.totals.map { VietNumber.format($0.reported) })
        }
        let footer = HTMLTable.Row(header: "Toàn phường",
                                   cells: ["\(progress.units.count - progress.count(.silent))/\(progress.units.count)",
                                           "\(progress.count(.done))/\(progress.units.count)"]
                                       + progress.totals.map { VietNumber.format($0.reported) })
        return HTMLTable(caption: "Kết quả theo loại đơn vị", columns: columns, rows: rows, footer: footer).html()
    }

    func byUnit(_ progress: CampaignProgress, kind: UnitKind?) -> String {
        let units = progress.units.filter { kind == nil || $0.unit.kind == kind!.id }
        let columns = [HTMLTable.Column(title: "Đơn vị")]
            + progress.campaign.indicators.map { HTMLTable.Column(title: "\($0.label) (\($0.unit))", numeric: true) }
            + [HTMLTable.Column(title: "Trạng thái")]
        let rows = units.map { unit in
            HTMLTable.Row(header: unit.unit.name, href: link(unit.unit),
                          cells: unit.indicators.map(PageContexts.cellText) + [HTMLTable.statusBadge(unit)],
                          rawCells: [unit.indicators.count])
        }
        return HTMLTable(caption: "Kết quả từng đơn vị (đã thực hiện/chỉ tiêu)\(kind.map { " – " + $0.label } ?? "")",
                         columns: columns, rows: rows).html()
    }

    func coverage(_ progress: CampaignProgress) -> String {
        HTMLTable(caption: "Số đơn vị đã báo cáo và hoàn thành",
                  columns: [.init(title: "Loại đơn vị"), .init(title: "Đã báo cáo"), .init(title: "Hoàn thành"), .init(title: "Chưa báo cáo")],
                  rows: progress.groups.map { group in
                      .init(header: group.kind.label, cells: [group.coverage, "\(group.doneCount)/\(group.units.count)",
                                                              String(group.units.count - group.reportedCount)])
                  }).html()
    }
}

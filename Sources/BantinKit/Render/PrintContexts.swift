import Foundation
import QRCode
import VietText

/// Template values only print layouts need: QR codes, sheet sizes, sides, blank rows.
struct PrintContexts {
    let site: Site

    /// A QR code of the page's web address, as inline SVG with the address as its label.
    func qr(for page: String, size: String, from path: String, diagnostics: inout Diagnostics, at ref: SourceRef) -> [String: Any] {
        let url = Routes.absolute(page, baseURL: site.config.baseURL)
        do {
            let code = try QRCode(url, correction: .medium)
            return ["svg": code.svg(label: "Mã QR: \(url)", size: size), "url": url]
        } catch {
            diagnostics.error(ref, "cannot make a QR code for \(url): \(error)")
            return ["url": url]
        }
    }

    /// A handout's sides are the parts of its Markdown between `---` rules, one printed page each.
    func handoutSheet(_ article: Article, handout: Handout, html: String, from path: String,
                      diagnostics: inout Diagnostics) -> [String: Any] {
        let sides = html.components(separatedBy: "<hr />").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        if sides.count != handout.pages {
            diagnostics.warning(article.fieldRefs["pages"] ?? article.ref,
                                "the handout declares \(handout.pages) page(s) but its text has \(sides.count) side(s)",
                                hint: "separate the sides of a leaflet with a line containing only ---")
        }
        let qrSize = handout.kind == .poster ? (handout.paper == .a3 ? "55mm" : "42mm") : (handout.paper == .a5 ? "24mm" : "30mm")
        var sheet: [String: Any] = [
            "paper": "\(handout.paper.rawValue.lowercased())\(handout.landscape ? "l" : "p")",
            "kind": handout.kind.rawValue,
            "qr": qr(for: Routes.article(article), size: qrSize, from: path, diagnostics: &diagnostics, at: article.ref),
            "qr_caption": handout.qrCaption ?? "Quét mã để đọc trên điện thoại",
        ]
        sheet["sides"] = sides.enumerated().map { index, side in
            ["html": side, "last": index == sides.count - 1, "number": index + 1] as [String: Any]
        }
        return sheet
    }

    func taskSheet(_ unit: Unit, progress: [String: CampaignProgress], from path: String, diagnostics: inout Diagnostics) -> [String: Any] {
        // Columns for what the unit was asked to do; every indicator when it was given no number.
        let campaign = site.campaigns.first { $0.addresses(unit) }
        let targets = campaign?.targets(for: unit) ?? [:]
        let all = campaign?.indicators ?? []
        let indicators = targets.isEmpty ? all : all.filter { targets[$0.key] != nil }
        return [
            "qr": qr(for: Routes.unit(unit.id), size: "26mm", from: path, diagnostics: &diagnostics, at: unit.ref),
            "as_of": site.asOf.short,
            // Enough blank rows to fill the page for a term of handwritten reports.
            "blank_rows": Array(repeating: ["cells": Array(repeating: "", count: indicators.count)] as [String: Any], count: 10),
            "blank_indicators": indicators.map { ["label": $0.label, "unit": $0.unit] },
        ]
    }
}

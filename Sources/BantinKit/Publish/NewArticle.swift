import Foundation
import VietText

/// `bantin new`: a Markdown file with its front matter filled in, named by the title's slug.
public enum NewArticle {
    public enum Kind: String, CaseIterable, Sendable {
        case post, document, handout, report, message, edition
        var section: Article.Section {
            switch self {
            case .post: return .posts
            case .document: return .documents
            case .handout: return .handouts
            case .report: return .reports
            case .message: return .messages
            case .edition: return .editions
            }
        }
    }

    public struct Failure: Error { public let message: String }

    /// Writes the file and returns its path relative to the site. Never overwrites.
    public static func create(_ kind: Kind, title: String, siteRoot: URL, today: VietDate) throws -> String {
        let title = VietText.nfc(title.trimmingCharacters(in: .whitespacesAndNewlines))
        let slug = VietText.slug(title)
        guard !slug.isEmpty else { throw Failure(message: "the title \"\(title)\" gives no file name; use letters or digits") }
        let relative = "content/\(SiteLoader.sectionFolders.first { $0.value == kind.section }!.key)/\(slug).md"
        let url = siteRoot.appending(path: relative)
        if FileManager.default.fileExists(atPath: url.path) {
            throw Failure(message: "\(relative) already exists; choose another title or edit that file")
        }
        let (site, _) = SiteLoader.load(siteRoot: siteRoot, asOf: today)
        let text = frontMatter(kind, title: title, today: today, site: site) + body(kind)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw Failure(message: "cannot write \(relative): \(error.localizedDescription)")
        }
        return relative
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func frontMatter(_ kind: Kind, title: String, today: VietDate, site: Site?) -> String {
        var lines = ["---", "title: \(quoted(title))"]
        if kind != .message, kind != .handout { lines.append("date: \(today.iso)") }
        let campaign = site?.campaigns.last?.id
        switch kind {
        case .document, .report:
            let previous = site?.articles(in: kind.section).compactMap(\.letter) ?? []
            lines.append("kind: \(kind == .report ? "bao-cao" : "cong-van")")
            lines.append("number: \(quoted(nextNumber(after: previous.map(\.number), kind: kind)))")
            if kind == .document { lines.append("subject: \(quoted("V/v " + title.prefix(1).lowercased() + title.dropFirst()))") }
            else { lines.append("subject: \(quoted(title))") }
            if let campaign { lines.append("campaign: \(campaign)") }
            if kind == .document { lines += ["recipients:", "  - \"Các đơn vị trên địa bàn phường\""] }
            lines += ["cc:", "  - \"Như trên\"", "  - \"Lưu: VT\""]
            let signer = previous.last?.signer
            lines += ["signer:", "  title: \(quoted(signer?.title ?? "TRƯỞNG PHÒNG"))", "  name: \(quoted(signer?.name ?? "…"))"]
        case .handout:
            lines += ["kind: poster", "format: A4", "orientation: portrait"]
            if let campaign { lines.append("campaign: \(campaign)") }
        case .message:
            let order = (site?.articles(in: .messages).compactMap(\.order).max() ?? 0) + 1
            lines.append("order: \(order)")
            if let campaign { lines.append("campaign: \(campaign)") }
        case .edition:
            let number = (site?.articles(in: .editions).compactMap { $0.edition?.number }.max() ?? 0) + 1
            lines += ["number: \(number)", "period: \(quoted("tháng \(today.month)/\(today.year)"))", "includes: []"]
            if let campaign { lines.append("campaign: \(campaign)") }
        case .post:
            lines.append("summary: \"\"")
            if let campaign { lines.append("campaign: \(campaign)") }
        }
        lines.append("---")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The number after the highest in use, keeping the symbol of the latest ("247/CV-VHXXH"),
    /// padded below 10 as Decree 30 writes it ("05/BC-VHXH").
    static func nextNumber(after numbers: [String], kind: Kind) -> String {
        var highest = 0
        var symbol = kind == .report ? "BC-VHXH" : "VHXH"
        for number in numbers {
            let parts = number.split(separator: "/", maxSplits: 1)
            if let value = parts.first.flatMap({ Int($0) }), value >= highest {
                highest = value
                if parts.count == 2 { symbol = String(parts[1]) }
            }
        }
        let next = highest + 1
        return (next < 10 ? "0\(next)" : "\(next)") + "/" + symbol
    }

    static func body(_ kind: Kind) -> String {
        switch kind {
        case .document: return "\nNội dung văn bản.\n\nĐề nghị các đơn vị quan tâm thực hiện./.\n"
        case .report: return "\n## I. Công tác lãnh đạo, chỉ đạo, triển khai\n\n## II. Kết quả thực hiện\n\n## III. Đánh giá chung\n\n## IV. Phương hướng, nhiệm vụ\n\n## V. Kiến nghị\n"
        case .handout: return "\n## Thông điệp\n\n- …\n"
        case .edition: return "\nLời ngỏ của số này.\n"
        default: return "\nNội dung.\n"
        }
    }
}

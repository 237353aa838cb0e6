import Foundation
import VietText

/// Reads one Markdown file of `documents/`, `messages/` or `posts/` with its front matter.
enum ArticleLoader {
    /// `bodyFile`: where `file` was read from, to read the body again when rendered; nil for text
    /// that came from no file, whose body is then held.
    /// `keepBody`: asked with the body's length whether to hold it (the rest are read again when rendered).
    static func load(_ file: TextFile, section: Article.Section, contentPath: String, bodyFile: Article.BodyFile? = nil,
                     keepBody: (Int) -> Bool = { _ in false }, into diagnostics: inout Diagnostics) -> Article? {
        guard let split = FrontMatter.split(file, into: &diagnostics) else { return nil }
        guard let root = YAMLValue.parse(split.yaml, file: file.path, lineOffset: split.yamlLineOffset, into: &diagnostics),
              var fields = FieldReader(root, what: "the front matter", diagnostics: &diagnostics) else { return nil }
        let title = fields.string("title", required: true, diagnostics: &diagnostics)
        let date = fields.date("date", required: ![.messages, .handouts].contains(section), diagnostics: &diagnostics)
        let summary = fields.string("summary", diagnostics: &diagnostics)
        let campaign = fields.string("campaign", diagnostics: &diagnostics)
        let unit = fields.string("unit", diagnostics: &diagnostics)
        let sample = fields.bool("sample", diagnostics: &diagnostics) ?? false
        let order = fields.int("order", diagnostics: &diagnostics)
        let givenSlug = fields.string("slug", diagnostics: &diagnostics)
        var letter: Letter?
        if section == .documents || section == .reports {
            letter = readLetter(&fields, date: date, defaultKind: section == .reports ? "bao-cao" : "cong-van",
                                diagnostics: &diagnostics)
        }
        let handout = section == .handouts ? readHandout(&fields, diagnostics: &diagnostics) : nil
        let edition = section == .editions ? readEdition(&fields, date: date, diagnostics: &diagnostics) : nil
        fields.reportUnknownKeys(into: &diagnostics)

        let stem = fileStem(contentPath)
        let slug = VietText.slug(givenSlug ?? stem)
        if slug.isEmpty {
            diagnostics.error(fields.ref, "cannot make a web address from the file name `\(stem)`", hint: "add `slug: …` to the front matter")
            return nil
        }
        if PathRules.isWindowsReserved(slug) {
            diagnostics.error(fields.ref, "the web address `\(slug)` is a name Windows keeps for a device: the page's folder could not be unzipped there",
                              hint: "rename the file or add another `slug: …` to the front matter")
            return nil
        }
        guard let title else { return nil }
        if ![.messages, .handouts].contains(section), date == nil { return nil }
        if section == .handouts, handout == nil { return nil }
        if section == .editions, edition == nil { return nil }
        return Article(section: section, sourcePath: contentPath, slug: slug, title: title, date: date, summary: summary,
                       bodySource: bodyFile.map { keepBody(split.body.utf8.count) ? .text(split.body) : .file($0, bytes: split.body.utf8.count) }
                           ?? .text(split.body),
                       bodyLineOffset: split.bodyLineOffset, campaign: campaign, unit: unit,
                       sample: sample, order: order, letter: letter, handout: handout, edition: edition, ref: fields.ref,
                       fieldRefs: Dictionary((root.pairs ?? []).map { ($0.key, $0.value.ref) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The file name without its extension, as NSString's `lastPathComponent` and `deletingPathExtension`
    /// give it. An ASCII `section/name.ext`, where each byte is a Character, is cut on its bytes:
    /// bridging every path to NSString twice was half a percent of a build.
    static func fileStem(_ contentPath: String) -> String {
        let utf8 = contentPath.utf8
        if utf8.allSatisfy({ $0 < 0x80 }), utf8.count(where: { $0 == UInt8(ascii: "/") }) == 1,
           utf8.count(where: { $0 == UInt8(ascii: ".") }) == 1,
           let slash = utf8.firstIndex(of: UInt8(ascii: "/")), let dot = utf8.firstIndex(of: UInt8(ascii: ".")),
           utf8.distance(from: slash, to: dot) > 1, utf8.index(after: dot) < utf8.endIndex {
            return String(contentPath.unicodeScalars[utf8.index(after: slash)..<dot])
        }
        return ((contentPath as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    private static func readEdition(_ fields: inout FieldReader, date: VietDate?, diagnostics: inout Diagnostics) -> Edition? {
        guard let number = fields.int("number", diagnostics: &diagnostics) else {
            diagnostics.error(fields.ref, "an edition needs its `number` (số)")
            return nil
        }
        let period = fields.string("period", diagnostics: &diagnostics) ?? date.map { "tháng \($0.month)/\($0.year)" } ?? ""
        let cover = fields.string("cover", diagnostics: &diagnostics)
        var includes: [(String, SourceRef)] = []
        if let list = fields.raw("includes") {
            for item in list.sequence ?? [] {
                guard let text = item.scalarText, !text.isEmpty else {
                    diagnostics.error(item.ref, "each item of `includes` names an article: `posts/ten-bai.md`")
                    continue
                }
                includes.append((text, item.ref))
            }
            if list.sequence == nil { diagnostics.error(list.ref, "`includes` must be a list of articles") }
        }
        return Edition(number: number, period: period, cover: cover, includes: includes)
    }

    private static func readHandout(_ fields: inout FieldReader, diagnostics: inout Diagnostics) -> Handout? {
        var valid = true
        func choice<T>(_ key: String, _ options: [String: T], default fallback: T) -> T {
            let ref = fields.firstValue(key)?.ref ?? fields.ref
            guard let text = fields.string(key, diagnostics: &diagnostics) else { return fallback }
            if let value = options[text.lowercased()] { return value }
            diagnostics.error(ref, "`\(key)`: '\(text)' is not one of " + options.keys.sorted().joined(separator: ", "))
            valid = false
            return fallback
        }
        let kind = choice("kind", ["leaflet": Handout.Kind.leaflet, "to-roi": .leaflet, "poster": .poster, "ap-phich": .poster],
                          default: .leaflet)
        let paper = choice("format", ["a5": Handout.Paper.a5, "a4": .a4, "a3": .a3], default: kind == .poster ? .a3 : .a4)
        let landscape = choice("orientation", ["portrait": false, "doc": false, "landscape": true, "ngang": true], default: false)
        let pagesRef = fields.firstValue("pages")?.ref ?? fields.ref
        let pages = fields.int("pages", diagnostics: &diagnostics) ?? 1
        let maxPages = kind == .poster ? 1 : 2
        if !(1...maxPages).contains(pages) {
            diagnostics.error(pagesRef, "`pages`: a \(kind == .poster ? "poster has 1 page" : "leaflet has 1 or 2 sides"), not \(pages)")
            valid = false
        }
        let caption = fields.string("qr_caption", diagnostics: &diagnostics)
        return valid ? Handout(kind: kind, paper: paper, landscape: landscape, pages: pages, qrCaption: caption) : nil
    }

    private static func readLetter(_ fields: inout FieldReader, date: VietDate?, defaultKind: String,
                                   diagnostics: inout Diagnostics) -> Letter? {
        let kind = fields.string("kind", diagnostics: &diagnostics) ?? defaultKind
        let number = fields.string("number", required: true, diagnostics: &diagnostics)
        let dateWritten = fields.string("date_written", diagnostics: &diagnostics)
        let place = fields.string("place", diagnostics: &diagnostics)
        let subject = fields.string("subject", diagnostics: &diagnostics)
        let recipients = fields.strings("recipients", diagnostics: &diagnostics)
        let copies = fields.strings("cc", diagnostics: &diagnostics)
        let attachments = fields.strings("attachments", diagnostics: &diagnostics)
        let signedScan = fields.string("signed_scan", diagnostics: &diagnostics)
        var signer: Letter.Signer?
        if let value = fields.raw("signer") {
            if var signerFields = FieldReader(value, what: "`signer`", diagnostics: &diagnostics) {
                let authority = signerFields.string("authority", diagnostics: &diagnostics)
                let title = signerFields.string("title", required: true, diagnostics: &diagnostics)
                let name = signerFields.string("name", required: true, diagnostics: &diagnostics)
                signerFields.reportUnknownKeys(into: &diagnostics)
                if let title, let name { signer = Letter.Signer(authority: authority, title: title, name: name) }
            }
        } else {
            diagnostics.error(fields.ref, "a document needs `signer: {title: …, name: …}`")
        }
        if kind == "cong-van", subject == nil {
            diagnostics.warning(fields.ref, "a công văn should have a `subject` (\"V/v …\") under its number (Decree 30)")
        }
        guard let number, let date, let signer else { return nil }
        return Letter(kind: kind, number: number, date: date, dateWritten: dateWritten, place: place ?? "",
                      subject: subject, recipients: recipients, copies: copies, signer: signer,
                      attachments: attachments, signedScan: signedScan)
    }
}

import Foundation
import VietText

/// Reads one Markdown file of `documents/`, `messages/` or `posts/` with its front matter.
enum ArticleLoader {
    static func load(_ file: TextFile, section: Article.Section, contentPath: String,
                     into diagnostics: inout Diagnostics) -> Article? {
        guard let split = FrontMatter.split(file, into: &diagnostics) else { return nil }
        guard let root = YAMLValue.parse(split.yaml, file: file.path, lineOffset: split.yamlLineOffset, into: &diagnostics),
              var fields = FieldReader(root, what: "the front matter", diagnostics: &diagnostics) else { return nil }
        let title = fields.string("title", required: true, diagnostics: &diagnostics)
        let date = fields.date("date", required: section != .messages, diagnostics: &diagnostics)
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
        fields.reportUnknownKeys(into: &diagnostics)

        let stem = ((contentPath as NSString).lastPathComponent as NSString).deletingPathExtension
        let slug = VietText.slug(givenSlug ?? stem)
        if slug.isEmpty {
            diagnostics.error(fields.ref, "cannot make a web address from the file name `\(stem)`", hint: "add `slug: …` to the front matter")
            return nil
        }
        guard let title else { return nil }
        if section != .messages, date == nil { return nil }
        return Article(section: section, sourcePath: contentPath, slug: slug, title: title, date: date, summary: summary,
                       body: split.body, bodyLineOffset: split.bodyLineOffset, campaign: campaign, unit: unit,
                       sample: sample, order: order, letter: letter, ref: fields.ref,
                       fieldRefs: Dictionary((root.pairs ?? []).map { ($0.key, $0.value.ref) }, uniquingKeysWith: { a, _ in a }))
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

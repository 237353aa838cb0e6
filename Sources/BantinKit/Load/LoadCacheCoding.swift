import FastUTF8
import Foundation
import VietText

/// The parse cache's own binary form. JSON took 1.4 s to write and longer to read at 10,000 pages
/// (27 MB, a file path in every source reference of 50,000 activity rows); this takes a fraction
/// of that: integers as LEB128, strings as their length and bytes, and names that recur (the
/// file of every source reference, unit ids, indicator keys) written once, then by their number.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []
    private var seen: [Name: Int] = [:]
    /// The last names written, looked at before hashing: names come in runs (a file's references,
    /// a report's campaign and indicator keys), and hashing them was most of writing the cache.
    private var recent: [(name: Name, number: Int)] = []

    /// A name as its UTF-8 bytes, compared and hashed as such: the cache must give back the
    /// bytes it was given, and String's == and hash go through Unicode normalization for text
    /// that is not ASCII (a report's activity titles: a fifth of writing the parse cache).
    private struct Name: Hashable {
        let text: String
        static func == (a: Name, b: Name) -> Bool {
            guard a.text.utf8.count == b.text.utf8.count else { return false }
            var (x, y) = (a.text, b.text)
            return x.withUTF8 { x in y.withUTF8 { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
        }
        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    mutating func int(_ value: Int) {
        var rest = UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63)   // zigzag: small negatives stay short
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// 1 and the bytes: for strings that seldom recur (titles, notes, digests), not worth hashing.
    mutating func string(_ value: String) {
        int(1)
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    /// 0 and the bytes the first time, then the name's number + 2.
    mutating func name(_ text: String) {
        let value = Name(text: text)
        if let hit = recent.first(where: { $0.name == value }) { int(hit.number + 2); return }
        let number = seen[value]
        if recent.count == 8 { recent.removeFirst() }
        recent.append((value, number ?? seen.count))
        if let number { int(number + 2); return }
        seen[value] = seen.count
        int(0)
        int(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func optional<T>(_ value: T?, _ write: (inout CacheWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    mutating func list<T>(_ values: [T], _ write: (inout CacheWriter, T) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }
}

/// Reads what `CacheWriter` wrote; any inconsistency throws, and the cache is then not used.
struct CacheReader {
    struct Malformed: Error {}
    private let bytes: [UInt8]
    private var position = 0
    private var strings: [String] = []

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }
    /// The bytes from here to the end, as written.
    var rest: ArraySlice<UInt8> { bytes[position...] }

    mutating func int() throws -> Int {
        var value: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 64 else { throw Malformed() }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1))
    }

    mutating func bool() throws -> Bool { try int() != 0 }

    mutating func string() throws -> String {
        let number = try int()
        if number > 1 {
            guard number - 2 < strings.count else { throw Malformed() }
            return strings[number - 2]
        }
        let count = try int()
        guard number >= 0, count >= 0, position + count <= bytes.count,
              let text = bytes.withUnsafeBufferPointer({ FastUTF8.string(validating: UnsafeBufferPointer(rebasing: $0[position..<(position + count)])) })
        else { throw Malformed() }
        position += count
        if number == 0 { strings.append(text) }
        return text
    }

    mutating func optional<T>(_ read: (inout CacheReader) throws -> T) throws -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func list<T>(_ read: (inout CacheReader) throws -> T) throws -> [T] {
        let count = try int()
        guard count >= 0, count <= bytes.count - position else { throw Malformed() }
        return try (0..<count).map { _ in try read(&self) }
    }
}

// The models, field by field. A new field must be added here too, or a cached build would
// lose it: BuildCacheTests compare a cached build with a clean one byte for byte.
extension CacheWriter {
    mutating func ref(_ ref: SourceRef) {
        name(ref.file)
        int(ref.line)
        int(ref.column)
    }

    mutating func date(_ date: VietDate) { int(date.dayNumber) }

    mutating func diagnostic(_ diagnostic: Diagnostic) {
        bool(diagnostic.severity == .error)
        ref(SourceRef(file: diagnostic.file, line: diagnostic.line, column: diagnostic.column))
        string(diagnostic.message)
        optional(diagnostic.hint) { $0.string($1) }
    }

    mutating func activity(_ activity: Activity) {
        name(activity.campaign)
        date(activity.date)
        name(activity.unit)
        // A named kind of activity ("họp dân", "treo áp phích") recurs down a report: written
        // once, it is read back as one shared string, not validated and allocated for each row.
        name(activity.title)
        list(activity.values.sorted { $0.key < $1.key }) { $0.name($1.key); $0.double($1.value) }
        optional(activity.note) { $0.string($1) }
        ref(activity.ref)
    }

    mutating func double(_ value: Double) { int(Int(bitPattern: UInt(value.bitPattern))) }

    mutating func article(_ article: Article) {
        name(article.section.rawValue)
        string(article.sourcePath)
        string(article.slug)
        string(article.title)
        optional(article.date) { $0.date($1) }
        optional(article.summary) { $0.string($1) }
        switch article.bodySource {
        case let .text(body):
            bool(false)
            string(body)
        case let .file(location, bytes):
            bool(true)
            string(location.path)
            int(bytes)
        }
        int(article.bodyLineOffset)
        optional(article.campaign) { $0.name($1) }
        optional(article.unit) { $0.name($1) }
        bool(article.sample)
        optional(article.order) { $0.int($1) }
        optional(article.letter) { $0.letter($1) }
        optional(article.handout) { $0.handout($1) }
        optional(article.edition) { $0.edition($1) }
        ref(article.ref)
        list(article.fieldRefs.sorted { $0.key < $1.key }) { $0.name($1.key); $0.ref($1.value) }
    }

    private mutating func letter(_ letter: Letter) {
        for text in [letter.kind, letter.number] { string(text) }
        date(letter.date)
        optional(letter.dateWritten) { $0.string($1) }
        string(letter.place)
        optional(letter.subject) { $0.string($1) }
        for texts in [letter.recipients, letter.copies, letter.attachments] { list(texts) { $0.string($1) } }
        optional(letter.signedScan) { $0.string($1) }
        optional(letter.signer.authority) { $0.string($1) }
        string(letter.signer.title)
        string(letter.signer.name)
    }

    private mutating func handout(_ handout: Handout) {
        string(handout.kind.rawValue)
        string(handout.paper.rawValue)
        bool(handout.landscape)
        int(handout.pages)
        optional(handout.qrCaption) { $0.string($1) }
    }

    private mutating func edition(_ edition: Edition) {
        int(edition.number)
        string(edition.period)
        optional(edition.cover) { $0.string($1) }
        list(edition.includes) { $0.string($1.text); $0.ref($1.ref) }
        list(edition.articles) { $0.string($1) }
    }
}

extension CacheReader {
    mutating func ref() throws -> SourceRef {
        SourceRef(file: try string(), line: try int(), column: try int())
    }

    mutating func date() throws -> VietDate {
        guard let date = VietDate(dayNumber: try int()) else { throw Malformed() }
        return date
    }

    mutating func diagnostic() throws -> Diagnostic {
        let severity: Diagnostic.Severity = try bool() ? .error : .warning
        let at = try ref()
        return Diagnostic(severity, at.file, line: at.line, column: at.column, try string(), hint: try optional { try $0.string() })
    }

    mutating func activity() throws -> Activity {
        let campaign = try string(), date = try date(), unit = try string(), title = try string()
        // Filled directly, sized once: 50,000 rows each made an array of pairs and then grew a
        // dictionary from it.
        let count = try int()
        guard count >= 0, count <= bytes.count - position else { throw Malformed() }
        var values = [String: Double](minimumCapacity: count)
        for _ in 0..<count {
            let key = try string()
            values[key] = try double()
        }
        return Activity(campaign: campaign, date: date, unit: unit, title: title, values: values,
                        note: try optional { try $0.string() }, ref: try ref())
    }

    mutating func double() throws -> Double { Double(bitPattern: UInt64(UInt(bitPattern: try int()))) }

    /// `folder`: where the body's file is (content/); its name there is not in the cache (on disk
    /// it may be NFD): its NFC path stands for it until the article is used (`LoadCache.Use.article`).
    mutating func article(bodyIn folder: URL) throws -> Article {
        guard let section = Article.Section(rawValue: try string()) else { throw Malformed() }
        let sourcePath = try string(), slug = try string(), title = try string()
        let date = try optional { try $0.date() }, summary = try optional { try $0.string() }
        let body: Article.BodySource = try bool()
            ? .file(Article.BodyFile(folder: folder, name: sourcePath, path: try string()), bytes: try int())
            : .text(try string())
        let bodyLineOffset = try int()
        let campaign = try optional { try $0.string() }, unit = try optional { try $0.string() }
        let sample = try bool(), order = try optional { try $0.int() }
        let letter = try optional { try $0.letter() }, handout = try optional { try $0.handout() }
        let edition = try optional { try $0.edition() }
        let ref = try ref()
        var fieldRefs: [String: SourceRef] = [:]
        for (key, value) in try list({ (try $0.string(), try $0.ref()) }) { fieldRefs[key] = value }
        return Article(section: section, sourcePath: sourcePath, slug: slug, title: title, date: date, summary: summary,
                       bodySource: body, bodyLineOffset: bodyLineOffset, campaign: campaign, unit: unit, sample: sample,
                       order: order, letter: letter, handout: handout, edition: edition, ref: ref, fieldRefs: fieldRefs)
    }

    private mutating func letter() throws -> Letter {
        let kind = try string(), number = try string(), date = try date(), dateWritten = try optional { try $0.string() }
        let place = try string(), subject = try optional { try $0.string() }
        let recipients = try list { try $0.string() }, copies = try list { try $0.string() }, attachments = try list { try $0.string() }
        let signedScan = try optional { try $0.string() }
        let signer = Letter.Signer(authority: try optional { try $0.string() }, title: try string(), name: try string())
        return Letter(kind: kind, number: number, date: date, dateWritten: dateWritten, place: place, subject: subject,
                      recipients: recipients, copies: copies, signer: signer, attachments: attachments, signedScan: signedScan)
    }

    private mutating func handout() throws -> Handout {
        guard let kind = Handout.Kind(rawValue: try string()), let paper = Handout.Paper(rawValue: try string()) else { throw Malformed() }
        return Handout(kind: kind, paper: paper, landscape: try bool(), pages: try int(), qrCaption: try optional { try $0.string() })
    }

    private mutating func edition() throws -> Edition {
        let number = try int(), period = try string(), cover = try optional { try $0.string() }
        let includes = try list { (text: try $0.string(), ref: try $0.ref()) }
        return Edition(number: number, period: period, cover: cover, includes: includes, articles: try list { try $0.string() })
    }
}

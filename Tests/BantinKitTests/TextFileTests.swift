import Foundation
import Testing
import VietText
@testable import BantinKit

/// `TextFile.decode` finds BOMs, CRs, text that may need NFC and text that may be legacy-encoded
/// in one pass over the bytes (`TextFile.Facts`); these tests hold it to the step-by-step
/// decoding it replaced (kept below), byte for byte and diagnostic for diagnostic.
@Suite struct TextFileLoadTests {
    /// `TextFile.decode` as it was before `Facts`.
    static func referenceDecode(_ data: Data, relativePath: String, into diagnostics: inout Diagnostics) -> String? {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            diagnostics.error(SourceRef(file: relativePath), "the file is UTF-16, not UTF-8", hint: TextFile.resaveHint(relativePath))
            return nil
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            // The message of invalid UTF-8 is the same code on both paths: only its presence is compared.
            diagnostics.error(SourceRef(file: relativePath), "invalid")
            return nil
        }
        var text = TextFile.withoutBOMs(decoded)
        if bytes.contains(0x0D) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        text = VietText.nfc(text)
        if TextFile.mayBeLegacy(text), let encoding = LegacyEncoding.detect(text) {
            let line = LegacyEncoding.firstSuspectLine(text) ?? 1
            diagnostics.error(SourceRef(file: relativePath, line: line),
                              "the text looks typed in the legacy \(encoding.rawValue) encoding, not Unicode",
                              hint: "convert it to Unicode (UniKey: Công cụ → Chuyển mã, from \(encoding.rawValue) to Unicode dựng sẵn)")
            return nil
        }
        return text
    }

    /// Differences between `decode` and the reference on each input, as readable lines (at most a few).
    static func differences(_ inputs: [[UInt8]]) -> [String] {
        var found: [String] = []
        for input in inputs where found.count < 10 {
            var fast = Diagnostics(), slow = Diagnostics()
            let fastText = TextFile.decode(Data(input), relativePath: "content/a.md", into: &fast)?.text
            let slowText = referenceDecode(Data(input), relativePath: "content/a.md", into: &slow)
            let sameDiagnostics = fast.all.count == slow.all.count
                && zip(fast.all, slow.all).allSatisfy { $0.message == "invalid" || $1.message == "invalid" ? $0.severity == $1.severity : $0 == $1 }
            if fastText.map({ Array($0.utf8) }) != slowText.map({ Array($0.utf8) }) || !sameDiagnostics {
                let codes = input.prefix(40).map { String($0, radix: 16) }.joined(separator: " ")
                found.append("[\(codes)]: \(fastText.debugDescription) ≠ \(slowText.debugDescription), \(fast.all) ≠ \(slow.all)")
            }
        }
        return found
    }

    static let vietnameseLetters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"

    /// Every scalar up to U+2FFF and of the blocks past it that matter (BOM, replacement
    /// character, Latin Extended Additional, typographic punctuation, a supplementary-plane letter),
    /// alone and among Vietnamese letters, combining marks, CRLF, lone CRs and BOMs.
    @Test func everyCharacterDecodesAsBefore() {
        let ranges: [ClosedRange<UInt32>] = [0...0x2FFF, 0xFB00...0xFB4F, 0xFE00...0xFEFF, 0xFFF0...0xFFFD, 0x1D400...0x1D420, 0x1F600...0x1F610]
        var inputs: [[UInt8]] = []
        for value in ranges.joined() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let c = String(scalar)
            for text in [c, "A\(c)b", "\(c)\r\n\(c)\r", "\u{FEFF}\(c)\u{FEFF}ở", "Vie\u{0302}\u{0323}t \(c)", "đường \(c)\u{0301}"] {
                inputs.append(Array(text.utf8))
            }
        }
        #expect(inputs.count > 6 * 12_000)
        #expect(Self.differences(inputs) == [])
    }

    @Test func vietnameseLettersInEveryFormDecodeAsBefore() {
        let letters = Self.vietnameseLetters + Self.vietnameseLetters.uppercased()
        var inputs: [[UInt8]] = []
        for letter in letters {
            let text = "title: \(letter)\r\nx \(letter)y\r\(letter)\u{FEFF}"
            inputs += [text, text.decomposedStringWithCanonicalMapping, "\u{FEFF}" + text].map { Array($0.utf8) }
        }
        // The old tone placement and tones typed as marks after a precomposed letter.
        inputs += ["hoà thuỷ", "ô\u{0301}", "a\u{0323}\u{0306}", "Ð\u{0300}"].map { Array($0.utf8) }
        #expect(Self.differences(inputs) == [])
    }

    @Test func legacyEncodingsBOMsAndBadBytesAreReportedAsBefore() {
        let texts = [
            "Céng hßa X· héi chñ nghÜa ViÖt Nam\r\nB¸o c¸o", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
            "title: Thông báo\nB¶o Th¾ng, B¸t X¸t, Ninh B×nh", "Straße, niño, Müller\r\n", "B¸o c¸o",
            "\u{FEFF}Céng hßa X· héi chñ nghÜa ViÖt Nam", "Céng hßa X· héi chñ nghÜa ViÖt Nam Vie\u{0302}\u{0323}t",
        ]
        var inputs = texts.map { Array($0.utf8) }
        inputs += [[], [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x41], [0xFF, 0xFE, 0x41, 0x00], [0xEF, 0xBB, 0xBF, 0xFE, 0xFF],
                   [0x41, 0xC3], [0x41, 0xE1, 0xBB], [0xC3, 0x28], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                   [0x0D], [0x0D, 0x0A, 0x0D], [0xEF, 0xBB], [0xEF, 0xBB, 0xBE], Array("C\u{00E9}ng".utf8) + [0xEC, 0xF2]]
        #expect(Self.differences(inputs) == [])
    }

    /// Each fact the scan gives is what the function it stands for says.
    @Test func factsAgreeWithTheChecksTheyReplace() throws {
        var samples = ["", "abc\r\n", "\u{FEFF}a", "Phường Linh Sơn – “an ninh mạng” € ₫", "hßa", "B¶o", "x\u{00A0}y", "Vie\u{0302}\u{0323}t",
                       "\u{212B}", "\u{FEFE}", "\u{FFFF}", "𝐀", "ä", "\u{0100}\u{017F}"]
        // Every character of the first three planes' blocks that matter, so a range misread by the scan shows.
        for value in Array(0...0x3000) + Array(0xFE00...0xFFFF) + Array(0x1D400...0x1D420) {
            if let scalar = Unicode.Scalar(UInt32(value)) { samples.append("a\(scalar)\r") }
        }
        for sample in samples {
            var text = sample
            let facts = text.withUTF8 { TextFile.Facts.scan($0) }
            let cleaned = TextFile.withoutBOMs(sample)
            #expect((facts != nil) == VietText.isSurelyNFC(cleaned), "\(sample.debugDescription)")
            guard let facts else { continue }
            #expect(facts.hasCR == sample.utf8.contains(0x0D))
            #expect(facts.hasInnerBOM == sample.unicodeScalars.contains("\u{FEFF}"))
            #expect(facts.mayBeLegacy == TextFile.mayBeLegacy(cleaned), "\(sample.debugDescription)")
        }
    }
}

/// Front matter is cut into lines on the bytes, and a file's stem cut from ASCII paths on the bytes;
/// both must give what the Character and NSString readings (kept below) gave.
@Suite struct FrontMatterLoadTests {
    static func referenceSplit(_ text: String) -> (yaml: String, body: String, bodyLineOffset: Int)? {
        func trimmed(_ line: Substring) -> Substring {
            var line = line
            while line.first?.isWhitespace == true { line.removeFirst() }
            while line.last?.isWhitespace == true { line.removeLast() }
            return line
        }
        func lineEnd(from start: String.Index) -> String.Index { text[start...].firstIndex(of: "\n") ?? text.endIndex }
        let firstEnd = lineEnd(from: text.startIndex)
        guard trimmed(text[..<firstEnd]) == "---" else { return nil }
        var yamlLines: [Substring] = []
        var close: Int?
        var start = firstEnd
        var bodyStart = text.endIndex
        while start < text.endIndex {
            start = text.index(after: start)
            let end = lineEnd(from: start)
            let line = text[start..<end]
            if trimmed(line) == "---" || trimmed(line) == "..." {
                close = yamlLines.count + 1
                bodyStart = end < text.endIndex ? text.index(after: end) : end
                break
            }
            yamlLines.append(line)
            start = end
        }
        guard let close else { return nil }
        return (yamlLines.joined(separator: "\n"), String(text[bodyStart...]), close + 1)
    }

    @Test func splitsAsTheCharacterReading() {
        let texts = [
            "---\ntitle: a\n---\nbody\n", "---\ntitle: a\n---", "---\ntitle: a\n...\nbody", "--- \n title: ở \n --- \nbody", "---\n\n\n---\n",
            "---\r\ntitle: a\r\n---\r\nbody\r\n", "---\ntitle: a\r\n---\nbody", "---\r\ntitle\n---\n", "\n---\ntitle: a\n---\n", "---",
            "---\ntitle: a\n", "---\n\u{0301}title: a\n---\nb", "---\ntitle: a\n---\u{0301}\n---\nb", "---\nx\n\u{00A0}---\u{2028}\nbody",
            "---\nx: \"a\nb\"\n---\n", "\u{FEFF}---\nx\n---\n", "---\u{0085}\nx\n---\n", "---\nx\r\r\n---\r\nb", "---\n---\n---\n",
        ]
        for text in texts {
            var diagnostics = Diagnostics()
            let split = FrontMatter.split(TextFile(path: "content/a.md", text: text), into: &diagnostics)
            let reference = Self.referenceSplit(text)
            #expect((split == nil) == (reference == nil), "\(text.debugDescription)")
            guard let split, let reference else { continue }
            #expect(Array(split.yaml.utf8) == Array(reference.yaml.utf8), "\(text.debugDescription)")
            #expect(Array(split.body.utf8) == Array(reference.body.utf8), "\(text.debugDescription)")
            #expect(split.bodyLineOffset == reference.bodyLineOffset, "\(text.debugDescription)")
        }
    }

    @Test func fileStemsAreNSStringsOwn() {
        let paths = ["posts/a.md", "posts/tin-moi.md", "posts/.md", "posts/a.", "posts/a.b.md", "posts/a", "a.md", "a/b/c.md", "posts/a.MD",
                     "posts/a .md", "posts/tổ-5.md", "posts/a.\u{0301}md", "posts/\u{0600}.md", "posts//a.md", "posts/a.md/", "/a.md", "posts/a\r\n.md", ""]
        for path in paths {
            #expect(Array(ArticleLoader.fileStem(path).utf8) == Array(((path as NSString).lastPathComponent as NSString).deletingPathExtension.utf8),
                    "\(path.debugDescription)")
        }
    }
}

/// Reading report rows: the repeat key is appended rather than interpolated and units are found
/// through dictionaries; both must give what the old code (kept below) gave.
@Suite struct ReportRowLoadTests {
    static func referenceKey(_ activity: Activity) -> String {
        let values = activity.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        return "\(activity.date.iso)|\(activity.unit)|\(VietText.fold(activity.title))|\(values)"
    }

    @Test func repeatKeysAreAsBefore() throws {
        let date = try #require(VietDate(year: 26, month: 3, day: 5))
        let valueSets: [[String: Double]] = [[:], ["a": 1], ["b": 2.5, "a": -0.0, "c": 1e20], ["x|y": 0.1, "n": 1_234_567, "m": -3, "đ": 7]]
        for values in valueSets {
            for title in ["", "Họp dân", " Tuyên  truyền\tHOÀ ", "a|b"] {
                let activity = Activity(campaign: "c", date: date, unit: "dv1", title: title, values: values, note: nil,
                                        ref: SourceRef(file: "x.csv"))
                #expect(ProgressLoader.duplicateKey(activity) == Self.referenceKey(activity))
            }
        }
    }

    @Test func unitsAreFoundAsBefore() {
        func unit(_ id: String, _ name: String) -> BantinKit.Unit {
            BantinKit.Unit(id: id, name: name, kind: "to-dan-pho", sample: false, ref: SourceRef(file: "content/units.yaml"))
        }
        let units = [unit("dv1", "Tổ 1"), unit("dv2", "dv1"), unit("to-1", "Tổ 2"), unit("dv1", "Tổ 3"), unit("dv4", "Tổ 2"),
                     unit("hoa", "Hoà"), unit("x", "Tổ 1".decomposedStringWithCanonicalMapping)]
        let resolver = UnitResolver(units: units)
        for name in ["dv1", "dv2", "Tổ 1", "Tổ 1".decomposedStringWithCanonicalMapping, "Tổ 2", "Tổ 3", "to-1", "dv4", "x", "Hoà", "Hòa", "hoa",
                     "to 1", "nope", "DV1", ""] {
            let reference = units.first { $0.id == name || $0.name == name }
            if case let .found(found) = resolver.resolve(name), let reference {
                #expect([found.id, found.name, found.ref.file] == [reference.id, reference.name, reference.ref.file], "\(name)")
            } else if reference != nil {
                Issue.record("\(name) was found before")
            }
        }
    }
}

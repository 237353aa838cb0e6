import Foundation
import Synchronization
import Testing
@testable import BantinKit

@Suite("Routes")
struct RoutesTests {
    @Test(arguments: [
        ("index.html", ""),
        ("404.html", ""),
        ("don-vi/index.html", "../"),
        ("tin-tuc/bai/index.html", "../../"),
        ("a/b/c/index.html", "../../../"),
    ])
    func rootPrefix(page: String, prefix: String) {
        #expect(Routes.rootPrefix(from: page) == prefix)
    }

    /// Split on the bytes for ASCII paths, by Character otherwise: a slash a mark joins into a
    /// longer Character is not a separator, as for `split(separator:)`.
    @Test(arguments: ["a/b/index.html", "/a//b/", "", "/", "tài-liệu/bài/index.html", "a/\u{301}b/c", "a//\u{301}/"])
    func slashPartsAreSplitsBySlash(path: String) {
        #expect(path.slashParts() == path.split(separator: "/"))
        #expect(path.slashParts(omittingEmpty: false) == path.split(separator: "/", omittingEmptySubsequences: false))
    }

    @Test func link() {
        #expect(Routes.link(from: "index.html", to: "van-ban/x/index.html") == "van-ban/x/index.html")
        #expect(Routes.link(from: "tin-tuc/a/index.html", to: "van-ban/x/index.html") == "../../van-ban/x/index.html")
        #expect(Routes.link(from: "don-vi/index.html", to: Routes.unit("tdp-2")) == "../don-vi/tdp-2/index.html")
        #expect(Routes.link(from: "chien-dich/cd/index.html", to: Routes.stylesheet) == "../../assets/style.css")
    }

    @Test func paths() throws {
        #expect(Routes.list(.documents) == "van-ban/index.html")
        #expect(Routes.list(.messages) == "thong-diep/index.html")
        #expect(Routes.list(.posts) == "tin-tuc/index.html")
        #expect(Routes.campaign("cd") == "chien-dich/cd/index.html")
        #expect(Routes.absolute("tin-tuc/a/index.html", baseURL: "https://x.vn/b/") == "https://x.vn/b/tin-tuc/a/index.html")
        let site = try #require(TestSite.good().load().site)
        #expect(Routes.article(try #require(site.article(.posts, "bai-mot"))) == "tin-tuc/bai-mot/index.html")
    }
}

@Suite("Link index")
struct LinkIndexTests {
    let index: LinkIndex

    init() throws {
        index = LinkIndex(site: try #require(TestSite.good().load().site))
    }

    func resolve(_ url: String, from source: String = "posts/bai-mot.md", page: String = "tin-tuc/bai-mot/index.html") -> String? {
        if case let .resolved(link) = index.resolve(url, from: source, onPage: page) { return link }
        return nil
    }

    func broken(_ url: String) -> (message: String, hint: String?)? {
        if case let .broken(message, hint) = index.resolve(url, from: "posts/bai-mot.md", onPage: "tin-tuc/bai-mot/index.html") {
            return (message, hint)
        }
        return nil
    }

    @Test func markdownFilesBecomePages() {
        #expect(resolve("../documents/cv-12.md#muc") == "../../van-ban/cv-12/index.html#muc")
        #expect(resolve("./bai-hai.md") == "../../tin-tuc/bai-hai/index.html")
        #expect(resolve("../documents/cv-12.md?x=1") == "../../van-ban/cv-12/index.html?x=1")
        #expect(resolve("../documents/cv%2D12.md") == "../../van-ban/cv-12/index.html")
        #expect(resolve("/documents/cv-12.md") == "../../van-ban/cv-12/index.html")
        #expect(resolve("bai-hai.md", page: "index.html") == "tin-tuc/bai-hai/index.html")
    }

    @Test func assets() {
        #expect(resolve("../images/anh hop.png") == "../../images/anh hop.png")
        #expect(resolve("../images/anh%20hop.png") == "../../images/anh hop.png")
    }

    @Test func untouched() {
        for url in ["https://example.org/a.md", "http://x.vn", "mailto:a@b.vn", "tel:0123", "#muc", "", "//cdn.example/x", "javascript:alert(1)"] {
            #expect(resolve(url) == url, "\(url)")
        }
    }

    @Test func brokenLinks() throws {
        let outside = try #require(broken("../../../etc/passwd"))
        #expect(outside.message == "`../../../etc/passwd` points outside content/")

        let missing = try #require(broken("../posts/khong-co.md"))
        #expect(missing.message == "`../posts/khong-co.md` → content/posts/khong-co.md does not exist")

        let folder = try #require(broken("../posts/"))
        #expect(folder.hint == "link to the Markdown file itself, e.g. `../posts/bai-viet.md`")

        let typo = try #require(broken("../documents/cv-21.md"))
        #expect(typo.hint == "did you mean `documents/cv-12.md`? Links are relative to the file they are written in")

        // Relative to the file: from posts/, "documents/cv-12.md" is posts/documents/cv-12.md.
        let relative = try #require(broken("documents/cv-12.md"))
        #expect(relative.message.contains("content/posts/documents/cv-12.md"))
        #expect(relative.hint?.contains("documents/cv-12.md") == true)
    }
}

@Suite("Suggest")
struct SuggestTests {
    @Test func closest() {
        #expect(Suggest.closest(to: "titel", in: ["date", "title", "summary"]) == "title")
        #expect(Suggest.closest(to: "to-dan-ph", in: ["truong-hoc", "to-dan-pho"]) == "to-dan-pho")
        #expect(Suggest.closest(to: "xyz", in: ["title", "summary"]) == nil)
        #expect(Suggest.closest(to: "a", in: []) == nil)
        // Folded: accents and case do not count.
        #expect(Suggest.closest(to: "Tổ Dân Phố", in: ["to dan pho", "y te"], maxDistance: 0) == "to dan pho")
        // Ties go to the first candidate in sorted order, whatever the input order.
        #expect(Suggest.closest(to: "ab", in: ["ac", "aa"]) == "aa")
        #expect(Suggest.closest(to: "ab", in: ["aa", "ac"]) == "aa")
        // The limit grows with the word: a third of its length, at least 2.
        #expect(Suggest.closest(to: "abcdefghi", in: ["abcxyzghi"]) == "abcxyzghi")
        #expect(Suggest.closest(to: "abcdefghi", in: ["abwxyzghi"]) == nil)
    }

    @Test func editDistance() {
        #expect(Suggest.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(Suggest.editDistance(Array(""), Array("abc")) == 3)
        #expect(Suggest.editDistance(Array("abc"), Array("")) == 3)
        #expect(Suggest.editDistance(Array("same"), Array("same")) == 0)
    }
}

@Suite("Diagnostics")
struct DiagnosticTests {
    @Test func descriptionLikeACompiler() {
        let error = Diagnostic(.error, "content/posts/a.md", line: 3, column: 5, "broken link")
        #expect(error.description == "content/posts/a.md:3:5: error: broken link")
        let warning = Diagnostic(.warning, "content/units.yaml", line: 12, column: 1, "unknown key", hint: "did you mean `kind`?")
        #expect(warning.description == "content/units.yaml:12:1: warning: unknown key\n    hint: did you mean `kind`?")
    }

    @Test func linesAndColumnsAreAtLeastOne() {
        let d = Diagnostic(.error, "f", line: 0, column: -3, "m")
        #expect(d.line == 1)
        #expect(d.column == 1)
        #expect(d.description == "f:1:1: error: m")
    }

    @Test func collectsAndSorts() {
        var diagnostics = Diagnostics()
        diagnostics.warning(SourceRef(file: "b.md", line: 1), "w")
        diagnostics.error(SourceRef(file: "a.md", line: 10, column: 2), "late")
        diagnostics.error(SourceRef(file: "a.md", line: 2, column: 7), "early")
        diagnostics.error(SourceRef(file: "a.md", line: 2, column: 7), "also")
        #expect(diagnostics.hasErrors)
        #expect(diagnostics.errors.count == 3)
        #expect(diagnostics.warnings.map(\.message) == ["w"])
        #expect(diagnostics.sorted.map(\.message) == ["also", "early", "late", "w"])

        var other = Diagnostics()
        other.warning(SourceRef(file: "c.md"), "x")
        #expect(!other.hasErrors)
        diagnostics.append(contentsOf: other)
        #expect(diagnostics.all.count == 5)
    }
}

@Suite("Byte-wise order")
struct BytewiseOrderTests {
    @Test func isTheOrderOfTheUTF8Bytes() {
        // Short (inline) and long strings, prefixes, accents in NFC and NFD, and the empty string.
        let paths = ["", "a", "a/b", "a.html", "a/b/c/d/e/f/g/h/index.html", "ảnh.png", "a\u{309}nh.png", "Z", "z",
                     "tin-tuc/p000001-nhan-thuc-can-bo/index.html", "tin-tuc/p000001-nhan-thuc-can-bo", "tin-tuc/"]
        for a in paths {
            for b in paths { #expect(a.precedesBytewise(b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) < \(b)") }
        }
    }
}

@Suite("Byte search")
struct ByteSearchTests {
    /// Every place a needle can be (start, middle, end, overlapping false starts, longer than the
    /// text, empty) is found where a plain scan finds it.
    @Test func findsTheFirstPlaceAsAPlainScanDoes() {
        func plain(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
            guard !needle.isEmpty else { return 0 }
            guard needle.count <= haystack.count else { return nil }
            return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
        }
        let needles = ["", "t", "th", "tháng", "aab", "ng"].map { Array($0.utf8) }
        let pieces = ["t", "h", "th", "thá", "tháng", "a", "b", "ng", " ", "á"]
        var generator = SeededGenerator(state: 12)
        for _ in 0..<3_000 {
            let text = Array((0..<Int.random(in: 0...9, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined().utf8)
            for needle in needles {
                let found = text.withUnsafeBufferPointer { $0.firstIndex(ofBytes: needle) }
                #expect(found == plain(text, needle), "\(String(decoding: text, as: UTF8.self)) / \(String(decoding: needle, as: UTF8.self))")
            }
        }
    }
}

/// `PathRules.isWindowsReserved` settles long ASCII names on their bytes; it must answer as the
/// Character reading (kept below) does for every name, ASCII or not.
@Suite struct WindowsNameLoadTests {
    static func referenceIsReserved(_ name: String) -> Bool {
        let reserved: Set<String> = Set(["con", "prn", "aux", "nul"] + (1...9).flatMap { ["com\($0)", "lpt\($0)"] })
        let stem = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? name
        if stem.utf8.count > 4, stem.first?.isWhitespace == false, stem.last?.isWhitespace == false { return false }
        return reserved.contains(stem.lowercased().trimmingCharacters(in: .whitespaces))
    }

    @Test func answersAsTheCharacterReading() {
        let stems = ["con", "CON", "Aux", "nul", "com1", "LPT9", "com0", "con ", " con", "\tcon", "con\n", "con\r\n", "conx", "icon", "cons1",
                     "console", "p000001-nhan-thuc", "", " ", "     ", "a", "co\u{212A}", "c\u{0301}on", "côn", "aux\u{00A0}", "\u{00A0}aux", "aux\u{3000}"]
        let tails = ["", ".", ".md", ".png", ".tar.gz", "..", ".\u{0301}md", ". ", "\u{0301}", " .txt", ".x.y"]
        var differences: [String] = []
        for stem in stems {
            for tail in tails {
                let name = stem + tail
                if PathRules.isWindowsReserved(name) != Self.referenceIsReserved(name) { differences.append(name.debugDescription) }
            }
        }
        #expect(differences == [])
        #expect(PathRules.isWindowsReserved("aux.png") && PathRules.isWindowsReserved("LPT1.txt") && !PathRules.isWindowsReserved("auxiliary.png"))
    }
}

@Suite("Concurrent map with a state per worker")
struct ConcurrentMapTests {
    /// A worker's state is made once and kept for every element it takes; results come back in
    /// the input's order, whichever worker took an element and however long it took.
    @Test func resultsAreInOrderAndEachWorkerReusesItsState() {
        final class Worker: @unchecked Sendable { var taken = 0 }
        let made = Atomic<Int>(0)   // not a Mutex: the thread sanitizer does not see its lock
        let numbers = Atomic<Int>(0)   // a bit for each worker's number
        let input = Array(0..<500)
        let output = input.concurrentMap(workerState: { number -> Worker in
            made.wrappingAdd(1, ordering: .relaxed)
            numbers.bitwiseOr(1 << number, ordering: .relaxed)
            return Worker()
        }) { worker, value -> (value: Int, taken: Int) in
            // Uneven work, as a zip's entries are: some elements take far longer than others.
            if value % 97 == 0 { usleep(2_000) }
            worker.taken += 1
            return (value * value, worker.taken)
        }
        #expect(output.map(\.value) == input.map { $0 * $0 })
        let workers = made.load(ordering: .relaxed)
        #expect(workers >= 1 && workers <= ProcessInfo.processInfo.activeProcessorCount)
        // Numbered 0, 1, … each once: a worker's number picks its renderer.
        #expect(numbers.load(ordering: .relaxed) == (1 << workers) - 1)
        // Each worker counted its own elements, from 1: together they took every element once.
        // A worker may find nothing left to take (the other took all 500 before it started, as
        // on a busy machine), so as many count from 1 as took anything: one at least, at most all.
        let counts = Dictionary(grouping: output.map(\.taken), by: { $0 }).mapValues(\.count)
        let working = counts[1] ?? 0
        #expect(working >= 1 && working <= workers)
        #expect(counts.keys.allSatisfy { $0 == 1 || counts[$0]! <= counts[$0 - 1] ?? 0 })
        #expect(output.map(\.taken).max()! >= 500 / workers)
        #expect([Int]().concurrentMap(workerState: { _ in 0 }) { _, value in value }.isEmpty)
    }
}

@Suite("A value made once, when first asked for")
struct OnceTests {
    /// Not made until asked for; then made exactly once, however many threads ask at the same
    /// time, and each gets the same value.
    @Test func madeOnceOnFirstUse() {
        let made = Atomic<Int>(0)
        let once = Once<[Int]> {
            made.wrappingAdd(1, ordering: .relaxed)
            usleep(5_000)   // long enough for the other threads to ask meanwhile
            return Array(0..<10)
        }
        #expect(made.load(ordering: .relaxed) == 0)
        let seen = Array(0..<64).concurrentMap { _ in once.value }
        #expect(made.load(ordering: .relaxed) == 1)
        #expect(seen.allSatisfy { $0 == Array(0..<10) })
        #expect(Once(value: "kept").value == "kept")
    }
}

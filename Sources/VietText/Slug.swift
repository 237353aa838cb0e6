import Foundation

extension VietText {
    /// ASCII slug: NFD, strip combining marks, đ→d Đ→D explicitly (no decomposition), lowercase,
    /// any run of non [a-z0-9] becomes one "-", trimmed.
    /// "Tổ dân phố số 5 – Đồng Tâm" → "to-dan-pho-so-5-dong-tam". Empty result → "" (callers handle).
    ///
    /// Slugs become file names that officers attach to portal CMSes and send over Zalo, so
    /// anything outside ASCII letters and digits is treated as a word break, never kept.
    public static func slug(_ s: String) -> String {
        var writer = SlugWriter()
        return slugLetters.map(s, with: &writer)
    }

    /// Each scalar is slugged alone: decomposing it, dropping its marks and mapping đ leaves the
    /// same letters as doing so to the whole text, whose only difference, the canonical reordering
    /// of marks, never moves anything across a letter that is kept. Through `stripMarks` on the
    /// whole text, slugs were a tenth of loading a big site.
    private struct SlugWriter: ScalarSink {
        // A break is only noted, and written as "-" before the next letter kept: runs collapse, ends are trimmed.
        var pendingDash = false

        mutating func ascii(_ byte: UInt8, to out: inout ByteWriter) {
            switch byte {
            case 0x61...0x7A, 0x30...0x39: keep(byte, to: &out)
            case 0x41...0x5A: keep(byte + 0x20, to: &out)
            default: pendingDash = !out.isEmpty
            }
        }

        private mutating func keep(_ byte: UInt8, to out: inout ByteWriter) {
            if pendingDash {
                out.append(0x2D)
                pendingDash = false
            }
            out.append(byte)
        }

        mutating func tabled(_ stripped: UnsafeBufferPointer<UInt8>, to out: inout ByteWriter) {
            for byte in stripped { ascii(byte, to: &out) }
        }

        mutating func other(_ scalar: Unicode.Scalar, to out: inout ByteWriter) {
            for part in stripMarks(String(scalar)) {
                if part.isASCII { ascii(UInt8(part.value), to: &out) } else { pendingDash = !out.isEmpty }
            }
        }
    }

    /// Each letter with its marks stripped, every scalar left that is not ASCII written as "-" (a break).
    private static let slugLetters = ScalarTable(hex: ScalarTableData.slugLetters)

    /// The definition `slugLetters` was stored from.
    static func makeSlugLetters() -> ScalarTable {
        ScalarTable { scalar in stripMarks(String(scalar)).map { $0.isASCII ? UInt8($0.value) : 0x2D } }
    }
}

/// Makes slugs unique: first "x", then "x-2", "x-3"…; reports whether a collision happened.
///
/// Collisions are reported rather than silently fixed so the build can warn: a page whose URL
/// depends on processing order is a link that can break on the next build.
public struct Slugger: Sendable {
    private var taken: Set<String> = []
    // Remembers where the search for a free suffix stopped, so 10 000 pages with the same
    // title stay linear instead of rescanning "x-2", "x-3"… each time.
    private var nextSuffix: [String: Int] = [:]

    public init() {}

    /// An empty slug is claimed like any other ("" then "-2" would be odd, so a collision on
    /// "" yields "2", "3"…); callers are expected to substitute a fallback before claiming.
    public mutating func claim(_ slug: String) -> (slug: String, collided: Bool) {
        if taken.insert(slug).inserted {
            return (slug, false)
        }
        var n = nextSuffix[slug, default: 2]
        while true {
            let candidate = slug.isEmpty ? "\(n)" : "\(slug)-\(n)"
            n += 1
            if taken.insert(candidate).inserted {
                nextSuffix[slug] = n
                return (candidate, true)
            }
        }
    }

    /// Whether `slug` has been handed out (as claimed or as a generated suffix).
    public func isTaken(_ slug: String) -> Bool {
        taken.contains(slug)
    }
}

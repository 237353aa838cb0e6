import Foundation

extension VietText {
    /// ASCII slug: NFD, strip combining marks, đ→d Đ→D explicitly (no decomposition), lowercase,
    /// any run of non [a-z0-9] becomes one "-", trimmed.
    /// "Tổ dân phố số 5 – Đồng Tâm" → "to-dan-pho-so-5-dong-tam". Empty result → "" (callers handle).
    ///
    /// Slugs become file names that officers attach to portal CMSes and send over Zalo, so
    /// anything outside ASCII letters and digits is treated as a word break, never kept.
    public static func slug(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var pendingDash = false
        for scalar in stripMarks(s) {
            let v = scalar.value
            let ascii: UInt32?
            switch v {
            case 0x61...0x7A, 0x30...0x39: ascii = v
            case 0x41...0x5A: ascii = v + 0x20
            default: ascii = nil
            }
            guard let ascii else {
                pendingDash = !out.isEmpty
                continue
            }
            if pendingDash {
                out.append("-")
                pendingDash = false
            }
            out.unicodeScalars.append(Unicode.Scalar(ascii)!)
        }
        return out
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

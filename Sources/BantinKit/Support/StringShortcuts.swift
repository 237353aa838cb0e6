import Foundation

/// A faster path for a Foundation string call that showed in build profiles (trimming is in VietText).
extension String {
    /// Byte-wise substring test. Foundation's `contains` goes through NSString's
    /// locale-aware search, which was a visible part of a build's profile.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self, needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard let first = n.first else { return true }
                guard n.count <= h.count else { return false }
                var index = 0
                while index <= h.count - n.count {
                    if h[index] == first, n.indices.allSatisfy({ h[index + $0] == n[$0] }) { return true }
                    index += 1
                }
                return false
            }
        }
    }
}

import Foundation

/// Faster paths for two Foundation string calls that showed in build profiles.
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

extension String {
    /// Foundation's trimming goes through NSString even when there is nothing to trim, which is
    /// nearly always for a spreadsheet cell: look at the two ends first.
    func trimming(_ set: CharacterSet) -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
              set.contains(first) || set.contains(last) else { return self }
        return trimmingCharacters(in: set)
    }
}

import Foundation

/// Faster paths for Foundation string calls that showed in build profiles (trimming is in VietText).
extension String {
    /// `split(separator: "/")`, split on the bytes when the text is ASCII, as paths nearly always
    /// are (slugs): then no mark can join a slash into a longer Character. Any other text is split
    /// by Characters as before. Splitting by Character was a twentieth of loading a rebuild and a
    /// good part of resolving every link of every page.
    func slashParts(omittingEmpty: Bool = true) -> [Substring] {
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return split(separator: "/", omittingEmptySubsequences: omittingEmpty) }
        return utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: omittingEmpty).map { Substring($0) }
    }

    /// Byte-wise substring test. Foundation's `contains` goes through NSString's
    /// locale-aware search, which was a visible part of a build's profile.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        return haystack.withUTF8 { $0.firstIndex(ofBytes: Array(needle.utf8)) != nil }
    }

    /// Byte order of the UTF-8, in which paths are sorted for reproducible output: with memcmp,
    /// where `utf8.lexicographicallyPrecedes` steps through a generic iterator (a tenth of a
    /// second of a rebuild, over the output's 20,000 paths sorted several times).
    func precedesBytewise(_ other: String) -> Bool {
        let order = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in
                let common = Swift.min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
        return (order ?? nil) ?? utf8.lexicographicallyPrecedes(other.utf8)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Where `needle` first starts, comparing bytes; an empty needle is found at 0.
    /// The first byte found by memchr, the rest compared by memcmp: every text of every page is
    /// searched for "tháng", and a loop over each byte was most of that.
    func firstIndex(ofBytes needle: [UInt8]) -> Int? {
        guard let first = needle.first else { return 0 }
        guard needle.count <= count, let base = baseAddress else { return nil }
        var start = 0
        let last = count - needle.count   // the last place the needle can start
        while start <= last, let found = memchr(base + start, Int32(first), last - start + 1) {
            let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + at, needle, needle.count) == 0 { return at }
            start = at + 1
        }
        return nil
    }
}

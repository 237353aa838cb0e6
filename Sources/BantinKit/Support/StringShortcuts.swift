import Foundation

/// Faster paths for Foundation string calls that showed in build profiles (trimming is in VietText).
extension String {
    /// Byte-wise substring test. Foundation's `contains` goes through NSString's
    /// locale-aware search, which was a visible part of a build's profile.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        return haystack.withUTF8 { $0.firstIndex(ofBytes: Array(needle.utf8)) != nil }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Where `needle` first starts, comparing bytes; an empty needle is found at 0.
    func firstIndex(ofBytes needle: [UInt8]) -> Int? {
        guard let first = needle.first else { return 0 }
        guard needle.count <= count else { return nil }
        for start in 0...(count - needle.count) where self[start] == first {
            if memcmp(baseAddress! + start, needle, needle.count) == 0 { return start }
        }
        return nil
    }
}

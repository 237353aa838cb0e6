/// Hands out unique heading ids within one document.
///
/// A repeat of `x` becomes `x-1`, `x-2`, …, skipping any id already taken, so a
/// heading literally titled "x 1" (slug `x-1`) never collides with a numbered repeat.
struct HeadingIDAllocator {
    /// Used when a heading slugs to nothing (e.g. only punctuation); Vietnamese for "section".
    static let fallbackID = "muc"

    private var taken: Set<String> = []
    private var nextSuffix: [String: Int] = [:]

    mutating func claim(_ slug: String) -> String {
        let base = slug.isEmpty ? Self.fallbackID : slug
        if taken.insert(base).inserted { return base }
        var suffix = nextSuffix[base, default: 1]
        while !taken.insert("\(base)-\(suffix)").inserted { suffix += 1 }
        nextSuffix[base] = suffix + 1
        return "\(base)-\(suffix)"
    }
}

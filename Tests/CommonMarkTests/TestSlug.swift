import Foundation

/// A small Vietnamese-aware slug, so these tests do not depend on VietText: the
/// renderer's contract is only that it uses whatever slug it is given.
func testSlug(_ text: String) -> String {
    let folded = text.lowercased()
        .replacingOccurrences(of: "đ", with: "d")
        .folding(options: .diacriticInsensitive, locale: nil)
    var slug = ""
    var pendingDash = false
    for scalar in folded.unicodeScalars {
        if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
            if pendingDash, !slug.isEmpty { slug += "-" }
            pendingDash = false
            slug.unicodeScalars.append(scalar)
        } else {
            pendingDash = true
        }
    }
    return slug
}

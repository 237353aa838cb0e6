import FuzzSupport
import VietText

/// Slugs become file names and URLs, so beyond not crashing they must be plain ASCII words
/// joined by single dashes, stable when slugged again, and unique once claimed.
@main
enum SlugFuzzer {
    static func main() { runFuzzer(test) }

    static let test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { start, count in
        fuzzText(start, count) { text in
            let slug = VietText.slug(text)
            fuzzCheck(slug.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D },
                      "slug \(slug.debugDescription) has a character outside [a-z0-9-]")
            fuzzCheck(!slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--"),
                      "slug \(slug.debugDescription) has a stray dash")
            fuzzCheck(VietText.slug(slug) == slug, "slug \(slug.debugDescription) changes when slugged again")

            var slugger = Slugger()
            let first = slugger.claim(slug)
            let second = slugger.claim(slug)
            fuzzCheck(!first.collided && second.collided && first.slug != second.slug && slugger.isTaken(second.slug),
                      "claiming \(slug.debugDescription) twice gave \(first) then \(second)")
        }
    }
}

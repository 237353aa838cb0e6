import Foundation

extension String {
    /// Foundation's trimming goes through NSString even when there is nothing to trim, which is
    /// nearly always for a spreadsheet cell or a front-matter value: look at the two ends first.
    public func trimming(_ set: CharacterSet) -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
              set.contains(first) || set.contains(last) else { return self }
        return trimmingCharacters(in: set)
    }
}

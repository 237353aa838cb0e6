import Foundation

/// What a path written by a user may be. Pages are read from `content/` and unzipped on the
/// Windows computers of ward offices, so a path must stay inside the site, carry no control
/// character, and avoid the names Windows reserves for devices (a folder `con` or a file
/// `aux.png` cannot be made there, and an unzipped bundle would come out broken).
enum PathRules {
    private static let reserved: Set<String> = Set(["con", "prn", "aux", "nul"] + (1...9).flatMap { ["com\($0)", "lpt\($0)"] })

    /// Whether a file or folder name is a device name on Windows (`con`, `aux.png`, `LPT1.txt`).
    static func isWindowsReserved(_ name: String) -> Bool {
        // Every name is 3 or 4 letters, maybe with spaces around: a longer stem is none of them
        // (asked of every folder and file of a site of 10,000 pages on every build).
        if hasLongASCIIStem(name) { return false }
        let stem = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? name
        if stem.utf8.count > 4, stem.first?.isWhitespace == false, stem.last?.isWhitespace == false { return false }
        return reserved.contains(stem.lowercased().trimmingCharacters(in: .whitespaces))
    }

    /// The test of a long stem above, on the bytes of an ASCII name, where a "." byte is a "."
    /// Character and a space byte a whitespace Character: slugs and file names are settled
    /// without splitting them into Strings (a share of loading 10,000 files, each asked twice).
    private static func hasLongASCIIStem(_ name: String) -> Bool {
        name.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
            let stem = bytes.prefix { $0 != UInt8(ascii: ".") }
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
            return stem.count > 4 && !isSpace(stem.first!) && !isSpace(stem.last!)
        } ?? false
    }

    /// Why a link written in front matter cannot be used as it is, or nil: only a path relative
    /// to its file (or, starting with `/`, to content/) or an http(s) address; never a script URL,
    /// a Windows path or a control character. Where the path leads is checked as for Markdown links.
    static func problemInLink(_ value: String) -> String? {
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "`\(value.debugDescription.dropFirst().dropLast())` has a control character in it"
        }
        if value.hasPrefix("\\") || value.contains(":\\") { return "`\(value)` is a Windows path; write it relative to this file, with `/`" }
        if let colon = value.firstIndex(of: ":"), !value[..<colon].contains("/") {
            let scheme = value[..<colon].lowercased()
            return ["http", "https"].contains(scheme) ? nil : "`\(scheme):` addresses are not allowed here, only a file of the site or an http(s) address"
        }
        if let name = value.split(separator: "/").first(where: { isWindowsReserved(String($0)) }) {
            return "`\(name)` is a name Windows keeps for a device; the file could not be unzipped there"
        }
        return nil
    }
}

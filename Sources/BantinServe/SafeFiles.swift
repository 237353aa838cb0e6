import Foundation

/// Maps a request path to a file under the served folder, or refuses. FlyingFox's own directory
/// handler follows `%2e%2e` out of its root; this one never leaves it: no `.`/`..` segment, no NUL,
/// no symlink that resolves outside, and folders only through their index.html (never listed).
public struct SafeFiles: Sendable {
    public enum Outcome: Equatable, Sendable {
        case file(URL)
        /// A folder asked for without its trailing slash: its page is served at `path` (relative
        /// links in it would otherwise resolve against the parent folder).
        case redirect(path: String)
        /// Percent-escapes that do not decode to UTF-8 (`%c3%28`, `%zz`).
        case badRequest
        case forbidden
        case notFound
    }

    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// `path` is the request path as sent, percent-escapes and all; they are decoded once here.
    public func resolve(_ path: String) -> Outcome {
        guard let decoded = path.removingPercentEncoding else { return .badRequest }
        if decoded.contains("\0") || decoded.contains("\\") { return .forbidden }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == "." || $0 == ".." }) { return .forbidden }
        // Hidden files (staging folders, editor swap files) are not part of the site.
        if segments.contains(where: { $0.hasPrefix(".") }) { return .notFound }
        var url = root
        for segment in segments { url.append(path: String(segment)) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return .notFound }
        if isFolder.boolValue {
            url.append(path: "index.html")
            guard FileManager.default.fileExists(atPath: url.path) else { return .notFound }
        }
        let real = url.resolvingSymlinksInPath().standardizedFileURL
        guard real.path.hasPrefix(root.path + "/") else { return .forbidden }
        if isFolder.boolValue, !decoded.hasSuffix("/") {
            // Built from the decoded segments, so `//host` or `%2f` in the request cannot make it point elsewhere.
            return .redirect(path: "/" + segments.map { $0.addingPercentEncoding(withAllowedCharacters: Self.segmentCharacters) ?? "" }
                .joined(separator: "/") + "/")
        }
        return .file(real)
    }

    private static let segmentCharacters = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/;"))

    static let types: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "xml": "application/xml; charset=utf-8", "txt": "text/plain; charset=utf-8", "json": "application/json; charset=utf-8",
        "csv": "text/csv; charset=utf-8", "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "pdf": "application/pdf", "zip": "application/zip", "ico": "image/x-icon",
    ]

    public static func contentType(_ url: URL) -> String {
        types[url.pathExtension.lowercased()] ?? "application/octet-stream"
    }
}

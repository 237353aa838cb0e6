import Foundation

/// Maps a request path to a file under the served folder, or refuses. FlyingFox's own directory
/// handler follows `%2e%2e` out of its root; this one never leaves it: no `.`/`..` segment, no NUL,
/// no symlink that resolves outside, and folders only through their index.html (never listed).
public struct SafeFiles: Sendable {
    public enum Outcome: Equatable, Sendable {
        case file(URL)
        case forbidden
        case notFound
    }

    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// `path` is the request path; it may still hold percent-escapes, which are decoded once here.
    public func resolve(_ path: String) -> Outcome {
        let decoded = path.removingPercentEncoding ?? path
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
        return .file(real)
    }

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

import Foundation

extension Article {
    /// The Markdown body, read again from its file through the same checks as when it was loaded.
    /// Nil when the body is no longer the length it had then: the file was saved during the build,
    /// and the front matter read before may no longer belong to it.
    public func readBody() -> String? {
        switch bodySource {
        case let .text(body): return body
        case let .file(location, bytes):
            var ignored = Diagnostics()
            guard let file = TextFile.read(location.url, relativePath: location.path, into: &ignored),
                  let body = FrontMatter.split(file, into: &ignored)?.body, body.utf8.count == bytes else { return nil }
            return body
        }
    }
}

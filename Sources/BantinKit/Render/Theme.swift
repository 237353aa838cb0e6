import Foundation
import Mustache

/// The templates and theme assets in use: the site's own `templates/` first, then the theme
/// built into the binary (Hugo's lookup order, one level deep).
struct Theme: Sendable {
    let library: MustacheLibrary
    /// Output-relative path → bytes, e.g. `assets/style.css`.
    let assets: [String: Data]

    static func load(siteRoot: URL, into diagnostics: inout Diagnostics) -> Theme? {
        var files: [String: (data: Data, origin: String)] = [:]
        for entry in EmbeddedFiles.templates {
            guard let data = Data(base64Encoded: entry.base64) else { continue }
            files[entry.path] = (data, "(built-in theme)/" + entry.path)
        }
        let override = siteRoot.appending(path: "templates")
        for file in SiteLoader.listFiles(under: override) {
            if file.leavesRoot {
                diagnostics.error(SourceRef(file: "templates/" + file.path), "this is a link to a file outside templates/, which is never used",
                                  hint: "copy the file into templates/ instead of linking to it")
                continue
            }
            if let data = FileManager.default.contents(atPath: override.appending(path: file.diskPath).path) {
                files[file.path] = (data, "templates/" + file.path)
            }
        }

        var library = MustacheLibrary()
        var assets: [String: Data] = [:]
        var failed = false
        for (path, file) in files.sorted(by: { $0.key < $1.key }) {
            if path.hasSuffix(".mustache") {
                guard let text = String(data: file.data, encoding: .utf8) else {
                    diagnostics.error(SourceRef(file: file.origin), "the template is not valid UTF-8")
                    failed = true
                    continue
                }
                do {
                    try library.register(text, named: String(path.dropLast(".mustache".count)))
                } catch let error as MustacheTemplate.ParserError {
                    diagnostics.error(SourceRef(file: file.origin, line: error.context.lineNumber, column: error.context.columnNumber),
                                      "template syntax error: \(error.error)", hint: "near: \(error.context.line)")
                    failed = true
                } catch {
                    diagnostics.error(SourceRef(file: file.origin), "template error: \(error)")
                    failed = true
                }
            } else if path.hasPrefix("assets/") {
                assets[path] = file.data
            }
        }
        return failed ? nil : Theme(library: library, assets: assets)
    }

    /// The same theme with templates of its own, for a thread that renders thousands of pages
    /// (see `MustacheLibrary.separateCopy`).
    func separateCopy() -> Theme { Theme(library: library.separateCopy(), assets: assets) }

    /// An empty text in the context counts as absent (the vendored engine's `Bantin:` change),
    /// so a section over an optional text left empty does not open. The page's UTF-8 bytes, as
    /// they are written out: never a String, whose UTF-8 would be checked and copied again.
    func render(_ template: String, _ context: [String: Any]) -> [UInt8]? {
        library.renderUTF8(context, withTemplate: template)
    }
}

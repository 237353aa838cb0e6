import Foundation
import PackagePlugin

/// Runs EmbedTheme over templates/ and starter/ so the binary carries the default theme
/// and the `bantin init` starter; templates/ stays their only source.
@main
struct EmbedThemePlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let folders = ["templates", "starter"].map { root.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        var inputs: [URL] = []
        for folder in folders {
            guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where !url.hasDirectoryPath { inputs.append(url) }
        }
        return [
            .buildCommand(
                displayName: "Embedding templates/ and starter/",
                executable: try context.tool(named: "EmbedTheme").url,
                arguments: [output.path] + folders.map(\.path),
                inputFiles: inputs + folders,
                outputFiles: [output]
            )
        ]
    }
}

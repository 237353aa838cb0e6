import ArgumentParser

@main
struct Bantin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bantin",
        abstract: "Builds the bulletin site of a ward's culture and society office from Markdown and YAML.",
        version: "0.1.0",
        subcommands: [Build.self, Print.self, BundleCommand.self, Check.self, New.self, Serve.self, Init.self],
        defaultSubcommand: Build.self
    )
}

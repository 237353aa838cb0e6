import ArgumentParser
import BantinKit
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new site with a small example that builds at once.")

    @Argument(help: "The folder to create (must not exist or be empty).")
    var directory: String

    func run() throws {
        let url = URL(fileURLWithPath: directory).standardizedFileURL
        do {
            let written = try Starter.write(to: url)
            Console.out("bantin: created \(written) files in \(directory); run `bantin build --site \(directory)`")
        } catch let error as Starter.Error {
            Console.err("bantin: \(error.message)")
            throw ExitCode.failure
        }
    }
}

import ArgumentParser
import BantinKit
import Foundation
import VietText

extension NewArticle.Kind: ExpressibleByArgument {}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a Markdown file with its front matter filled in: bantin new post \"Tiêu đề có dấu\".",
        discussion: "Kinds: post, document, handout, report, message, edition. The file is named by the title's slug and never overwritten.")

    @Argument(help: "post, document, handout, report, message or edition")
    var kind: NewArticle.Kind

    @Argument(help: "The title, with its accents.")
    var title: String

    @Option(name: .shortAndLong, help: "The site folder, holding content/.")
    var site: String = "."

    func run() throws {
        let root = URL(fileURLWithPath: site).standardizedFileURL
        do {
            let path = try NewArticle.create(kind, title: title, siteRoot: root, today: BuildDate.resolve())
            Console.out("bantin: created \(path)")
        } catch let failure as NewArticle.Failure {
            Console.err("bantin: \(failure.message)")
            throw ExitCode.failure
        }
    }
}

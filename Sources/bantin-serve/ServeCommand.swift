import ArgumentParser
import BantinKit
import BantinServe
import Foundation

private func printError(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

/// `bantin serve`, as its own program: `bantin` runs it in its own place (see Serve.swift there),
/// so only this binary links the HTTP library and what it brings.
@main
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bantin serve",
        abstract: "Build, serve public/ on http://127.0.0.1:PORT/, rebuild on every change and reload open pages.",
        discussion: "Pages are served with a small live-reload script that public/ never contains. A failed build keeps the last good site online and shows its errors over the page. Ctrl-C stops.")

    @Option(name: .shortAndLong, help: "The site folder, holding content/.")
    var site: String = "."

    @Option(name: .long, help: "Port to listen on.")
    var port: UInt16 = 1313

    @Option(name: .long, help: "Address or name to listen on (127.0.0.1, ::1, localhost, 0.0.0.0, …); only loopback unless you choose otherwise.")
    var host: String = "127.0.0.1"

    func validate() throws {
        do { _ = try ListenAddress.resolve(host: host, port: port) } catch { throw ValidationError("--host: \(error)") }
    }

    func run() async throws {
        let root = URL(fileURLWithPath: site).standardizedFileURL
        let server = PreviewServer(options: .init(siteRoot: root, print: .off), host: host, port: port,
                                   log: { printError($0) })
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let task = Task { try await server.run() }
        let signals = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: .main) }
        for source in signals {
            source.setEventHandler {
                server.stop()
                task.cancel()
            }
            source.resume()
        }
        // The sources must outlive the wait: nothing else refers to them, and an optimised build
        // released them after the loop above, leaving SIGINT and SIGTERM ignored for good.
        defer { signals.forEach { $0.cancel() } }
        do {
            try await task.value
        } catch {
            // Whatever the listening socket says while being shut down is part of stopping.
            if !server.isStopping { throw error }
        }
        printError("bantin: stopped")
    }
}

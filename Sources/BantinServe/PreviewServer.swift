import BantinKit
import FlyingFox
import Foundation

/// `bantin serve`: builds, serves the output on loopback, rebuilds on every change of content/ or
/// templates/, and tells open pages to reload. A failed build keeps the last good site online and
/// shows its errors over the page.
public final class PreviewServer: @unchecked Sendable {
    public struct State: Sendable { public var version = 0; public var errors: [String] = [] }

    let options: SiteBuilder.Options
    let host: String
    let port: UInt16
    let log: @Sendable (String) -> Void
    private let state = NSLock()
    private var current = State()
    private var stopping = false

    public init(options: SiteBuilder.Options, host: String, port: UInt16, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.host = host
        self.port = port
        self.log = log
    }

    public var snapshot: State { state.withLock { current } }

    /// A client that sends nothing for this long is disconnected (Apache's keep-alive default).
    public static let idleTimeout: TimeInterval = 5
    /// A connection is closed at its first wait for the client past this age, so a request
    /// trickled in a byte at a time cannot hold it for good; browsers reconnect without a sign.
    public static let connectionLifetime: TimeInterval = 30

    /// Builds once, then serves until `stop()`; returns the first build's report.
    public func run() async throws {
        rebuild()
        let files = SafeFiles(root: options.output)
        let address = try sockaddr_in.inet(ip4: host, port: port)
        // FlyingFox's own log says every connection opened and closed: noise for a preview, and
        // a flood under load on a stderr nobody reads.
        let server = HTTPServer(address: address, timeout: 15,
                                pool: ClientTimeouts(HTTPServer.defaultPool(), idle: Self.idleTimeout, lifetime: Self.connectionLifetime),
                                logger: .disabled, handler: Handler(files: files, server: self))
        let watcher = try Watcher(root: options.siteRoot, folders: ["content", "templates"])
        Thread.detachNewThread { [self] in
            while !state.withLock({ stopping }) {
                let changed = watcher.next(stop: { self.state.withLock { self.stopping } })
                if !changed.isEmpty { rebuild() }
            }
        }
        log("bantin: serving \(options.output.path) at http://\(host):\(port)/ (Ctrl-C stops)")
        try await withTaskCancellationHandler {
            try await server.run()
        } onCancel: {
            Task { await server.stop() }
        }
    }

    public func stop() { state.withLock { stopping = true } }
    public var isStopping: Bool { state.withLock { stopping } }

    func rebuild() {
        let report = SiteBuilder.build(options)
        state.withLock {
            if report.succeeded {
                current.version += 1
                current.errors = []
            } else {
                current.errors = report.diagnostics.errors.map(\.description)
            }
        }
        let seconds = String(format: "%.2f", report.seconds)
        log(report.succeeded ? "bantin: rebuilt \(report.pages) pages in \(seconds) s"
                             : "bantin: build failed with \(report.diagnostics.errors.count) error(s); still serving the last good site\n"
                                + report.diagnostics.errors.map(\.description).joined(separator: "\n"))
    }

    struct Handler: HTTPHandler {
        let files: SafeFiles
        let server: PreviewServer

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            guard request.method == .GET || request.method == .HEAD else {
                return HTTPResponse(statusCode: .methodNotAllowed)
            }
            let path = request.path
            if path == LiveReload.scriptPath {
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                                    body: Data(LiveReload.script.utf8))
            }
            if path == LiveReload.statePath {
                let state = server.snapshot
                let json = try JSONSerialization.data(withJSONObject: ["version": state.version, "errors": state.errors])
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: json)
            }
            switch files.resolve(path) {
            case .forbidden:
                return HTTPResponse(statusCode: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("403 Forbidden\n".utf8))
            case .notFound:
                let page = files.root.appending(path: "404.html")
                let body = (try? Data(contentsOf: page)) ?? Data("404 Not Found\n".utf8)
                return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"], body: body)
            case let .file(url):
                var data = try Data(contentsOf: url)
                if url.pathExtension == "html" { data = Data(LiveReload.inject(into: String(decoding: data, as: UTF8.self)).utf8) }
                return HTTPResponse(statusCode: .ok, headers: [.contentType: SafeFiles.contentType(url), .cacheControl: "no-store",
                                                               HTTPHeader("X-Content-Type-Options"): "nosniff"], body: data)
            }
        }
    }
}

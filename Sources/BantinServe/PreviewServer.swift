import BantinKit
import FlyingFox
import FlyingSocks
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
        // A host it cannot listen on is said before the build, not after it.
        let address = try ListenAddress.resolve(host: host, port: port)
        rebuild()
        let files = SafeFiles(root: options.output)
        let handler = Handler(files: files, server: self)
        let server = switch address {
        case let .ip4(address): Self.http(address, handler)
        case let .ip6(address): Self.http(address, handler)
        }
        let watcher = try Watcher(root: options.siteRoot, folders: ["content", "templates"])
        Thread.detachNewThread { [self] in
            while !state.withLock({ stopping }) {
                let changed = watcher.next(stop: { self.state.withLock { self.stopping } })
                if !changed.isEmpty { rebuild() }
            }
        }
        log("bantin: serving \(options.output.path) at http://\(ListenAddress.urlHost(host)):\(port)/ (Ctrl-C stops)")
        try await withTaskCancellationHandler {
            try await server.run()
        } onCancel: {
            Task { await server.stop() }
        }
    }

    /// FlyingFox takes the socket's family from the address's static type, so each family gets its own call.
    private static func http(_ address: some SocketAddress, _ handler: Handler) -> HTTPServer {
        // FlyingFox's own log says every connection opened and closed: noise for a preview, and
        // a flood under load on a stderr nobody reads.
        HTTPServer(address: address, timeout: 15,
                   pool: ClientTimeouts(HTTPServer.defaultPool(), idle: idleTimeout, lifetime: connectionLifetime),
                   logger: .disabled, handler: handler)
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
        // A failed build leaves public/ as it was: a site from an earlier build, or nothing at all.
        let kept = hasSite ? "still serving the last good site" : "no site to serve until a build succeeds; pages show the errors"
        log(report.succeeded ? "bantin: rebuilt \(report.pages) pages in \(seconds) s"
                             : "bantin: build failed with \(report.diagnostics.errors.count) error(s); \(kept)\n"
                                + report.diagnostics.errors.map(\.description).joined(separator: "\n"))
    }

    /// Whether public/ holds a site (from this session or an earlier build) to keep serving.
    var hasSite: Bool { FileManager.default.fileExists(atPath: options.output.appending(path: "index.html").path) }

    struct Handler: HTTPHandler {
        let files: SafeFiles
        let server: PreviewServer

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            guard request.method == .GET || request.method == .HEAD else {
                return HTTPResponse(statusCode: .methodNotAllowed)
            }
            // FlyingFox's `path` is already decoded, and empty when the escapes are not UTF-8 (which
            // served the home page for `/%c3%28`): SafeFiles gets the path exactly as sent.
            let path = request.target.path()
            if path == LiveReload.scriptPath {
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                                    body: Data(LiveReload.script.utf8))
            }
            if path == LiveReload.statePath {
                let state = server.snapshot
                let json = try JSONSerialization.data(withJSONObject: ["version": state.version, "errors": state.errors])
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: json)
            }
            let version = server.snapshot.version
            switch files.resolve(path) {
            case .badRequest:
                return text(.badRequest, "400 Bad Request: the path's percent-escapes are not UTF-8\n")
            case .forbidden:
                return text(.forbidden, "403 Forbidden\n")
            case let .redirect(folder):
                let query = request.target.query()
                return HTTPResponse(statusCode: .movedPermanently,
                                    headers: [.location: query.isEmpty ? folder : folder + "?" + query, .cacheControl: "no-store"],
                                    body: Data())
            case .notFound:
                if let page = try? Data(contentsOf: files.root.appending(path: "404.html")) {
                    return html(.notFound, LiveReload.inject(into: String(decoding: page, as: UTF8.self), version: version))
                }
                let errors = server.snapshot.errors
                if !errors.isEmpty { return html(.serviceUnavailable, LiveReload.noSitePage(errors: errors, version: version)) }
                return text(.notFound, "404 Not Found\n")
            case let .file(url):
                var data = try Data(contentsOf: url)
                if url.pathExtension == "html" { data = Data(LiveReload.inject(into: String(decoding: data, as: UTF8.self), version: version).utf8) }
                return HTTPResponse(statusCode: .ok, headers: [.contentType: SafeFiles.contentType(url), .cacheControl: "no-store",
                                                               HTTPHeader("X-Content-Type-Options"): "nosniff"], body: data)
            }
        }

        private func text(_ status: HTTPStatusCode, _ body: String) -> HTTPResponse {
            HTTPResponse(statusCode: status, headers: [.contentType: "text/plain; charset=utf-8"], body: Data(body.utf8))
        }

        private func html(_ status: HTTPStatusCode, _ page: String) -> HTTPResponse {
            HTTPResponse(statusCode: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"], body: Data(page.utf8))
        }
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Drives one headless Chromium over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
/// commands in on fd 3, replies out on fd 4, each JSON message ended by a NUL byte). One browser
/// serves every printable, which is ~20× faster than starting Chromium per PDF.
final class ChromiumDriver {
    struct Failure: Error, CustomStringConvertible { let description: String }

    private let pid: pid_t
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private let profile: URL
    private var nextID = 0
    private var buffer: [UInt8] = []
    private var sessionID = ""
    private var closed = false
    let timeout: TimeInterval

    /// Where Chromium is: BANTIN_CHROMIUM, else the usual names on PATH.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let path = environment["BANTIN_CHROMIUM"], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "headless_shell"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return URL(fileURLWithPath: folder + "/" + name)
            }
        }
        return nil
    }

    init(executable: URL, timeout: TimeInterval = 60) throws {
        self.timeout = timeout
        profile = FileManager.default.temporaryDirectory.appending(path: "bantin-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        var commandPipe: [Int32] = [0, 0], replyPipe: [Int32] = [0, 0]
        guard pipe(&commandPipe) == 0, pipe(&replyPipe) == 0 else { throw Failure(description: "cannot create pipes to Chromium") }
        let arguments = [executable.path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                         "--disable-background-networking", "--disable-sync", "--disable-component-update",
                         "--hide-scrollbars", "--mute-audio", "--font-render-hinting=none",
                         "--user-data-dir=\(profile.path)", "about:blank"]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, commandPipe[0], 3)
        posix_spawn_file_actions_adddup2(&actions, replyPipe[1], 4)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var childPID: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let status = posix_spawn(&childPID, executable.path, &actions, nil, argv, environ)
        Glibc.close(commandPipe[0])
        Glibc.close(replyPipe[1])
        guard status == 0 else {
            Glibc.close(commandPipe[1]); Glibc.close(replyPipe[0])
            throw Failure(description: "cannot start \(executable.path) (error \(status))")
        }
        pid = childPID
        toBrowser = commandPipe[1]
        fromBrowser = replyPipe[0]
        signal(SIGPIPE, SIG_IGN)

        let target = try call("Target.createTarget", ["url": "about:blank"], session: false)
        guard let targetID = target["targetId"] as? String else { throw Failure(description: "Chromium opened no tab") }
        let attached = try call("Target.attachToTarget", ["targetId": targetID, "flatten": true], session: false)
        guard let session = attached["sessionId"] as? String else { throw Failure(description: "Chromium did not attach to its tab") }
        sessionID = session
        _ = try call("Page.enable", [:])
    }

    deinit { shutDown() }

    func shutDown() {
        guard !closed else { return }
        closed = true
        _ = try? send("Browser.close", [:], session: false)
        Glibc.close(toBrowser)
        Glibc.close(fromBrowser)
        var status: Int32 = 0
        // Give it a moment to exit cleanly, then make sure it is gone.
        for _ in 0..<50 where waitpid(pid, &status, WNOHANG) == 0 { usleep(20_000) }
        if waitpid(pid, &status, WNOHANG) == 0 { kill(pid, SIGKILL); waitpid(pid, &status, 0) }
        try? FileManager.default.removeItem(at: profile)
    }

    /// Loads a page and waits until it and its images, styles and fonts are in.
    func load(_ url: URL) throws {
        let result = try call("Page.navigate", ["url": url.absoluteString])
        if let error = result["errorText"] as? String { throw Failure(description: "Chromium cannot open \(url.path): \(error)") }
        _ = try waitForEvent("Page.loadEventFired")
        _ = try call("Runtime.evaluate", ["expression": "document.fonts.ready.then(() => true)", "awaitPromise": true])
    }

    /// PDF of the loaded page, with the page size and margins its CSS `@page` declares.
    func pdf() throws -> Data {
        let result = try call("Page.printToPDF", ["preferCSSPageSize": true, "printBackground": true,
                                                  "displayHeaderFooter": false, "generateTaggedPDF": true,
                                                  "generateDocumentOutline": true])
        guard let base64 = result["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw Failure(description: "Chromium returned no PDF")
        }
        return data
    }

    /// PNG of the loaded page laid out for print on a sheet of `width`×`height` CSS px, scaled to `pixelWidth`.
    func png(width: Int, height: Int, pixelWidth: Int) throws -> Data {
        _ = try call("Emulation.setEmulatedMedia", ["media": "print"])
        _ = try call("Emulation.setDeviceMetricsOverride", ["width": width, "height": height, "mobile": false,
                                                            "deviceScaleFactor": Double(pixelWidth) / Double(width)])
        defer {
            _ = try? call("Emulation.clearDeviceMetricsOverride", [:])
            _ = try? call("Emulation.setEmulatedMedia", ["media": ""])
        }
        let result = try call("Page.captureScreenshot", ["format": "png", "fromSurface": true])
        guard let base64 = result["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw Failure(description: "Chromium returned no image")
        }
        return data
    }

    // MARK: Protocol

    @discardableResult
    private func send(_ method: String, _ params: [String: Any], session: Bool = true) throws -> Int {
        nextID += 1
        var message: [String: Any] = ["id": nextID, "method": method, "params": params]
        if session { message["sessionId"] = sessionID }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(toBrowser, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { throw Failure(description: "Chromium stopped listening") }
                offset += written
            }
        }
        return nextID
    }

    private func call(_ method: String, _ params: [String: Any], session: Bool = true) throws -> [String: Any] {
        let id = try send(method, params, session: session)
        while true {
            let message = try readMessage()
            guard (message["id"] as? Int) == id else { continue }
            if let error = message["error"] as? [String: Any] {
                throw Failure(description: "Chromium \(method) failed: \(error["message"] as? String ?? "\(error)")")
            }
            return message["result"] as? [String: Any] ?? [:]
        }
    }

    private func waitForEvent(_ name: String) throws -> [String: Any] {
        while true {
            let message = try readMessage()
            if message["method"] as? String == name { return message["params"] as? [String: Any] ?? [:] }
        }
    }

    private func readMessage() throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let slice = Data(buffer[..<end])
                buffer.removeSubrange(...end)
                if let object = try? JSONSerialization.jsonObject(with: slice) as? [String: Any] { return object }
                continue
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw Failure(description: "Chromium did not answer within \(Int(timeout)) s") }
            var poller = pollfd(fd: fromBrowser, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(remaining, 1) * 1000))
            if ready < 0, errno != EINTR { throw Failure(description: "lost the pipe to Chromium") }
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = read(fromBrowser, &chunk, chunk.count)
            if count <= 0 { throw Failure(description: "Chromium exited unexpectedly") }
            buffer.append(contentsOf: chunk[..<count])
        }
    }
}

import ArgumentParser
import Foundation

/// `bantin serve` is the `bantin-serve` program beside this one, run in this process's place
/// with the same arguments (its options, help and errors are its own). The preview server's
/// HTTP library brings Foundation's URL loading and libcurl, 25 shared libraries no other
/// command needs: without them `bantin build` starts in 6 ms instead of 10, and the program
/// that builds sites links no network client at all.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, serve public/ on http://127.0.0.1:PORT/, rebuild on every change and reload open pages.",
        discussion: "Runs bantin-serve, installed beside bantin; `bantin serve --help` shows its options.")

    @Argument(parsing: .captureForPassthrough, help: "--site DIR, --port PORT, --host ADDRESS")
    var arguments: [String] = []

    func run() throws {
        let helper = Self.helperPath()
        guard access(helper, X_OK) == 0 else {
            throw ValidationError("bantin serve needs bantin-serve beside bantin, at \(helper): build it with `make release` (or `swift build --product bantin-serve`)")
        }
        let argv = ([helper] + arguments).map { strdup($0) } + [nil]
        execv(helper, argv)
        throw ValidationError("cannot run \(helper): \(String(cString: strerror(errno)))")
    }

    /// The folder this binary is in, as the kernel knows it (not as it was typed, which may be a
    /// name found on PATH or a symlink).
    static func helperPath() -> String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appending(path: "bantin-serve").path
    }
}

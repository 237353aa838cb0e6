import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders recursively with inotify and reports bursts of changes once: an editor's
/// save (write a temporary file, rename it over) arrives as one batch.
final class Watcher: @unchecked Sendable {
    private let fd: Int32
    private var watches: [Int32: String] = [:]
    private let lock = NSLock()

    init(folders: [URL]) throws {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw NSError(domain: "bantin.watch", code: Int(errno)) }
        for folder in folders where FileManager.default.fileExists(atPath: folder.path) { addRecursively(folder.path) }
    }

    deinit { close(fd) }

    private static let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB)

    private func addRecursively(_ path: String) {
        let wd = inotify_add_watch(fd, path, Self.mask)
        if wd >= 0 { lock.withLock { watches[wd] = path } }
        // inotify is not recursive: every subfolder needs its own watch (new ones are added as they appear).
        if let children = try? FileManager.default.contentsOfDirectory(atPath: path) {
            for child in children.sorted() {
                var isFolder: ObjCBool = false
                let full = path + "/" + child
                if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), isFolder.boolValue, !child.hasPrefix(".") {
                    addRecursively(full)
                }
            }
        }
    }

    /// Blocks until something changes, then waits `quiet` seconds of calm and returns the paths touched.
    func next(quiet: TimeInterval = 0.05, stop: () -> Bool) -> [String] {
        var changed: [String] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !stop() {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let timeout = changed.isEmpty ? 250 : Int32(quiet * 1000)
            let ready = poll(&poller, 1, timeout)
            if ready <= 0 {
                if !changed.isEmpty { return changed }
                continue
            }
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else { continue }
            var offset = 0
            // struct inotify_event: wd, mask, cookie, len, then `len` bytes of name (Swift cannot see the flexible array).
            while offset + 16 <= count {
                let wd = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset, as: Int32.self) }
                let mask = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 4, as: UInt32.self) }
                let length = Int(buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 12, as: UInt32.self) })
                let nameBytes = buffer[(offset + 16)..<min(offset + 16 + length, count)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                let folder = lock.withLock { watches[wd] } ?? ""
                let path = name.isEmpty ? folder : folder + "/" + name
                if !name.hasPrefix("."), !name.hasSuffix("~"), !name.hasSuffix(".swp") { changed.append(path) }
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addRecursively(path) }
                offset += 16 + length
            }
        }
        return changed
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders of a site recursively with inotify and reports bursts of changes once: an
/// editor's save (write a temporary file, rename it over) arrives as one batch.
final class Watcher: @unchecked Sendable {
    private let fd: Int32
    private var watches: [Int32: String] = [:]
    private let lock = NSLock()
    private let root: String
    private let folders: Set<String>
    /// The site folder itself, watched only for one of `folders` appearing: `templates/` is
    /// optional and is often made while the server runs. Everything else there (public/, the
    /// build cache) changes with every build and must not start another.
    private let rootWatch: Int32

    init(root: URL, folders: [String]) throws {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw NSError(domain: "bantin.watch", code: Int(errno)) }
        self.root = root.path
        self.folders = Set(folders)
        rootWatch = inotify_add_watch(fd, self.root, UInt32(IN_CREATE | IN_MOVED_TO | IN_ONLYDIR))
        for folder in folders where FileManager.default.fileExists(atPath: self.root + "/" + folder) { addRecursively(self.root + "/" + folder) }
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
                offset += 16 + length
                let isNewFolder = mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0
                if wd == rootWatch {
                    if isNewFolder, folders.contains(name) {
                        addRecursively(root + "/" + name)
                        changed.append(root + "/" + name)
                    }
                    continue
                }
                let folder = lock.withLock { watches[wd] } ?? ""
                let path = name.isEmpty ? folder : folder + "/" + name
                if !name.hasPrefix("."), !name.hasSuffix("~"), !name.hasSuffix(".swp") { changed.append(path) }
                if isNewFolder { addRecursively(path) }
            }
        }
        return changed
    }
}

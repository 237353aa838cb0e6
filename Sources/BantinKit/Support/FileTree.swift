import Foundation

/// Folders made and deleted with plain system calls: a build links or writes each of the output's
/// 20,000 files and deletes the last output whole, where FileManager builds URLs and stats every
/// step.
enum FileTree {
    /// Makes the folder and any missing parents; true when it is there afterwards.
    @discardableResult
    static func makeFolder(_ path: String) -> Bool {
        if mkdir(path, 0o777) == 0 || errno == EEXIST { return true }
        return errno == ENOENT && makeFolder(holding: path) && (mkdir(path, 0o777) == 0 || errno == EEXIST)
    }

    /// Makes the folder `path` is in.
    @discardableResult
    static func makeFolder(holding path: String) -> Bool {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), slash > path.utf8.startIndex else { return false }
        return makeFolder(String(path[..<slash]))
    }

    /// Deletes a folder and everything in it. A big folder's entries are split over every core;
    /// whatever this cannot delete is left to FileManager, which says no more either.
    static func remove(_ path: String) {
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else {
            if errno == ENOTDIR || errno == ELOOP { unlink(path) }
            return
        }
        let emptied = empty(folder, parallel: true)
        close(folder)
        if !emptied || rmdir(path) != 0 { try? FileManager.default.removeItem(atPath: path) }
    }

    /// An entry's name as readdir gave it (not necessarily UTF-8), NUL-terminated.
    private struct Entry: Sendable {
        let name: [CChar]
        let isFolder: Bool
    }

    /// Deletes what the open folder holds; false if anything is left.
    private static func empty(_ folder: Int32, parallel: Bool) -> Bool {
        let entries = list(folder)
        // One split per tree, at its first big folder (a section of 10,000 pages): nested
        // concurrentPerform runs serially. Asked only then: the count is read from cgroup files.
        let lanes = parallel && entries.count >= 64 ? ProcessInfo.processInfo.activeProcessorCount : 1
        guard lanes > 1 else {
            return entries.reduce(true) { delete($1, in: folder, parallel: parallel) && $0 }
        }
        let share = (entries.count + lanes - 1) / lanes
        return stride(from: 0, to: entries.count, by: share).map { Array(entries[$0..<min($0 + share, entries.count)]) }
            .concurrentMap { part in part.reduce(true) { delete($1, in: folder, parallel: false) && $0 } }
            .allSatisfy { $0 }
    }

    private static func delete(_ entry: Entry, in folder: Int32, parallel: Bool) -> Bool {
        guard entry.isFolder else { return unlinkat(folder, entry.name, 0) == 0 }
        let inner = openat(folder, entry.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard inner >= 0 else { return false }
        let emptied = empty(inner, parallel: parallel)
        close(inner)
        return emptied && unlinkat(folder, entry.name, AT_REMOVEDIR) == 0
    }

    private static func list(_ folder: Int32) -> [Entry] {
        // closedir closes the descriptor it was given: it gets a copy.
        let copy = dup(folder)
        guard copy >= 0 else { return [] }
        guard let stream = fdopendir(copy) else {
            close(copy)
            return []
        }
        defer { closedir(stream) }
        var entries: [Entry] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                raw.prefix { $0 != 0 }.map { CChar(bitPattern: $0) } + [0]
            }
            if name == [0x2E, 0] || name == [0x2E, 0x2E, 0] { continue }
            var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                var info = stat()
                isFolder = fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            entries.append(Entry(name: name, isFolder: isFolder))
        }
        return entries
    }
}

import Foundation

/// Folders made with plain system calls: a build links or writes each of the output's 20,000
/// files, where FileManager builds URLs and stats every step.
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
}

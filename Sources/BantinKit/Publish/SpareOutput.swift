import Foundation

/// The output folder a build replaced, kept in the build cache's folder instead of deleted, to be
/// the next build's staging folder. After one edit at 10,000 pages, hard-linking 20,000 unchanged
/// files into 10,000 new folders and then deleting the old output's 20,000 was half the rebuild;
/// from the spare, a build touches only the files that differ.
///
/// Its files share inodes with the live output's. That is safe because nothing writes into a file
/// that is already in a staging folder: every write makes a new file (`AppendingFile`), and every
/// link first unlinks what is there (`StagingOutput.link`).
struct SpareOutput: Sendable {
    static let folderName = "spare"
    static let listName = "spare.bin"
    static let format = 1

    /// The folder's device and inode when it was kept: the list is used with that folder only.
    let identity: String
    /// The identity of the output folder that replaced it: only a build replacing that folder in
    /// turn may take it, as `shared` describes the two.
    let live: String
    /// Every file in it, as the build that made it wrote them.
    let files: [String]
    /// The files that are the very file (a hard link) at the same path in `live`.
    let shared: Set<String>

    static func folder(in cacheFolder: URL) -> String { cacheFolder.appending(path: folderName).path }

    /// The spare of this cache folder, if its list describes the folder that is there.
    static func load(from cacheFolder: URL) -> SpareOutput? {
        guard let data = FileManager.default.contents(atPath: cacheFolder.appending(path: listName).path),
              let spare = try? SpareOutput(reading: [UInt8](data)),
              BuildCache.identity(of: URL(fileURLWithPath: folder(in: cacheFolder))) == spare.identity else { return nil }
        return spare
    }

    /// Moves `oldSite` (the folder the build just replaced; its files are `files`, of which
    /// `shared` are also in the new output `live`) into the cache folder as its spare. False when
    /// it cannot be (another file system): the caller deletes it then.
    static func keep(_ oldSite: String, files: [String], shared: Set<String>, live: String, in cacheFolder: URL) -> Bool {
        let list = cacheFolder.appending(path: listName), target = folder(in: cacheFolder)
        // A list is never left beside a folder it does not describe (its identity would not match
        // either, but a folder's inode can be used again once it is deleted).
        unlink(list.path)
        var info = stat()
        guard lstat(oldSite, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return false }
        if rename(oldSite, target) != 0 {
            guard errno == EEXIST || errno == ENOTEMPTY else { return false }
            FileTree.remove(target)
            guard rename(oldSite, target) == 0 else { return false }
        }
        guard let identity = BuildCache.identity(of: URL(fileURLWithPath: target)) else { return false }
        let spare = SpareOutput(identity: identity, live: live, files: files, shared: shared)
        do {
            try Data(spare.written).write(to: list, options: .atomic)
        } catch {
            FileTree.remove(target)
            return false
        }
        return true
    }

    /// Deletes the spare of this cache folder: one that no build can take (the output it was kept
    /// for was replaced or deleted since).
    static func discard(in cacheFolder: URL) {
        unlink(cacheFolder.appending(path: listName).path)
        FileTree.remove(folder(in: cacheFolder))
    }

    private var written: [UInt8] {
        var writer = CacheWriter()
        writer.int(Self.format)
        writer.string(identity)
        writer.string(live)
        writer.list(files) { $0.string($1); $0.bool(shared.contains($1)) }
        return writer.bytes
    }

    private init(identity: String, live: String, files: [String], shared: Set<String>) {
        (self.identity, self.live, self.files, self.shared) = (identity, live, files, shared)
    }

    private init(reading bytes: [UInt8]) throws {
        var reader = CacheReader(bytes)
        guard try reader.int() == Self.format else { throw CacheReader.Malformed() }
        identity = try reader.string()
        live = try reader.string()
        var shared = Set<String>()
        files = try reader.list { reader in
            let path = try reader.string()
            if try reader.bool() { shared.insert(path) }
            return path
        }
        self.shared = shared
        guard reader.atEnd else { throw CacheReader.Malformed() }
    }
}

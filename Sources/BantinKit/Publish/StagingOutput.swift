import CAtomicSwap
import Foundation

/// The output is written to a fresh folder beside the destination and swapped in only when the
/// whole build succeeded, so a failed build leaves the published site exactly as it was.
struct StagingOutput: Sendable {
    /// Left in every output folder, so a later build knows it may replace the folder.
    static let marker = ".bantin-output"

    let destination: URL
    let staging: URL
    /// Every file put into the staging folder so far (`write`, `link`, `adopt`), so the bundles
    /// need not list its 20,000 files again: on a rebuild after one edit that took a tenth of a second.
    let written = PathList()
    /// The files linked from the live output, and those replaced after being linked (`replaced`).
    private let linkedFromLive = PathList(), replacedAfterLink = PathList()
    /// `staging.path`, which URL would build again for each of 20,000 files.
    private let stagingPath: String
    /// `destination.path`: links from there are links to the live output.
    private let livePath: String
    /// The spare's list, when the staging folder is the spare taken instead of a folder made empty.
    private let recycled: SpareOutput?
    /// What `sweep` deleted of it: a PDF linked after the sweep (the prints come after it) is
    /// linked again, not taken to be there still.
    private let swept = PathList()

    /// `spare`: the last output replaced, to be recycled as the staging folder (at `folder`).
    init(destination: URL, spare: (list: SpareOutput, folder: String)? = nil) throws {
        self.destination = destination.standardizedFileURL
        livePath = self.destination.path
        let parent = self.destination.deletingLastPathComponent()
        try Self.refuseUnreplaceable(self.destination)
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        staging = parent.appending(path: ".\(self.destination.lastPathComponent).staging-\(ProcessInfo.processInfo.processIdentifier)")
        stagingPath = staging.path
        FileTree.remove(stagingPath)
        if let spare, rename(spare.folder, stagingPath) == 0 {
            recycled = spare.list
            unlink(stagingPath + "/" + Self.marker)   // rewritten below, as a new file
        } else {
            recycled = nil
            if let spare { FileTree.remove(spare.folder) }
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        }
        try Data("Made by bantin. This folder is replaced whole on every build: keep nothing of your own here.\n".utf8)
            .write(to: staging.appending(path: Self.marker))
    }

    /// Said before any work is done: the swap at the end could never succeed on a read-only file
    /// system or over a mount point (a rename cannot move one), and would fail only after the build.
    static func refuseUnreplaceable(_ destination: URL) throws {
        var folder = stat(), parent = stat(), files = statvfs()
        // A symlinked output is fine: the swap renames the link itself, beside it.
        guard lstat(destination.path, &folder) == 0, folder.st_mode & S_IFMT != S_IFLNK else { return }
        if statvfs(destination.path, &files) == 0, files.f_flag & UInt(ST_RDONLY) != 0 {
            throw WriteFailure("\(destination.path) is on a read-only file system")
        }
        if stat(destination.deletingLastPathComponent().path, &parent) == 0, parent.st_dev != folder.st_dev {
            throw mountPoint(destination)
        }
    }

    static func mountPoint(_ destination: URL) -> WriteFailure {
        WriteFailure("\(destination.path) is a mount point, which cannot be swapped for the new site; build into a folder inside it")
    }

    /// Safe to call from several render workers at once: each writes its own file. Never writes
    /// through a hard link into the last build's output: a page linked from it and then rendered
    /// after all (its fragment could not be linked) gets a file of its own.
    func write(_ data: some ContiguousBytes, to path: String) throws {
        let file = stagingPath + "/" + path
        // The folder is made when the file cannot be: most files go into a folder made already.
        do {
            try AppendingFile.write(data, to: file)
        } catch let failure as WriteFailure where failure.code == ENOENT {
            FileTree.makeFolder(holding: file)
            try AppendingFile.write(data, to: file)
        }
        written.add(path)
    }

    /// `write`, or a hard link to the last build's copy of the file when it holds exactly these
    /// bytes (`old`: that build's output, when the build cache vouches for it); true when linked.
    /// An edit leaves the feed and all but one part of the search index as they were: a link is
    /// not written again, nor read and hashed again by each zip that holds it.
    func write(_ data: Data, to path: String, orLinkFrom old: URL?) throws -> Bool {
        if let old, let file = ReadOnlyFile(url: old.appending(path: path)), file.size == data.count,
           file.read(at: 0, count: data.count) == data, link(path, from: old) { return true }
        try write(data, to: path)
        return false
    }

    /// Puts the old output's copy of a file into the new one as a hard link (a copy across file
    /// systems). Linked files are never written again: every write makes a new file.
    func link(_ path: String, from old: URL) -> Bool {
        link(path, fromFolder: old.standardizedFileURL.path)
    }

    /// `link`, from the old output's path (URL.path builds a new string on every call: this runs
    /// for each of 20,000 files). `ownFolder`: the file is alone in a folder of its own that this
    /// build has not made yet (an article's `<section>/<slug>/index.html`), so the folder is made
    /// first instead of after a link that fails, one system call fewer for each of 10,000 pages.
    func link(_ path: String, fromFolder old: String, ownFolder: Bool = false) -> Bool {
        let fromLive = old == livePath
        // A recycled staging folder holds most files already, as the very file of the live output.
        if fromLive, recycled?.shared.contains(path) == true, !swept.contains(path) {
            written.add(path)
            linkedFromLive.add(path)
            return true
        }
        let source = old + "/" + path, target = stagingPath + "/" + path
        if ownFolder, recycled == nil { FileTree.makeFolder(holding: target) }
        // What a recycled folder holds at the path is another file: unlinked, never written into.
        let linked = Glibc.link(source, target) == 0
            || errno == EEXIST && unlink(target) == 0 && Glibc.link(source, target) == 0
            || errno == ENOENT && FileTree.makeFolder(holding: target) && Glibc.link(source, target) == 0
        guard linked || (try? FileManager.default.copyItem(atPath: source, toPath: target)) != nil else { return false }
        written.add(path)
        if linked, fromLive { linkedFromLive.add(path) }
        return true
    }

    /// Deletes what the recycled folder held that this build did not put back (the pages of
    /// articles deleted since, the last build's zips) and the folders left empty. Called once every
    /// page and site file is in place, before the prints and the bundles, which list the folder.
    func sweep() {
        guard let recycled else { return }
        let kept = written.all
        var folders = Set<Substring>()
        for path in recycled.files where !kept.contains(path) {
            unlink(stagingPath + "/" + path)
            swept.add(path)
            var folder = path[...]
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard folders.insert(folder).inserted else { break }
            }
        }
        // The deepest first; a folder that still holds something stays.
        for folder in folders.sorted(by: { $0.utf8.count > $1.utf8.count }) { rmdir(stagingPath + "/" + folder) }
    }

    /// Notes files that were linked and then replaced by a writer other than this one (a print
    /// layout whose table of contents is filled in after Chromium's first pass).
    func replaced(_ paths: some Sequence<String>) {
        for path in paths { replacedAfterLink.add(path) }
    }

    /// The files that are the live output's very file (a hard link) at the same path: when the
    /// live output becomes the spare (`SpareOutput`), the files the next build need not touch.
    var sharedWithLive: Set<String> { linkedFromLive.all.subtracting(replacedAfterLink.all) }

    /// Notes the files of `paths` that another program (Chromium) wrote into the staging folder.
    func adopt(_ paths: some Sequence<String>) {
        for path in paths where access(stagingPath + "/" + path, F_OK) == 0 { written.add(path) }
    }

    /// Paths noted by any number of writers at once.
    final class PathList: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: [String] = []
        /// `paths` as a set, made when first asked after a change.
        private var known: Set<String>?

        func add(_ path: String) {
            lock.withLock {
                paths.append(path)
                known = nil
            }
        }

        var all: Set<String> { lock.withLock { asSet() } }

        func contains(_ path: String) -> Bool { lock.withLock { !paths.isEmpty && asSet().contains(path) } }

        private func asSet() -> Set<String> {
            if let known { return known }
            let made = Set(paths)
            known = made
            return made
        }
    }

    func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Replaces the destination with the staged tree. On Linux the two folders are exchanged in one
    /// atomic rename, so a reader — or a kill at any instant — sees the old site or the new one,
    /// never a mix and never none. Returns the folder now holding the old site, for the caller to
    /// delete (`FileTree.remove`) while it does other work: deleting 20,000 files took a core for
    /// a fifth of a second, and a killed build's leftover is found by `removeLeftovers`.
    func commit() throws -> String? {
        let fm = FileManager.default
        guard fm.fileExists(atPath: destination.path) else {
            try fm.moveItem(at: staging, to: destination)
            return nil
        }
        if bantin_exchange_paths(staging.path, destination.path) == 0 {
            return stagingPath   // now holds the old site
        }
        let exchangeFailure = errno
        if exchangeFailure == EBUSY { throw Self.mountPoint(destination) }   // a bind mount of the same file system
        guard exchangeFailure == ENOSYS || exchangeFailure == EINVAL else { throw WriteFailure(errno: exchangeFailure) }
        // No RENAME_EXCHANGE (another OS or file system): two renames, old tree moved aside first.
        let old = staging.deletingLastPathComponent().appending(path: ".\(destination.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        FileTree.remove(old.path)
        try fm.moveItem(at: destination, to: old)
        do {
            try fm.moveItem(at: staging, to: destination)
        } catch {
            try? fm.moveItem(at: old, to: destination)
            throw error
        }
        return old.path
    }

    /// Staging and old folders left by builds that were killed (their process is gone).
    static func removeLeftovers(beside destination: URL) {
        let fm = FileManager.default
        let parent = destination.standardizedFileURL.deletingLastPathComponent()
        let name = destination.standardizedFileURL.lastPathComponent
        for entry in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] {
            for kind in [".staging-", ".old-"] where entry.hasPrefix(".\(name)\(kind)") {
                if let pid = Int32(entry.dropFirst(".\(name)\(kind)".count)), kill(pid, 0) != 0 || pid == getpid() {
                    FileTree.remove(parent.appending(path: entry).path)
                }
            }
        }
    }

    func discard() {
        FileTree.remove(stagingPath)
    }
}

import CAtomicSwap
import Foundation

/// A new file written front to back through a buffer, with runs of another file copied in by the
/// kernel: a zip rebuilt after a one-page edit is a few new entries among long runs of the last
/// build's zip, 100 MB at 10,000 pages.
final class AppendingFile {
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private static let flushAt = 1 << 20

    init(creating url: URL) throws {
        descriptor = try Self.create(url.path)
    }

    deinit { if descriptor >= 0 { Glibc.close(descriptor) } }

    func append(_ bytes: some Collection<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushAt { try flush() }
    }

    /// Appends bytes `range` of `source`: with copy_file_range(2), which on a file system that
    /// shares blocks (Btrfs, XFS) copies nothing at all, else by read and write.
    func append(_ range: Range<Int>, of source: ReadOnlyFile) throws {
        let changed = WriteFailure("a copied file changed while it was read")
        guard range.lowerBound >= 0, range.upperBound <= source.size else { throw changed }
        try flush()
        var from = off_t(range.lowerBound)
        var inKernel = true
        while from < range.upperBound {
            if inKernel {
                let copied = bantin_copy_range(source.descriptor, &from, descriptor, range.upperBound - Int(from))
                if copied > 0 || copied < 0 && errno == EINTR { continue }
                guard copied < 0, [EXDEV, ENOSYS, EINVAL, EOPNOTSUPP].contains(errno) else {
                    throw copied == 0 ? changed : WriteFailure(errno: errno)
                }
                inKernel = false
            }
            // Not between these two files (another file system, an old kernel): through memory.
            let piece = min(Self.flushAt, range.upperBound - Int(from))
            guard let bytes = source.bytes(at: Int(from), count: piece) else { throw changed }
            try bytes.withUnsafeBytes { try Self.write($0, to: descriptor) }
            from += off_t(piece)
        }
    }

    func close() throws {
        try flush()
        let closed = Glibc.close(descriptor)
        descriptor = -1
        guard closed == 0 else { throw WriteFailure(errno: errno) }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { try Self.write($0, to: descriptor) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes a whole file, without a buffer.
    static func write(_ data: some ContiguousBytes, to path: String) throws {
        let descriptor = try create(path)
        do {
            try data.withUnsafeBytes { try write($0, to: descriptor) }
        } catch {
            Glibc.close(descriptor)
            throw error
        }
        guard Glibc.close(descriptor) == 0 else { throw WriteFailure(errno: errno) }
    }

    /// A new file, never one the last build's output shares by a hard link. What is at the path
    /// is unlinked only when something is there: in a fresh staging folder nothing ever is, and
    /// an unlink before every one of 20,000 files was a wasted system call each.
    private static func create(_ path: String) throws -> Int32 {
        var descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if descriptor < 0, errno == EEXIST {
            unlink(path)
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        }
        guard descriptor >= 0 else { throw WriteFailure(errno: errno) }
        return descriptor
    }

    private static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws {
        var done = 0
        while done < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw WriteFailure(errno: written < 0 ? errno : EIO) }
            done += written
        }
    }
}

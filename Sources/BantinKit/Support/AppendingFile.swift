import CAtomicSwap
import Foundation

/// A new file written front to back through a buffer, with runs of another file copied in by the
/// kernel: a zip rebuilt after a one-page edit is a few new entries among long runs of the last
/// build's zip, 100 MB at 10,000 pages.
///
/// The writes and copies happen on a thread of their own, in order, while the caller goes on
/// making what comes next (that zip's last long copy took as long as everything before it). A
/// failure to write is reported by `close`.
final class AppendingFile: @unchecked Sendable {
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private static let flushAt = 1 << 20
    private let writer = DispatchQueue(label: "bantin.appending-file")
    /// The first write that failed; read and written only on `writer`.
    private var failure: (any Error)?

    init(creating url: URL) throws {
        descriptor = try Self.create(url.path)
        buffer.reserveCapacity(Self.flushAt)
    }

    deinit {
        writer.sync {}
        if descriptor >= 0 { Glibc.close(descriptor) }
    }

    func append(_ bytes: some Collection<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushAt { flush() }
    }

    /// Appends bytes `range` of `source`: with copy_file_range(2), which on a file system that
    /// shares blocks (Btrfs, XFS) copies nothing at all, else by read and write.
    func append(_ range: Range<Int>, of source: ReadOnlyFile) throws {
        guard range.lowerBound >= 0, range.upperBound <= source.size else { throw Self.changed }
        flush()
        let descriptor = descriptor
        writer.async { [self] in
            guard failure == nil else { return }
            do { try Self.copy(range, of: source, to: descriptor) } catch { failure = error }
        }
    }

    func close() throws {
        flush()
        let failed = writer.sync { failure }
        let closed = Glibc.close(descriptor)
        descriptor = -1
        if let failed { throw failed }
        guard closed == 0 else { throw WriteFailure(errno: errno) }
    }

    /// Hands the buffer to the writing thread.
    private func flush() {
        guard !buffer.isEmpty else { return }
        let bytes = buffer, descriptor = descriptor
        buffer = []
        buffer.reserveCapacity(Self.flushAt)
        writer.async { [self] in
            guard failure == nil else { return }
            do { try bytes.withUnsafeBytes { try Self.write($0, to: descriptor) } } catch { failure = error }
        }
    }

    private static let changed = WriteFailure("a copied file changed while it was read")

    private static func copy(_ range: Range<Int>, of source: ReadOnlyFile, to descriptor: Int32) throws {
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
            let piece = min(flushAt, range.upperBound - Int(from))
            guard let bytes = source.bytes(at: Int(from), count: piece) else { throw changed }
            try bytes.withUnsafeBytes { try write($0, to: descriptor) }
            from += off_t(piece)
        }
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

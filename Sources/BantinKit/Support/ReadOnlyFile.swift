import Foundation

/// A file read at offsets with pread(2), from any thread: it has no shared position.
final class ReadOnlyFile: @unchecked Sendable {
    private let descriptor: Int32
    let size: Int

    init?(url: URL) {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { close(descriptor); return nil }
        self.descriptor = descriptor
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Exactly `count` bytes at `offset`, or nil.
    func read(at offset: Int, count: Int) -> Data? {
        guard offset >= 0, count >= 0, offset + count <= size else { return nil }
        var data = Data(count: count)
        var done = 0
        while done < count {
            let read = data.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            guard read > 0 else { return nil }
            done += read
        }
        return data
    }
}

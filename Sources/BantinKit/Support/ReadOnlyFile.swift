import Foundation

/// A file read at offsets with pread(2), from any thread: it has no shared position.
final class ReadOnlyFile: @unchecked Sendable {
    let descriptor: Int32
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
        return data.withUnsafeMutableBytes { fill($0, from: offset) } ? data : nil
    }

    /// `read`, as bytes to parse.
    func bytes(at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0, offset + count <= size else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        return bytes.withUnsafeMutableBytes { fill($0, from: offset) } ? bytes : nil
    }

    private func fill(_ buffer: UnsafeMutableRawBufferPointer, from offset: Int) -> Bool {
        var done = 0
        while done < buffer.count {
            let read = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { return false }
            done += read
        }
        return true
    }
}

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

/// A whole file mapped read-only. `data(at:count:)` hands out bytes of the map without copying
/// them; each such Data keeps the map alive, and the last one to go unmaps it.
///
/// Only for files this program replaces by renaming a new file over them (the build cache's):
/// a file cut shorter in place while mapped would fault on the bytes that are gone.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    init?(url: URL) {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }   // the map outlives the descriptor
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        // Populated at once: nearly every page is read (every record's header, and after an edit
        // nearly every entry), and faulting them in one by one costs more than one call.
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0), base != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }

    var size: Int { bytes.count }

    /// Exactly `count` bytes at `offset`, or nil; not copied.
    func data(at offset: Int, count: Int) -> Data? {
        guard offset >= 0, count >= 0, offset <= size - count else { return nil }
        guard count > 0, let base = bytes.baseAddress else { return Data() }
        return Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base + offset), count: count,
                    deallocator: .custom { _, _ in withExtendedLifetime(self) {} })
    }
}

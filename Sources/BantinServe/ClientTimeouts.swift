import FlyingSocks
import Foundation

/// FlyingFox's `timeout` bounds a request handler, not a client: an idle keep-alive socket, or a
/// request sent a byte at a time and never finished (slowloris), kept its connection open for good.
/// Every wait on a client socket goes through this pool, which gives up after `idle` seconds without
/// the client sending or taking a byte, and on a connection older than `lifetime` at its next wait
/// for the client; FlyingFox then closes it. Only the listening socket waits as long as it likes.
struct ClientTimeouts<Pool: AsyncSocketPool>: AsyncSocketPool {
    let pool: Pool
    let idle: TimeInterval
    let lifetime: TimeInterval
    private let births = Births()

    init(_ pool: Pool, idle: TimeInterval, lifetime: TimeInterval) {
        self.pool = pool
        self.idle = idle
        self.lifetime = lifetime
    }

    func prepare() async throws { try await pool.prepare() }
    func run() async throws { try await pool.run() }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        let fd = socket.file.rawValue
        if Self.isListening(fd) { return try await pool.suspendSocket(socket, untilReadyFor: events) }
        let limit = events.contains(.read) ? min(idle, lifetime - births.age(of: fd)) : idle
        guard limit > 0 else { throw SocketError.timeout(message: "connection older than \(lifetime) s") }
        let ready = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask { try await pool.suspendSocket(socket, untilReadyFor: events); return true }
            group.addTask { try await Task.sleep(nanoseconds: UInt64(limit * 1_000_000_000)); return false }
            defer { group.cancelAll() }
            return try await group.next() ?? false
        }
        if !ready { throw SocketError.timeout(message: "client silent for \(limit) s") }
    }

    private static func isListening(_ fd: Int32) -> Bool {
        var listening: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) == 0 && listening != 0
    }

    /// When each connection was first seen waiting. A socket is known by its descriptor and inode:
    /// descriptors are reused as soon as a connection closes, inodes are not.
    private final class Births: @unchecked Sendable {
        private struct Key: Hashable { let fd: Int32; let inode: UInt }
        private let lock = NSLock()
        private var seen: [Key: Date] = [:]

        func age(of fd: Int32) -> TimeInterval {
            var info = stat()
            guard fstat(fd, &info) == 0 else { return 0 }
            let key = Key(fd: fd, inode: UInt(info.st_ino))
            let now = Date()
            return lock.withLock {
                if seen.count > 1024 { forgetClosed() }
                if seen[key] == nil { seen[key] = now }
                return now.timeIntervalSince(seen[key]!)
            }
        }

        /// Entries whose descriptor is closed or now holds another socket.
        private func forgetClosed() {
            seen = seen.filter { key, _ in
                var info = stat()
                return fstat(key.fd, &info) == 0 && UInt(info.st_ino) == key.inode
            }
        }
    }
}

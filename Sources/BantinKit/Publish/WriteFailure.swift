import Foundation

/// Why writing the output failed, in words a clerk can act on. Foundation reports a full disk as
/// "The operation could not be completed" or a dump of nested NSErrors, and ZIPFoundation as
/// "unwritableFile"; the POSIX cause inside ("No space left on device", "Read-only file system")
/// is what tells them to free space or pick another folder.
struct WriteFailure: Error, CustomStringConvertible {
    let description: String
    /// The errno it came from, for callers that can fix the cause (a missing folder) and retry.
    var code: Int32?

    init(_ description: String) { self.description = description }

    init(errno code: Int32) {
        description = String(cString: strerror(code))
        self.code = code
    }

    /// The POSIX cause of `error` when it carries one; a full disk when the folder's file system has
    /// no room left and the error does not say; else the error's own description.
    static func reason(_ error: Error, writingUnder folder: URL) -> String {
        if let failure = error as? WriteFailure { return failure.description }
        var next: NSError? = error as NSError
        while let current = next {
            if current.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(current.code))) }
            next = current.userInfo[NSUnderlyingErrorKey] as? NSError
        }
        var stats = statvfs()
        if statvfs(folder.path, &stats) == 0, UInt64(stats.f_bavail) * UInt64(stats.f_bsize) < 64 * 1024 {
            return String(cString: strerror(ENOSPC))
        }
        return error.localizedDescription
    }
}

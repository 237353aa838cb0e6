import Foundation

/// A value worked out the first time it is asked for, by whichever thread asks first (others
/// asking meanwhile wait for it), then kept: set-up that only some builds need, such as the
/// tallies a rebuild after one edit never shows.
final class Once<Value: Sendable>: @unchecked Sendable {
    // NSLock rather than Synchronization's Mutex: the thread sanitizer sees it.
    private let lock = NSLock()
    private var made: Value?
    private var make: (@Sendable () -> Value)?

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }
    init(value: Value) { made = value }

    var value: Value {
        lock.withLock {
            if let made { return made }
            let value = make!()
            (made, make) = (value, nil)
            return value
        }
    }
}

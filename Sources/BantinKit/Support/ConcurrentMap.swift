import Foundation
import Synchronization

extension Array where Element: Sendable {
    /// `map` on every core, results in the order of the input, so the output and the order of
    /// diagnostics do not depend on which worker finished first.
    func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let slots = Slots<Result>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in slots.set(index, transform(self[index])) }
        return slots.values()
    }

    /// `map` on every core for work that needs state of its own on each worker (a compressor, a
    /// renderer): one worker per core, each making its state once (given its number, from 0) and
    /// taking the next element as it is free, so one given the big elements does not keep the
    /// others waiting. Results in order.
    func concurrentMap<State, Result: Sendable>(workerState: @Sendable (_ worker: Int) -> State,
                                                _ transform: @Sendable (inout State, Element) -> Result) -> [Result] {
        let slots = Slots<Result>(count: count)
        let next = Atomic<Int>(0)
        let workers = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var state = workerState(worker)
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { break }
                slots.set(index, transform(&state, self[index]))
            }
        }
        return slots.values()
    }
}

/// Two pieces of work at once, one per core: the set-up steps of a rebuild that has little else to do.
/// Work that itself maps on every core belongs beside a `Background` instead: nested in this, its
/// concurrentMap runs on one core (loading a full build was a third slower for it).
func inParallel<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
    let a = Slots<A>(count: 1), b = Slots<B>(count: 1)
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 { a.set(0, first()) } else { b.set(0, second()) }
    }
    return (a.values()[0], b.values()[0])
}

/// One slot per index, each written by exactly one worker: disjoint writes into raw memory
/// need no lock (an Array would check its uniqueness on every write).
private final class Slots<Value>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Value?>
    private let count: Int
    init(count: Int) {
        self.count = count
        base = .allocate(capacity: Swift.max(count, 1))
        base.initialize(repeating: nil, count: count)
    }
    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
    func set(_ index: Int, _ value: Value) { base[index] = value }
    func values() -> [Value] { (0..<count).map { base[$0]! } }
}

/// Work begun on another thread at once, its result waited for where it is needed.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    // Written once by the work, read only after the group says it is done.
    private var result: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.group.leave()
        }
    }

    func value() -> Value {
        group.wait()
        return result!
    }
}

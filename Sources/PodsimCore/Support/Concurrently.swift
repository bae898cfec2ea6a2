import Dispatch
import Foundation

/// Two independent pieces of work on two cores, for the steps of opening a model that need
/// nothing of each other.
enum Concurrently {
    /// Runs `first` on a thread of its own and `second` on this one; returns both results when
    /// both are done, or throws the first's error, then the second's. A thread, not the global
    /// queue: a caller that is itself one of the queue's workers could otherwise wait on work the
    /// busy pool never starts.
    static func run<A, B>(_ first: @escaping () throws -> A, _ second: () throws -> B) throws -> (A, B) {
        let slot = Slot<A>()
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let first = first
        let thread = Thread {
            slot.result = Result { try first() }
            done.signal()
        }
        thread.start()
        let secondResult = Result { try second() }
        done.wait()
        // The semaphore orders the other thread's write of `slot` before this read.
        return (try slot.result!.get(), try secondResult.get())
    }

    private final class Slot<A>: @unchecked Sendable {
        // @unchecked: written by one thread before `done.signal()`, read by another after `wait()`.
        var result: Result<A, any Error>?
    }
}

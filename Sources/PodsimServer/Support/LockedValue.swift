import Foundation

/// A value shared between threads, guarded by a lock.
///
/// NIO's `NIOLockedValueBox` lives in NIOConcurrencyHelpers, which this target does not depend on;
/// this is the same idea over Foundation's `NSLock`. Critical sections must stay short and must
/// not block (no I/O, no model loads): event loops take these locks.
final class LockedValue<Value>: @unchecked Sendable {
    // @unchecked: every access to `value` goes through `lock`.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    /// A copy of the current value.
    var current: Value {
        withLock { $0 }
    }
}

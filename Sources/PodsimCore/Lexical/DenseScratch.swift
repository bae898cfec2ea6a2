#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A vocabulary-sized array of floats per thread, all zero between uses: the scattered side of
/// a sparse dot product with a long query (`LexicalRows.scores`).
///
/// Why per thread: a query writes its own terms into it and zeroes them again afterwards, so it
/// costs the query's length, not the vocabulary's — a fresh array would be 800 KB to allocate
/// and clear per query at the 200,000-term cap, and a shared one would need a lock.
final class DenseScratch {
    private var values: UnsafeMutablePointer<Float>
    private var capacity: Int
    private var inUse = false

    private init(capacity: Int) {
        self.capacity = capacity
        values = .allocate(capacity: capacity)
        values.initialize(repeating: 0, count: capacity)
    }

    deinit { values.deallocate() }

    /// Calls `body` with this thread's array of at least `count` zeros; `body` must leave every
    /// entry zero again. Not re-entrant on one thread (checked).
    static func withZeros<R>(count: Int, _ body: (UnsafeMutablePointer<Float>) throws -> R) rethrows -> R {
        let scratch: DenseScratch
        if let stored = pthread_getspecific(key) {
            scratch = Unmanaged<DenseScratch>.fromOpaque(stored).takeUnretainedValue()
        } else {
            scratch = DenseScratch(capacity: count)
            pthread_setspecific(key, Unmanaged.passRetained(scratch).toOpaque())
        }
        precondition(!scratch.inUse, "DenseScratch.withZeros is not re-entrant")
        if scratch.capacity < count {
            scratch.values.deallocate()
            scratch.values = .allocate(capacity: count)
            scratch.values.initialize(repeating: 0, count: count)
            scratch.capacity = count
        }
        scratch.inUse = true
        defer { scratch.inUse = false }
        return try body(scratch.values)
    }

    /// The key of each thread's scratch; a thread's scratch is released when the thread ends.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<DenseScratch>.fromOpaque(pointer).release() }
        }
        precondition(status == 0, "pthread_key_create failed: \(status)")
        return key
    }()
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The thread count of the BLAS that is loaded at run time.
///
/// podsim links the reference BLAS (`libblas-dev`); Debian's alternatives put OpenBLAS in its
/// place at run time when `libopenblas0-pthread` is installed. Only OpenBLAS has threads, and it
/// spins them while it waits for work, so a caller that knows its problem size (or wants one
/// thread, as `bench scan --threads 1`) sets the count here. The symbol is looked up, not linked:
/// with the reference BLAS there is none and this does nothing.
public enum BLASThreads {
    private typealias SetThreads = @convention(c) (Int32) -> Void
    private typealias GetThreads = @convention(c) () -> Int32

    /// True when the loaded BLAS lets podsim choose its threads (OpenBLAS).
    public static var isAdjustable: Bool { symbol("openblas_set_num_threads") != nil }

    /// The BLAS's current thread count, or nil when it has no notion of threads.
    public static var current: Int? {
        symbol("openblas_get_num_threads").map { Int(unsafeBitCast($0, to: GetThreads.self)()) }
    }

    /// Sets the BLAS's thread count (at least 1); does nothing with a BLAS without threads.
    public static func set(_ threads: Int) {
        guard let set = symbol("openblas_set_num_threads") else { return }
        unsafeBitCast(set, to: SetThreads.self)(Int32(clamping: max(1, threads)))
    }

    /// Runs `body` with the BLAS on `threads` threads, then restores the previous count.
    ///
    /// The count is global to the process, so two callers at once (two fits in one process, as
    /// the tests run them) would restore each other's count mid-way, and OpenBLAS gives different
    /// bits on 1 and 2 threads: callers take turns (a recursive lock, so a nested call is fine).
    public static func with<Result>(_ threads: Int, _ body: () throws -> Result) rethrows -> Result {
        guard let previous = current else { return try body() }
        turn.lock()
        defer { turn.unlock() }
        set(threads)
        defer { set(previous) }
        return try body()
    }

    private nonisolated(unsafe) static let turn = NSRecursiveLock()

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        #if os(Linux)
        dlsym(nil, name)  // RTLD_DEFAULT is ((void *) 0) on glibc
        #else
        dlsym(UnsafeMutableRawPointer(bitPattern: -2), name)  // RTLD_DEFAULT on Darwin
        #endif
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A model file served from its page-cache mapping, made safe by a read lease: the bytes of a
/// private copy without reading the file into fresh memory at open.
///
/// A mapping shares the file's pages, so a writer that rewrites the file in place (`cp` keeps the
/// inode) would change verified bytes under the server, and a `truncate` would turn the next read
/// past the new end into SIGBUS. A rename over the path (podsim's atomic write) is harmless: the
/// old inode stays mapped. A read lease (`fcntl(F_SETLEASE, F_RDLCK)`) covers the rest: the kernel
/// refuses it while anyone has the file open for writing, and once it is held, any `open` for
/// writing and any `truncate` of the file waits (up to `/proc/sys/fs/lease-break-time`, 45 s by
/// default) until the holder lets go. `LeaseKeeper` is told when that happens and calls
/// `detach()`, which copies the still-unchanged bytes into memory of the process's own, puts that
/// memory at the very same addresses (so every pointer into the model stays valid and sees the same
/// bytes), and only then releases the lease and lets the writer go on.
///
/// Where the lease cannot be taken (another owner without CAP_LEASE, a file open for writing,
/// a file system without leases such as NFS) `FileImage` reads a private copy as before.
final class LeasedFileMapping: @unchecked Sendable {
    // @unchecked: `lock` guards `fd`, `state` and `expected`; `base` and `count` never change.

    enum State: Equatable, Sendable {
        /// The file's pages, the lease held.
        case mapped
        /// Memory of our own at the same addresses; the lease released, the file closed.
        case privateCopy
        /// Unmapped: the image is gone.
        case released
    }

    let base: UnsafeMutableRawPointer
    let count: Int
    let path: String
    private let lock = NSLock()
    private var fd: Int32
    private var state_ = State.mapped
    /// Byte ranges and their XXH64, checked again over the copy `detach()` makes: if the kernel
    /// gave up waiting for us and let a writer through mid-copy, the copy would not match.
    private var expected: [(range: Range<Int>, checksum: UInt64)] = []

    /// Linux's `F_SETLEASE` and `F_GETLEASE` (fcntl.h defines them only under `_GNU_SOURCE`).
    static let setLease: Int32 = 1024
    static let getLease: Int32 = 1025

    /// Takes a read lease on `fd` (opened read-only) and maps `count` bytes of it; nil, with the
    /// descriptor left as it was, when the lease or the mapping cannot be had. On success the
    /// mapping owns `fd` and closes it.
    static func map(fd: Int32, count: Int, path: String) -> LeasedFileMapping? {
        guard count > 0, LeaseKeeper.shared.isRunning else { return nil }
        guard fcntl(fd, setLease, Int32(F_RDLCK)) == 0 else { return nil }
        guard let base = mmap(nil, count, PROT_READ, MAP_SHARED, fd, 0), base != MAP_FAILED else {
            _ = fcntl(fd, setLease, Int32(F_UNLCK))
            return nil
        }
        // Start reading a file that is not in the page cache in the background, ahead of the hashing.
        _ = madvise(base, count, MADV_WILLNEED)
        let mapping = LeasedFileMapping(base: base, count: count, fd: fd, path: path)
        LeaseKeeper.shared.register(mapping)
        return mapping
    }

    private init(base: UnsafeMutableRawPointer, count: Int, fd: Int32, path: String) {
        self.base = base
        self.count = count
        self.fd = fd
        self.path = path
    }

    var state: State { lock.withLock { state_ } }

    /// Records what `detach()` must find in its copy.
    func expect(_ ranges: [(range: Range<Int>, checksum: UInt64)]) {
        lock.withLock { expected = ranges }
    }

    /// Whether a writer is waiting on our lease (the kernel then reports the lease as being
    /// downgraded to nothing), or the lease is gone.
    var isLeaseBreaking: Bool {
        lock.withLock { state_ == .mapped && fcntl(fd, Self.getLease) != Int32(F_RDLCK) }
    }

    /// Copies the mapped bytes into memory of our own, at the same addresses, then releases the
    /// lease and the file. Readers on other threads see the same bytes throughout: the copy is made
    /// while the lease holds writers back, and the new memory replaces the mapping in one `mmap`.
    func detach() {
        lock.lock()
        defer { lock.unlock() }
        guard state_ == .mapped else { return }
        let copied = Self.copyOver(base, count: count)
        let released = fcntl(fd, Self.setLease, Int32(F_UNLCK))
        close(fd)
        fd = -1
        guard copied else {
            // No memory for a copy: what is mapped stays mapped, and a writer now changes it. The
            // served bytes could change or vanish (SIGBUS), which the server must not risk.
            fatalError("\(path): a writer is changing the served model file and there is no memory for a private copy of it (\(count) bytes)")
        }
        state_ = .privateCopy
        for (range, checksum) in expected {
            let computed = XXH64.hash(UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count))
            // Only if the kernel stopped waiting for us (lease-break-time) before the copy was done.
            guard computed == checksum else {
                fatalError("\(path): the model file changed while the server copied it out of the file (lease released: \(released == 0)); the served model is no longer the verified one")
            }
        }
    }

    /// Fills memory of our own (a `memfd`, which nobody else can open) with the `count` bytes at
    /// `base` and maps it over them with `MAP_FIXED`, which swaps the pages in one step.
    private static func copyOver(_ base: UnsafeMutableRawPointer, count: Int) -> Bool {
        let memory = memfdCreate("podsim-model", 1 /* MFD_CLOEXEC */)
        guard memory >= 0 else { return false }
        defer { close(memory) }
        guard ftruncate(memory, off_t(count)) == 0,
              let staging = mmap(nil, count, PROT_READ | PROT_WRITE, MAP_SHARED, memory, 0), staging != MAP_FAILED
        else { return false }
        defer { munmap(staging, count) }
        // Both cores copy: fresh pages are what this costs (docs/MODEL-FILE-CHANGES.md).
        let parts = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let step = (count + parts - 1) / parts
        nonisolated(unsafe) let source = UnsafeRawPointer(base)
        nonisolated(unsafe) let target = staging
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let lower = part * step
            let upper = min(count, lower + step)
            if lower < upper { memcpy(target + lower, source + lower, upper - lower) }
        }
        let swapped = mmap(base, count, PROT_READ, MAP_SHARED | MAP_FIXED, memory, 0)
        return swapped == base
    }

    /// `memfd_create`, looked up at run time: Swift's Glibc module does not declare it.
    private static let memfdCreate: @convention(c) (UnsafePointer<CChar>, UInt32) -> Int32 = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "memfd_create") else {
            return { _, _ in -1 }
        }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafePointer<CChar>, UInt32) -> Int32).self)
    }()

    /// Unmaps the bytes, releases the lease and closes the file; called when the image goes.
    func release() {
        LeaseKeeper.shared.unregister(self)
        lock.withLock {
            guard state_ != .released else { return }
            munmap(base, count)
            if fd >= 0 {
                _ = fcntl(fd, Self.setLease, Int32(F_UNLCK))
                close(fd)
                fd = -1
            }
            state_ = .released
        }
    }
}

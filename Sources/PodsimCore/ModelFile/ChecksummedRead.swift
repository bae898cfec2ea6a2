import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file into memory on several threads at once and hashes given byte ranges of it
/// (XXH64) as their bytes arrive, so a model's checksums are verified in the same pass as the
/// read instead of a second pass over memory.
///
/// The file is cut into chunks of at most `chunkBytes`, split at every range boundary, and the
/// threads take chunks in file order. XXH64 of a range is sequential, so a range is hashed chunk
/// by chunk in order: whichever thread finishes reading the range's next unhashed chunk hashes
/// it (and any later ones already read) while it is still in cache; the others keep reading.
/// Reading — the kernel zeroing fresh pages and copying the page cache into them — is the larger
/// cost, and it runs on every thread; docs/PERFORMANCE.md has the measurements.
final class ChecksummedRead: @unchecked Sendable {
    // @unchecked: `lock` guards `nextChunk`, `isRead`, `hashing`, `nextToHash` and `failure`; a
    // range's hasher is touched only by the one thread that set its `hashing` flag.

    /// Bytes per chunk: 1 MiB, about a core's L2 here, so a chunk is hashed from cache; large
    /// enough that a `pread` and two lock round trips per chunk cost nothing beside the copy.
    static let chunkBytes = 1 << 20

    private struct Chunk {
        var range: Range<Int>
        /// Index into `ranges` of the range this chunk belongs to; nil for bytes outside them.
        var owner: Int?
    }

    private let fd: Int32
    private let base: UnsafeMutableRawPointer
    private let path: String
    private let fileSize: Int
    private let chunks: [Chunk]
    /// For each hashed range, the indices of its first and past-its-last chunk.
    private let chunkSpans: [Range<Int>]
    /// One per range; each is updated only by the thread hashing its range at the moment.
    private let hashers: [RangeHasher]

    private let lock = NSLock()
    private var nextChunk: Int
    private var isRead: [Bool]
    private var hashing: [Bool]
    private var nextToHash: [Int]
    private var failure: (any Error)?

    /// Prepares to read `[start, count)` of `fd` into `base` (which holds `count` bytes), hashing
    /// each of `ranges` — sorted, non-overlapping, within `[0, count)` — of which the bytes
    /// below `start` are already in `base`.
    init(fd: Int32, into base: UnsafeMutableRawPointer, count: Int, from start: Int, hashing ranges: [Range<Int>], path: String) {
        self.fd = fd
        self.base = base
        self.path = path
        fileSize = count
        var chunks: [Chunk] = []
        var spans: [Range<Int>] = []
        var position = 0
        func cut(_ piece: Range<Int>, owner: Int?) {
            var lower = piece.lowerBound
            while lower < piece.upperBound {
                // A chunk never straddles `start`: what lies below it is already read.
                let limit = lower < start ? min(start, piece.upperBound) : piece.upperBound
                let upper = min(lower + Self.chunkBytes, limit)
                chunks.append(Chunk(range: lower..<upper, owner: owner))
                lower = upper
            }
        }
        for (index, range) in ranges.enumerated() {
            cut(position..<range.lowerBound, owner: nil)
            let first = chunks.count
            cut(range, owner: index)
            spans.append(first..<chunks.count)
            position = range.upperBound
        }
        cut(position..<count, owner: nil)
        self.chunks = chunks
        chunkSpans = spans
        hashers = ranges.map { _ in RangeHasher() }
        isRead = chunks.map { $0.range.upperBound <= start }
        nextChunk = isRead.firstIndex(of: false) ?? chunks.count
        hashing = Array(repeating: false, count: ranges.count)
        nextToHash = spans.map(\.lowerBound)
    }

    /// Reads every chunk on `threads` threads and returns the XXH64 of each range, in order.
    /// Throws the first read error (the other threads stop at their next chunk).
    func run(threads: Int) throws -> [UInt64] {
        // Chunks that were read before (below `start`) are hashed first, in order.
        for index in chunkSpans.indices { advance(index) }
        DispatchQueue.concurrentPerform(iterations: max(1, threads)) { _ in
            while let index = take() {
                do {
                    try FileImage.read(fd, chunks[index].range, into: base, fileSize: fileSize, path: path)
                } catch {
                    lock.withLock { if failure == nil { failure = error } }
                    return
                }
                lock.withLock { isRead[index] = true }
                if let owner = chunks[index].owner { advance(owner) }
            }
        }
        if let failure { throw failure }
        return hashers.map { $0.hasher.digest() }
    }

    /// The next chunk nobody has taken; nil when all are taken or a read failed.
    private func take() -> Int? {
        lock.withLock {
            guard failure == nil else { return nil }
            while nextChunk < chunks.count, isRead[nextChunk] { nextChunk += 1 }
            guard nextChunk < chunks.count else { return nil }
            defer { nextChunk += 1 }
            return nextChunk
        }
    }

    /// Hashes range `owner`'s chunks that are read and next in line, unless another thread is
    /// already doing so (it will see the chunk this thread just read before it stops: both
    /// the check and the stop happen under the lock).
    private func advance(_ owner: Int) {
        lock.lock()
        guard !hashing[owner] else { return lock.unlock() }
        hashing[owner] = true
        while nextToHash[owner] < chunkSpans[owner].upperBound, isRead[nextToHash[owner]] {
            let chunk = chunks[nextToHash[owner]].range
            lock.unlock()
            hashers[owner].hasher.update(UnsafeRawBufferPointer(start: base + chunk.lowerBound, count: chunk.count))
            lock.lock()
            nextToHash[owner] += 1
        }
        hashing[owner] = false
        lock.unlock()
    }
}

/// A range's running hash, in an object of its own so that threads hashing different ranges
/// never access one shared array at the same time.
private final class RangeHasher: @unchecked Sendable {
    // @unchecked: used by one thread at a time (`ChecksummedRead.advance`'s `hashing` flag).
    var hasher = XXH64()
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file read into private anonymous memory (read-only once filled), released on deinit.
///
/// Why a copy and not a mapping of the file: a mapping shares the file's pages, so a writer that
/// rewrites the file in place (`cp new.podsim served.podsim` keeps the inode) changes the bytes
/// under a model that was already verified — new bytes served under the old model id — and one
/// that truncates it (`truncate`, a shorter `cp`) turns the next read past the new end into
/// SIGBUS, which kills the process. Memory of our own cannot be pulled away: whatever happens to
/// the file afterwards, these bytes stay exactly the ones that were read and verified.
///
/// The price is one read of the file at open (from the page cache, at memory speed) and the
/// file's size in anonymous memory instead of shared page-cache pages; docs/MODEL-FILE-CHANGES.md
/// has the measured open times. The read runs on every core, and ranges the caller names (a
/// model's section payloads) are hashed as they arrive (`ChecksummedRead`), so verifying them
/// costs no second pass over memory. A file that changes while it is read (size, mtime or ctime differ
/// before and after, or it ends early) is refused: the caller tries again when the writer is done.
///
/// With `mapFile: true` the image is instead the file's own page-cache pages, mapped, under a read
/// lease that makes any writer wait until the image has copied them into memory of its own at the
/// same addresses (`LeasedFileMapping`): the same guarantee without the copy at open. When the
/// lease cannot be had, the file is read into a private copy as above.
final class FileImage: @unchecked Sendable {
    // @unchecked: the memory is filled in init, made read-only, and never written again (a leased
    // mapping's pages are swapped for a copy of the same bytes, at the same addresses).
    let bytes: UnsafeRawBufferPointer
    /// The lease and mapping when the bytes are the file's own pages; nil for a private copy.
    let mapping: LeasedFileMapping?
    /// The file as it was when read: compare with `FileIdentity(path:)` to see whether it changed.
    let identity: FileIdentity

    /// XXH64 of each range the caller's plan named, computed while reading (in the plan's order);
    /// empty when there was no plan or the plan named nothing.
    let checksums: [UInt64]
    /// The ranges `checksums` are of.
    let checksummedRanges: [Range<Int>]

    /// Bytes read first, before the rest is read in parallel: enough for the header and section
    /// table of any model with up to 2,000 sections, so the plan can name the payloads. 64 KiB.
    static let prefixBytes = 64 << 10

    /// Reads the file at `path`. A missing file or a non-regular file is a `.modelFile` error; a
    /// file that changed while it was read is a `.modelFile` error saying so; other failures are
    /// `.io` errors carrying the system's reason.
    ///
    /// - Parameters:
    ///   - threads: threads reading (and hashing) at once; default one per core.
    ///   - plan: given the file's first bytes (up to `prefixBytes`) and its size, the byte ranges
    ///     to hash while reading — sorted, non-overlapping, inside the file — or nil for none. A
    ///     plan that breaks those rules is ignored (nothing is hashed).
    ///   - mapFile: serve the file's pages under a read lease when it can be had (nothing is
    ///     hashed while reading then: there is no read; the caller verifies the mapped bytes).
    init(path: String, threads: Int = ProcessInfo.processInfo.activeProcessorCount, mapFile: Bool = false,
         checksumming plan: ((_ prefix: UnsafeRawBufferPointer, _ fileSize: Int) -> [Range<Int>]?)? = nil) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT {
                throw PodsimError(.modelFile, "\(path): no model file there (no such file)")
            }
            throw PodsimError.systemCall("open model file", path: path, errno: code)
        }
        var ownsDescriptor = true
        defer { if ownsDescriptor { close(fd) } }
        let before = try FileIdentity(descriptor: fd, path: path)
        guard before.isRegularFile else {
            throw PodsimError(.modelFile, "\(path): not a regular file (a directory or device?)")
        }
        let size = Int(before.size)
        guard size > 0 else {
            // mmap rejects a zero length; an empty file simply has no bytes.
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            identity = before
            checksums = []
            checksummedRanges = []
            self.mapping = nil
            return
        }
        if mapFile, let leased = LeasedFileMapping.map(fd: fd, count: size, path: path) {
            ownsDescriptor = false
            // The lease holds writers back from here on; one that finished between the first
            // `fstat` and the lease changed the file under the size just mapped.
            guard (try? FileIdentity(descriptor: fd, path: path)) == before else {
                leased.release()
                throw PodsimError(
                    .modelFile,
                    "\(path): the file changed while it was opened (a copy still being written?); it will be read again once it stops changing")
            }
            bytes = UnsafeRawBufferPointer(start: leased.base, count: size)
            identity = before
            checksums = []
            checksummedRanges = []
            self.mapping = leased
            return
        }
        self.mapping = nil
        guard let base = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              base != MAP_FAILED
        else {
            throw PodsimError.systemCall("allocate \(size) bytes of memory for model file", path: path, errno: errno)
        }
        do {
            let prefix = min(size, Self.prefixBytes)
            try Self.read(fd, 0..<prefix, into: base, fileSize: size, path: path)
            var ranges = plan?(UnsafeRawBufferPointer(start: base, count: prefix), size) ?? []
            if !Self.isValidPlan(ranges, size: size) { ranges = [] }
            let read = ChecksummedRead(fd: fd, into: base, count: size, from: prefix, hashing: ranges, path: path)
            checksums = try read.run(threads: threads)
            checksummedRanges = ranges
            let after = try FileIdentity(descriptor: fd, path: path)
            guard after == before else {
                throw PodsimError(
                    .modelFile,
                    "\(path): the file changed while it was read (\(before.size) bytes before, \(after.size) after; a copy still being written?); it will be read again once it stops changing")
            }
        } catch {
            munmap(base, size)
            throw error
        }
        // Read-only from here: a stray write through a buffer would fault rather than corrupt.
        mprotect(base, size, PROT_READ)
        bytes = UnsafeRawBufferPointer(start: base, count: size)
        identity = before
    }

    /// Sorted, non-overlapping, inside `0..<size`.
    private static func isValidPlan(_ ranges: [Range<Int>], size: Int) -> Bool {
        var end = 0
        for range in ranges {
            guard range.lowerBound >= end, range.upperBound <= size else { return false }
            end = range.upperBound
        }
        return true
    }

    /// `pread` until bytes `range` of the file are at the same offsets of `base`; a file that
    /// ends sooner shrank while it was read.
    static func read(_ fd: Int32, _ range: Range<Int>, into base: UnsafeMutableRawPointer, fileSize: Int, path: String) throws {
        var done = range.lowerBound
        while done < range.upperBound {
            let got = pread(fd, base + done, range.upperBound - done, off_t(done))
            if got < 0 {
                if errno == EINTR { continue }
                throw PodsimError.systemCall("read model file", path: path, errno: errno)
            }
            guard got > 0 else {
                throw PodsimError(
                    .modelFile,
                    "\(path): the file shrank while it was read (\(fileSize) bytes at the start, it ended at \(done)); it will be read again once it stops changing")
            }
            done += got
        }
    }

    deinit {
        if let mapping {
            mapping.release()
        } else if let base = bytes.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        }
    }
}

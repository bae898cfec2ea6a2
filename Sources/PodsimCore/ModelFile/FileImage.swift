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
/// has the measured open times. A file that changes while it is read (size, mtime or ctime differ
/// before and after, or it ends early) is refused: the caller tries again when the writer is done.
final class FileImage: @unchecked Sendable {
    // @unchecked: the memory is filled in init, made read-only, and never written again.
    let bytes: UnsafeRawBufferPointer
    /// The file as it was when read: compare with `FileIdentity(path:)` to see whether it changed.
    let identity: FileIdentity

    /// Bytes asked of one `pread`: 8 MiB, large enough that the syscalls cost nothing next to the
    /// copy, small enough that an interrupted read loses little.
    static let readChunk = 8 << 20

    /// Reads the file at `path`. A missing file or a non-regular file is a `.modelFile` error; a
    /// file that changed while it was read is a `.modelFile` error saying so; other failures are
    /// `.io` errors carrying the system's reason.
    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT {
                throw PodsimError(.modelFile, "\(path): no model file there (no such file)")
            }
            throw PodsimError.systemCall("open model file", path: path, errno: code)
        }
        defer { close(fd) }
        let before = try FileIdentity(descriptor: fd, path: path)
        guard before.isRegularFile else {
            throw PodsimError(.modelFile, "\(path): not a regular file (a directory or device?)")
        }
        let size = Int(before.size)
        guard size > 0 else {
            // mmap rejects a zero length; an empty file simply has no bytes.
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            identity = before
            return
        }
        guard let base = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              base != MAP_FAILED
        else {
            throw PodsimError.systemCall("allocate \(size) bytes of memory for model file", path: path, errno: errno)
        }
        do {
            try Self.readAll(fd, into: base, count: size, path: path)
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

    /// `pread` until `count` bytes are in; a file that ends sooner shrank while it was read.
    private static func readAll(_ fd: Int32, into base: UnsafeMutableRawPointer, count: Int, path: String) throws {
        var done = 0
        while done < count {
            let got = pread(fd, base + done, min(readChunk, count - done), off_t(done))
            if got < 0 {
                if errno == EINTR { continue }
                throw PodsimError.systemCall("read model file", path: path, errno: errno)
            }
            guard got > 0 else {
                throw PodsimError(
                    .modelFile,
                    "\(path): the file shrank while it was read (\(count) bytes at the start, it ended at \(done)); it will be read again once it stops changing")
            }
            done += got
        }
    }

    deinit {
        if let base = bytes.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that the destination path only ever holds the old file or the complete new
/// one: the bytes go to a temporary file in the same directory (`.<name>.tmp-<pid>-<random>`,
/// same file system, so the rename is atomic), which is fsynced, renamed over the destination,
/// and then the directory is fsynced so the rename itself survives a power cut.
/// `discard()` (or deinit before `commit()`) removes the temporary file. Temporary files that
/// killed writers left behind are removed first (`StaleTemporaryFiles`, listed in `removedStale`).
///
/// Output is buffered; sequential writes and zero padding go through the buffer and large
/// blocks bypass it. `overwrite(_:at:)` patches earlier bytes (the header, written last).
final class AtomicFileOutput {
    /// Buffer size in bytes (default 1 MiB): large enough that syscalls cost nothing next to
    /// the copy, small enough not to matter next to the model itself.
    static let bufferSize = 1 << 20

    let destination: String
    /// The directory holding `destination` ("." for a bare file name).
    let directory: String
    let temporaryPath: String
    /// Temporary files of dead writers removed before this one was created.
    let removedStale: [StaleTemporaryFiles.Removed]
    /// Bytes written so far, buffered or not; the offset the next byte will land at.
    private(set) var position: UInt64 = 0
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var flushedPosition: UInt64 = 0
    private var finished = false

    /// Creates the temporary file next to `destination`.
    init(destination: String) throws {
        self.destination = destination
        let slash = destination.lastIndex(of: "/")
        let name = slash.map { String(destination[destination.index(after: $0)...]) } ?? destination
        directory = slash.map { $0 == destination.startIndex ? "/" : String(destination[..<$0]) } ?? "."
        removedStale = StaleTemporaryFiles.removeDead(name: name, in: directory)
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        temporaryPath = (directory.hasSuffix("/") ? directory : directory + "/") + ".\(name).tmp-\(getpid())-\(random)"
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw PodsimError.systemCall("create a temporary file for model file \(destination) at", path: temporaryPath, errno: errno)
        }
        buffer.reserveCapacity(Self.bufferSize)
    }

    /// Appends `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if buffer.count + bytes.count > Self.bufferSize {
            try flush()
        }
        if bytes.count >= Self.bufferSize {
            try writeAll(bytes, at: flushedPosition)
            flushedPosition += UInt64(bytes.count)
        } else {
            buffer.append(contentsOf: bytes)
        }
        position += UInt64(bytes.count)
    }

    /// Appends `count` zero bytes (padding; always small).
    func writeZeros(_ count: Int) throws {
        try [UInt8](repeating: 0, count: count).withUnsafeBytes { try write($0) }
    }

    /// Replaces already-written bytes at `offset` (which must lie within what was written).
    func overwrite(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws {
        precondition(offset + UInt64(bytes.count) <= position, "overwrite past the written end")
        try flush()
        try writeAll(bytes, at: offset)
    }

    /// Makes the new file durable and puts it in place of the destination.
    func commit() throws {
        try flush()
        guard fsync(fd) == 0 else { throw failure("fsync", errno) }
        let closed = close(fd)
        fd = -1
        guard closed == 0 else { throw failure("close", errno) }
        WriteHooks.current.beforeRename?(temporaryPath)
        guard rename(temporaryPath, destination) == 0 else {
            throw PodsimError.systemCall("rename \(temporaryPath) to", path: destination, errno: errno)
        }
        finished = true
        try syncDirectory()
        WriteHooks.current.afterRename?(destination)
    }

    /// Abandons the write: closes and removes the temporary file; the destination is untouched.
    func discard() {
        guard !finished else { return }
        finished = true
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        unlink(temporaryPath)
    }

    deinit {
        discard()
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeAll($0, at: flushedPosition) }
        flushedPosition += UInt64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    /// `pwrite` until every byte is written; it may write less than asked or be interrupted.
    private func writeAll(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws {
        var done = 0
        while done < bytes.count {
            let written = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("write", errno)
            }
            done += written
        }
    }

    /// Without this the rename may still be only in memory after the file's data is on disk.
    private func syncDirectory() throws {
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirFD >= 0 else {
            throw PodsimError.systemCall("open the directory of model file \(destination):", path: directory, errno: errno)
        }
        defer { close(dirFD) }
        guard fsync(dirFD) == 0 else {
            throw PodsimError.systemCall("fsync the directory of model file \(destination):", path: directory, errno: errno)
        }
    }

    private func failure(_ action: String, _ code: Int32) -> PodsimError {
        PodsimError.systemCall("\(action) the temporary file for model file \(destination):", path: temporaryPath, errno: code)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory (`PROT_READ`, `MAP_PRIVATE`), unmapped on deinit.
///
/// The descriptor is closed right after mapping: the mapping keeps the file's pages reachable
/// even if the path is later replaced by `rename` (as `ModelFileWriter` does) or unlinked. Pages
/// are read from disk on first touch and belong to the page cache, so a 512 MB mapping costs
/// no heap memory. Truncating the file *in place* while it is mapped would make reads past the
/// new end fault (SIGBUS); podsim never does that — it always writes a new file and renames it.
final class MemoryMap: @unchecked Sendable {
    // @unchecked: the mapping is read-only and immutable for the object's whole life.
    let bytes: UnsafeRawBufferPointer

    /// Maps the file at `path`. A missing file or a non-regular file is a `.modelFile` error;
    /// other failures are `.io` errors carrying the system's reason.
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
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw PodsimError.systemCall("stat model file", path: path, errno: errno)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw PodsimError(.modelFile, "\(path): not a regular file (a directory or device?)")
        }
        let size = Int(info.st_size)
        guard size > 0 else {
            // mmap rejects a zero length; an empty file simply has no bytes to map.
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw PodsimError.systemCall("memory-map model file", path: path, errno: errno)
        }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
    }

    /// Tells the kernel how the range will be read (`MADV_SEQUENTIAL` before a checksum pass,
    /// `MADV_NORMAL` after). Advice only: failure changes nothing, so it is ignored.
    func advise(_ advice: Int32, range: Range<Int>) {
        guard let base = bytes.baseAddress, !range.isEmpty else { return }
        // madvise wants a page-aligned start; widen the range down to its page.
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = range.lowerBound / page * page
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), range.upperBound - start, advice)
    }

    deinit {
        if let base = bytes.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        }
    }
}

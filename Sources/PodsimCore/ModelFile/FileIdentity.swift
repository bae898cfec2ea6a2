#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says about a file, enough to tell that it changed: which file the path names
/// (device and inode: a `mv` over it changes these) and its size, modification and status-change
/// times in nanoseconds (a `cp` or `truncate` over it changes these, the inode staying the same).
///
/// Equal identities do not prove equal bytes — a rewrite of the same size within the file
/// system's timestamp granularity keeps all five — which is why a model file also carries
/// per-section checksums; but every writer that truncates or extends the file, or renames a new
/// one in place, changes the identity.
public struct FileIdentity: Sendable, Hashable, CustomStringConvertible {
    public var device: UInt64
    public var inode: UInt64
    /// Bytes.
    public var size: Int64
    /// Last modification, nanoseconds since the epoch.
    public var modifiedNanoseconds: Int64
    /// Last status change (also moves on `chmod` and renames), nanoseconds since the epoch.
    public var changedNanoseconds: Int64
    var isRegularFile: Bool

    /// The identity of the file at `path` now; nil when there is none (or it cannot be stat'ed).
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The identity of an open file.
    init(descriptor fd: Int32, path: String) throws {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw PodsimError.systemCall("stat model file", path: path, errno: errno)
        }
        self.init(info)
    }

    private init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modifiedNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changedNanoseconds = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        isRegularFile = (info.st_mode & S_IFMT) == S_IFREG
    }

    public var description: String {
        "inode \(inode), \(size) bytes, modified \(modifiedNanoseconds) ns"
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file per fuzzing process for targets whose API reads a path (the model loader maps a
/// file). Each input replaces the file by write-then-rename, so a mapping of the previous input
/// that is still alive keeps its own inode instead of seeing the file shrink under it (SIGBUS).
///
/// Lives in `/dev/shm` when there is one (memory, no disk writes at thousands of inputs a
/// second), else in `$TMPDIR` or `/tmp`; named after the process id so parallel workers do not
/// collide, and removed at exit.
public final class ScratchFile: @unchecked Sendable {
    // @unchecked: used from libFuzzer's single fuzzing thread only.

    /// The path the current input is at.
    public let path: String
    private let stagingPath: String

    /// A scratch file named `podsim-fuzz-<pid>-<name>`.
    public init(name: String) {
        let directory: String
        if access("/dev/shm", W_OK) == 0 {
            directory = "/dev/shm"
        } else if let tmp = getenv("TMPDIR") {
            directory = String(cString: tmp)
        } else {
            directory = "/tmp"
        }
        path = "\(directory)/podsim-fuzz-\(getpid())-\(name)"
        stagingPath = path + ".staging"
        ScratchFile.registerForRemoval(self)
    }

    /// Makes `bytes` the file's whole content.
    public func replace(with bytes: UnsafeBufferPointer<UInt8>) {
        let fd = open(stagingPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { FuzzCheck.fail("cannot create scratch file \(stagingPath): errno \(errno)") }
        var written = 0
        while written < bytes.count {
            let result = write(fd, bytes.baseAddress! + written, bytes.count - written)
            guard result > 0 else { FuzzCheck.fail("cannot write scratch file \(stagingPath): errno \(errno)") }
            written += result
        }
        close(fd)
        guard rename(stagingPath, path) == 0 else {
            FuzzCheck.fail("cannot rename \(stagingPath) to \(path): errno \(errno)")
        }
    }

    nonisolated(unsafe) private static var live: [ScratchFile] = []

    private static func registerForRemoval(_ file: ScratchFile) {
        if live.isEmpty {
            // libFuzzer ends with exit(), so atexit is the one hook every run passes through.
            atexit {
                for file in ScratchFile.live {
                    unlink(file.path)
                    unlink(file.stagingPath)
                }
            }
        }
        live.append(file)
    }
}

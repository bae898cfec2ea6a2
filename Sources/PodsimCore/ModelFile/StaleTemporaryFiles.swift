#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Temporary files that writers killed mid-write (`kill -9`, the out-of-memory killer) left
/// beside a model file: `.<name>.tmp-<pid>-<hex>` (`AtomicFileOutput`), each as large as the
/// model, which nothing else ever removes. Every model write removes them first.
///
/// Only a file whose writer is provably gone is removed: its pid must not exist (`kill(pid, 0)`
/// fails with `ESRCH`). A live pid — the writer still writing, or the pid reused by another
/// process since — keeps the file (the next write after that process ends removes it), and so
/// does a zombie. A writer in another pid namespace (a container sharing the directory) cannot
/// be seen; if its file is removed, its final rename fails with an error and the model file is
/// left as it was — never damaged.
public enum StaleTemporaryFiles {
    /// One removed file.
    public struct Removed: Sendable, Hashable {
        public var path: String
        /// The dead writer's process id.
        public var pid: Int32
        /// Its size in bytes.
        public var bytes: Int64
    }

    /// The pid in `entry` when it is a temporary file for `name` (`.<name>.tmp-<pid>-<hex>`).
    static func writerPID(of entry: String, name: String) -> Int32? {
        let prefix = ".\(name).tmp-"
        guard entry.hasPrefix(prefix) else { return nil }
        let parts = entry.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let pid = Int32(parts[0]), pid > 0, !parts[1].isEmpty,
              parts[1].allSatisfy(\.isHexDigit)
        else { return nil }
        return pid
    }

    /// Whether process `pid` is gone: only `ESRCH` proves it (`EPERM` means it exists).
    static func isGone(_ pid: Int32) -> Bool {
        kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Removes the temporary files for the file `name` in `directory` whose writers are gone;
    /// returns what it removed. Best effort: an unreadable directory or a file that cannot be
    /// removed is left for the next write (the write itself reports real problems).
    public static func removeDead(name: String, in directory: String) -> [Removed] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var removed: [Removed] = []
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        while let entry = readdir(dir) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard let pid = writerPID(of: entryName, name: name), isGone(pid) else { continue }
            let path = base + entryName
            var info = stat()
            // Regular files only: never follow or remove anything else that happens to match.
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, unlink(path) == 0 else { continue }
            removed.append(Removed(path: path, pid: pid, bytes: Int64(info.st_size)))
        }
        return removed.sorted { $0.path < $1.path }
    }
}

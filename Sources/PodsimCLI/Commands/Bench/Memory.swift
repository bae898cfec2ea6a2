import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The process's memory and the machine's load, as `bench` and `build` report them.
enum Memory {
    /// Resident set size now, in bytes (`/proc/self/statm`: resident pages × page size), or nil
    /// where there is no /proc. A loaded model's private copy of its file counts in full.
    static func residentBytes() -> Int? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Resident bytes by kind from `/proc/self/status`: heap and other anonymous memory
    /// (`RssAnon`) — a loaded model's copy of its file included — and touched pages of mapped files (`RssFile`).
    static func residentByKind() -> (anonymous: Int, file: Int)? {
        let fields = statusBytes(["RssAnon", "RssFile"])
        guard let anonymous = fields["RssAnon"], let file = fields["RssFile"] else { return nil }
        return (anonymous, file)
    }

    /// The named kB fields of `/proc/self/status`, in bytes; empty where there is no /proc.
    private static func statusBytes(_ names: Set<String>) -> [String: Int] {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return [:] }
        return kilobyteFields(names, in: status)
    }

    /// The named fields of a `/proc/PID/status` text ("VmHWM:\t   41234 kB"), in bytes. The
    /// value follows a tab and spaces: split on both (split on spaces alone, the tab was taken
    /// for the number and no field was ever found, so the peak fell back to ru_maxrss).
    static func kilobyteFields(_ names: Set<String>, in status: String) -> [String: Int] {
        var found: [String: Int] = [:]
        for line in status.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, names.contains(String(parts[0])),
                  let kib = parts[1].split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap({ Int($0) })
            else { continue }
            found[String(parts[0])] = kib * 1024
        }
        return found
    }

    /// "RSS 3030.3 MB (anonymous 2830.3 MB, mapped files 200.0 MB)". Anonymous memory is the heap
    /// and every model read into memory (models are copied in, not mapped).
    static func describeResident() -> String {
        var text = "RSS " + describe(residentBytes())
        if let kinds = residentByKind() {
            text += " (anonymous \(describe(kinds.anonymous)), mapped files \(describe(kinds.file)))"
        }
        return text
    }

    /// Peak resident set size of the process so far, in bytes: on Linux `VmHWM` of
    /// /proc/self/status, this program's own high-water mark (Linux carries `ru_maxrss` over
    /// `fork` and `exec`, so a podsim started by a large process — a test runner — reported that
    /// process's size: 440–480 MB for a two-episode build); elsewhere getrusage `ru_maxrss`.
    static func peakResidentBytes() -> Int? {
        if let highWater = statusBytes(["VmHWM"])["VmHWM"] { return highWater }
        var usage = rusage()
        #if os(Linux)
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss) * 1024
        #else
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss)  // bytes on Darwin
        #endif
    }

    /// "1.23 2.00 1.50" (1, 5, 15 minutes) from /proc/loadavg, or "unknown".
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    static func describe(_ bytes: Int?) -> String {
        bytes.map { String(format: "%.1f MB", Double($0) / 1e6) } ?? "unknown"
    }
}

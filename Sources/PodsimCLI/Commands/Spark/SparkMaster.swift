import Foundation

/// The master URL of `build --spark`, checked before a JVM starts: Spark's own client retries a
/// standalone master it cannot reach for a minute (3 × 20 s) before giving up, so a mistyped
/// host or a master that is down is reported at once instead.
struct SparkMaster {
    let url: String

    /// Seconds to wait for each standalone master to accept a TCP connection; default 5.
    static let connectTimeoutSeconds: Int32 = 5

    /// Default partitions of the corpus: 2 per core for `local[N]` (`local[*]`: this machine's
    /// cores), else 64 so a cluster gets work for every executor.
    var defaultPartitions: Int {
        if url == "local" { return 2 }
        if url.hasPrefix("local[") {
            let inside = url.dropFirst(6).prefix { $0 != "]" && $0 != "," }
            let cores = inside == "*" ? ProcessInfo.processInfo.activeProcessorCount : Int(inside) ?? 1
            return max(2, 2 * cores)
        }
        return 64
    }

    /// Throws when a `spark://` master accepts no connection; other masters (local, yarn,
    /// k8s://) are left to spark-submit.
    func checkReachable() throws {
        guard url.hasPrefix("spark://") else { return }
        let hosts = url.dropFirst("spark://".count).split(separator: ",")
        var failures: [String] = []
        for hostPort in hosts {
            guard let colon = hostPort.lastIndex(of: ":"), let port = UInt16(hostPort[hostPort.index(after: colon)...]) else {
                throw SparkFailure(stage: "connect", "the master \(url) does not name host:port (spark://HOST:PORT)")
            }
            let host = String(hostPort[..<colon])
            if let problem = Self.connect(host: host, port: port) { failures.append("\(host):\(port) \(problem)") }
            else { return }
        }
        throw SparkFailure(stage: "connect", "cannot reach the Spark master \(url): \(failures.joined(separator: "; "))")
    }

    /// nil when `host:port` accepts a TCP connection within the timeout, else why not.
    private static func connect(host: String, port: UInt16) -> String? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else { return "(unknown host: \(String(cString: gai_strerror(status))))" }
        defer { freeaddrinfo(list) }
        var reason = "(no address)"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let socket = Glibc.socket(address.pointee.ai_family, address.pointee.ai_socktype | Int32(SOCK_NONBLOCK.rawValue), 0)
            guard socket >= 0 else { continue }
            defer { close(socket) }
            if Glibc.connect(socket, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return nil }
            guard errno == EINPROGRESS else { reason = "(\(String(cString: strerror(errno))))"; continue }
            var poll = pollfd(fd: socket, events: Int16(POLLOUT), revents: 0)
            guard Glibc.poll(&poll, 1, connectTimeoutSeconds * 1000) == 1 else {
                reason = "(no answer within \(connectTimeoutSeconds) s)"
                continue
            }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(socket, SOL_SOCKET, SO_ERROR, &error, &length)
            if error == 0 { return nil }
            reason = "(\(String(cString: strerror(error))))"
        }
        return reason
    }
}

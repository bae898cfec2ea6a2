import NIOCore
import PodsimProtocol

extension ServerConfiguration {
    /// Checks every field and throws one `.invalidConfiguration` error listing each problem
    /// (field, value, what is allowed), so a user fixes them all in one go.
    ///
    /// Refuses, among impossible values, a non-loopback `host` without `authToken`: the token is
    /// what keeps a server on a shared network from answering (and reloading for) anyone.
    public func validate() throws(ServerError) {
        var problems: [String] = []
        func check(_ condition: Bool, _ problem: @autoclosure () -> String) {
            if !condition { problems.append(problem()) }
        }
        check(!host.isEmpty, "host is empty; use 127.0.0.1 for loopback")
        check((0...65535).contains(port), "port must be 0…65535, got \(port)")
        if let metricsPort {
            check((0...65535).contains(metricsPort), "metricsPort must be 0…65535, got \(metricsPort)")
            check(metricsPort == 0 || metricsPort != port,
                  "metricsPort \(metricsPort) is the protocol port too; give the metrics endpoint a port of its own")
        }
        check((Frame.headerBytes...Int(UInt32.max)).contains(limits.maxFrameBytes),
              "limits.maxFrameBytes must be \(Frame.headerBytes)…\(UInt32.max) bytes, got \(limits.maxFrameBytes)")
        check((1...Int(UInt16.max)).contains(limits.maxK), "limits.maxK must be 1…65535 (k is a u16), got \(limits.maxK)")
        check(limits.maxTextBytes >= 0, "limits.maxTextBytes must not be negative, got \(limits.maxTextBytes)")
        check(maxConnections >= 1, "maxConnections must be at least 1, got \(maxConnections)")
        check(maxBufferedBytes >= limits.maxFrameBytes,
              "maxBufferedBytes must be at least limits.maxFrameBytes (\(limits.maxFrameBytes)), so one whole frame fits, got \(maxBufferedBytes)")
        check(logSummaryInterval > .zero, "logSummaryInterval must be positive, got \(logSummaryInterval)")
        check(idleTimeout > .zero, "idleTimeout must be positive, got \(idleTimeout)")
        check(maxQueuedRequestsPerConnection >= 1,
              "maxQueuedRequestsPerConnection must be at least 1, got \(maxQueuedRequestsPerConnection)")
        check(offloadThreshold >= 0, "offloadThreshold must not be negative, got \(offloadThreshold)")
        check(drainTimeout >= .zero, "drainTimeout must not be negative, got \(drainTimeout)")
        if let modelCheckInterval {
            check(modelCheckInterval > .zero, "modelCheckInterval must be positive (nil: never), got \(modelCheckInterval)")
        }
        check(eventLoopThreads >= 1, "eventLoopThreads must be at least 1, got \(eventLoopThreads)")
        check(workerThreads >= 1, "workerThreads must be at least 1, got \(workerThreads)")
        if let authToken {
            check(!authToken.isEmpty, "authToken is empty; leave it unset or give a real token")
            check(authToken.utf8.count <= limits.maxTextBytes,
                  "authToken is \(authToken.utf8.count) bytes, above limits.maxTextBytes (\(limits.maxTextBytes)): no AUTH could carry it")
        } else if !host.isEmpty && !Self.isLoopback(host) {
            problems.append(
                "host \(host) is not a loopback address, and no authToken is set: anyone who can reach it could "
                    + "query, RELOAD and ADD. Set an auth token (--auth-token or PODSIM_AUTH_TOKEN) or listen on 127.0.0.1")
        }
        if !problems.isEmpty {
            throw ServerError(.invalidConfiguration, problems.joined(separator: "; "))
        }
    }

    /// True for `localhost`, 127.0.0.0/8, `::1` and IPv4-mapped 127.x addresses.
    static func isLoopback(_ host: String) -> Bool {
        if host.lowercased() == "localhost" { return true }
        guard let address = try? SocketAddress(ipAddress: host, port: 0) else { return false }
        switch address {
        case .v4(let v4):
            // s_addr is in network order: its first byte in memory is the first octet.
            return withUnsafeBytes(of: v4.address.sin_addr.s_addr) { $0[0] == 127 }
        case .v6(let v6):
            return withUnsafeBytes(of: v6.address.sin6_addr) { bytes in
                let isLoopback = bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1
                let isMapped127 = bytes.prefix(10).allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
                    && bytes[12] == 127
                return isLoopback || isMapped127
            }
        default:
            return false
        }
    }
}

import NIOCore
import PodsimCore
import PodsimProtocol

/// Everything a `PodsimServer` can be told: where to listen, the protocol limits, the connection
/// limits, the timeouts and the optional authentication token.
///
/// A plain value: build it, change fields, and `PodsimServer` validates it (`validate()`) before
/// anything starts. Its `description` never shows the token.
public struct ServerConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// Address to listen on (IPv4 or IPv6 literal, or `localhost`). Default `127.0.0.1`.
    /// Any address that is not loopback requires `authToken`.
    public var host: String = "127.0.0.1"
    /// TCP port to listen on, 0…65535; 0 picks a free port (read it back from the server).
    /// Default 7411.
    public var port: Int = 7411
    /// The sizes a client may send: max frame (default 1 MiB; also the largest answer the server
    /// sends — a bigger one becomes status 8, since podsim's clients use the same limit), max k
    /// (default 1000, at most 65,535) and max request string (default 64 KiB). The codec checks
    /// every request against them; the defaults are the protocol's (`ProtocolLimits`).
    public var limits = ProtocolLimits()
    /// Connections open at once. Default 1024. One more is answered with one status 6 BUSY frame
    /// (opcode 0, request id 0) as soon as it is accepted, then closed.
    public var maxConnections: Int = 1024
    /// Request bytes received but not yet decoded (mostly frames sent half-way), across all
    /// connections, at most. Default 256 MiB (268,435,456); at least `limits.maxFrameBytes`. A read
    /// that would go past it is refused: that connection is answered status 6 BUSY and closed.
    public var maxBufferedBytes: Int = 256 << 20
    /// Events that can repeat by the thousand (connections refused at the limit, bad frames,
    /// wrong tokens, reads over the buffer budget) are logged in full once, then counted and
    /// summed up in one line per kind at the end of this window. Default 10 s.
    public var logSummaryInterval: Duration = .seconds(10)
    /// How long a connection may go without a complete request while none is in flight. Default
    /// 60 s. Counted from the connection's start or its last answered request; bytes that do not
    /// complete a request do not reset it, so a client trickling a frame byte by byte is cut too.
    public var idleTimeout: Duration = .seconds(60)
    /// Requests of one connection decoded but not yet answered, at most. Default 128. At the limit
    /// the server stops reading from that connection (TCP backpressure) until answers drain;
    /// it also stops while the connection's unsent answers exceed NIO's write-buffer high-water mark.
    public var maxQueuedRequestsPerConnection: Int = 128
    /// Scan queries whose `ModelService.queryCost` (episodes × dimensions, multiply-adds) is above
    /// this run on a worker thread; cheaper ones run on the connection's event loop. Default
    /// 20,000 multiply-adds: the seeds model (30 × 24) inline, anything from ~160 episodes at
    /// 128 dimensions (~830 at 24) offloaded.
    ///
    /// Measured with `podsim bench server` (docs/PERFORMANCE.md, "Off the event loop"): the hop
    /// to a worker and back costs some 10–20 µs of CPU per query — the seeds model answers 41k
    /// SIMILAR/s inline against 30–33k offloaded — while a scan of 38,400 multiply-adds
    /// (300 × 128) already costs more than that, and run inline it makes every other request of
    /// the loop wait behind the queued scans: PING's p50 under SIMILAR load went from 0.06 ms
    /// (offloaded) to 0.7–1.6 ms (inline) at 300 × 128, to 30–46 ms at 100,000 × 128, with no
    /// throughput gained. 20,000 sits between the two measured points.
    public var offloadThreshold: Int = 20_000
    /// On shutdown, how long in-flight requests may take to be answered before their connections
    /// are closed regardless. Default 5 s.
    public var drainTimeout: Duration = .seconds(5)
    /// How often the server looks at the model file for a change (one `stat`: inode, size, times),
    /// and reloads it when it changed and the new file loads and verifies (`ModelWatcher`,
    /// docs/MODEL-FILE-CHANGES.md). Default 1 s; nil: never (RELOAD and SIGHUP only).
    public var modelCheckInterval: Duration? = .seconds(1)
    /// When set, every request other than AUTH and PING needs a successful AUTH with this token
    /// first (status 7 otherwise). Default nil: no authentication, allowed only on loopback.
    /// The CLI reads it from `--auth-token` or `PODSIM_AUTH_TOKEN`.
    public var authToken: String? = nil
    /// When set, every connection speaks TLS with this certificate and key; nil (the default):
    /// plain TCP. The CLI takes `--tls-cert` and `--tls-key`.
    public var tls: ServerTLS? = nil
    /// TCP port of the HTTP endpoint for Prometheus and probes (`GET /metrics`, `/healthz`,
    /// `/readyz`), on the same `host` and under the same address rule as the main port; 0 picks a
    /// free port. Default nil: no endpoint. The CLI takes `--metrics-port`.
    public var metricsPort: Int? = nil
    /// The INFO `server_version` string. Default `"podsim <version>"` (`PodsimVersion.current`).
    public var serverVersion: String = "podsim \(PodsimVersion.current)"
    /// Event-loop threads that run the connections. Default: the machine's core count.
    public var eventLoopThreads: Int = System.coreCount
    /// Worker threads for scan queries above `offloadThreshold`. Default: the machine's core count.
    /// (Model loads and ADD run on one further thread of their own, one at a time.)
    public var workerThreads: Int = System.coreCount
    /// Whether offloaded queries that wait for a worker are answered in batches when the model
    /// batches them (`QueryBatcher`; a podsim model searched exactly scores a batch's SIMILARs in
    /// one pass over its vectors, answers unchanged). Default true. The CLI takes `--no-batch-queries`.
    public var batchQueries: Bool = true

    /// The defaults above: loopback, port 7411, the protocol's limits, no token.
    public init() {}

    public var description: String {
        "ServerConfiguration(host: \(host), port: \(port), maxFrameBytes: \(limits.maxFrameBytes), maxK: \(limits.maxK), "
            + "maxTextBytes: \(limits.maxTextBytes), maxConnections: \(maxConnections), maxBufferedBytes: \(maxBufferedBytes), "
            + "logSummaryInterval: \(logSummaryInterval), idleTimeout: \(idleTimeout), "
            + "maxQueuedRequestsPerConnection: \(maxQueuedRequestsPerConnection), offloadThreshold: \(offloadThreshold), "
            + "drainTimeout: \(drainTimeout), modelCheckInterval: \(modelCheckInterval.map { "\($0)" } ?? "never"), "
            + "authToken: \(authToken == nil ? "none" : "set"), "
            + "tls: \(tls.map { "\($0)" } ?? "none"), metricsPort: \(metricsPort.map(String.init) ?? "none"), "
            + "serverVersion: \(serverVersion), eventLoopThreads: \(eventLoopThreads), workerThreads: \(workerThreads), "
            + "batchQueries: \(batchQueries))"
    }
}

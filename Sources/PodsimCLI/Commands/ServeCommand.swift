import ArgumentParser
import Foundation
import Logging
import PodsimCatalogue
import PodsimCore
import PodsimLinearAlgebra
import PodsimProtocol
import PodsimServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a model over podsim's binary TCP protocol (docs/PROTOCOL.md).",
        discussion: """
            Listens on 127.0.0.1 by default. Listening on any other address requires an auth token \
            (--auth-token or the PODSIM_AUTH_TOKEN environment variable); clients then send AUTH first. \
            SIGINT/SIGTERM: stop accepting, answer the requests in flight, exit 0. SIGHUP: reload the \
            model file (a bad file is refused and the current model keeps serving). The model file is \
            also watched: a new model moved or copied over it is served once it is complete and verifies; \
            meanwhile, and whatever else happens to the file, the verified model keeps serving from memory. \
            With --metrics-port, an HTTP endpoint on the same host serves GET /metrics (Prometheus), \
            /healthz and /readyz (docs/DEPLOYMENT.md).
            """)

    @Option(help: "Model file to serve.")
    var model: String = ModelOptions.defaultModel

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "TCP port (0 picks a free one and logs it).")
    var port: Int = 7411

    @Option(help: "Largest request frame in bytes.")
    var maxFrame: Int = ProtocolLimits().maxFrameBytes

    @Option(help: "Largest k a query may ask for.")
    var maxK: Int = ProtocolLimits().maxK

    @Option(help: "Largest query text, id or name in UTF-8 bytes.")
    var maxText: Int = ProtocolLimits().maxTextBytes

    @Option(help: "Connections open at once; one more gets status 6 BUSY and is closed.")
    var maxConnections: Int = ServerConfiguration().maxConnections

    @Option(help: "Bytes of partly received requests all connections may hold together; past it a connection gets BUSY and is closed.")
    var maxBuffered: Int = ServerConfiguration().maxBufferedBytes

    @Option(help: "Requests one connection may have waiting for answers before the server stops reading it.")
    var maxQueued: Int = ServerConfiguration().maxQueuedRequestsPerConnection

    @Option(help: "Seconds a connection may go without a complete request before it is closed.")
    var idleTimeout: Double = 60

    @Option(help: "Seconds in-flight requests get to finish on shutdown.")
    var drainTimeout: Double = 5

    @Option(help: "Queries costing more than this many multiply-adds (episodes × dimensions) run off the event loop.")
    var offloadThreshold: Int = ServerConfiguration().offloadThreshold

    @Option(help: "Event-loop threads that run the connections (default: one per core). Fewer leave cores to processes beside the server.")
    var eventLoops: Int = ServerConfiguration().eventLoopThreads

    @Option(help: "Worker threads for queries above --offload-threshold (default: one per core).")
    var workers: Int = ServerConfiguration().workerThreads

    @Option(help: "Seconds between looks at the model file for a change (reloaded once the new file verifies); 0: never.")
    var modelCheckInterval: Double = 1

    @Flag(help: "Scan every episode in f32: exact answers, without the model's HNSW graph or int8 codes (default: the graph when the model has one, else from 524,288 episodes an int8 scan with exact rescoring, recall@10 ≈ 0.999).")
    var exact = false

    @Option(help: "Candidates the HNSW graph path keeps before exact rescoring (hnswlib's ef): more finds more of the true top k, more slowly. (default: 128, or 256 from 500,000 episodes: recall@10 ≈ 0.98)")
    var graphEf: Int?

    @Option(help: "Weight of the TF-IDF cosine in each answer's score, 0…1, beside the latent cosine's 1 − w (0: the latent cosine alone). The default suits podcast catalogues; on Debian's package descriptions the latent cosine alone agreed best (docs/HOW-IT-WORKS.md).")
    var lexicalWeight: Float = ScoreFusion.standard.lexicalWeight

    @Flag(inversion: .prefixedNo, help: "Answer SIMILAR queries that wait for a worker together, in one pass over the vectors (exact scans only; answers unchanged).")
    var batchQueries = true

    @Option(help: ArgumentHelp("Speak TLS: the server's certificate chain, PEM (with --tls-key).", valueName: "pem"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("The private key of --tls-cert, PEM.", valueName: "pem"))
    var tlsKey: String?

    @Option(help: "Require clients to AUTH with this token (or set PODSIM_AUTH_TOKEN). Required off loopback.")
    var authToken: String?

    @Option(help: ArgumentHelp(
        "Serve GET /metrics (Prometheus), /healthz and /readyz over HTTP on this port, same host (0 picks a free one).",
        valueName: "port"))
    var metricsPort: Int?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    @Option(help: "Log format: text, or json (one object per line: timestamp, level, label, message, metadata).")
    var logFormat: String = "text"

    /// The most threads `--event-loops` or `--workers` may ask for: far above any core count
    /// these servers run on, low enough that a typo cannot start thousands of threads.
    static let maxThreads = 1024

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        guard ["text", "json"].contains(logFormat) else {
            throw ValidationError("--log-format must be text or json, got '\(logFormat)'")
        }
        if let graphEf, !(1...GraphSearchOptions().maximumEF).contains(graphEf) {
            throw ValidationError("--graph-ef must be 1…\(GraphSearchOptions().maximumEF), got \(graphEf)")
        }
        guard (0...1).contains(lexicalWeight) else {
            throw ValidationError("--lexical-weight must be between 0 and 1, got \(lexicalWeight)")
        }
        if let metricsPort, !(0...65535).contains(metricsPort) {
            throw ValidationError("--metrics-port must be 0…65535, got \(metricsPort)")
        }
        for (name, threads) in [("--event-loops", eventLoops), ("--workers", workers)] where !(1...Self.maxThreads).contains(threads) {
            throw ValidationError("\(name) must be 1…\(Self.maxThreads), got \(threads)")
        }
        guard idleTimeout > 0, drainTimeout >= 0 else { throw ValidationError("timeouts must be positive") }
        guard modelCheckInterval >= 0 else { throw ValidationError("--model-check-interval must not be negative (0: never)") }
        guard (tlsCert == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together: the certificate chain and its private key")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let json = logFormat == "json"
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.limits.maxFrameBytes = maxFrame
        configuration.limits.maxK = maxK
        configuration.limits.maxTextBytes = maxText
        configuration.maxConnections = maxConnections
        configuration.maxBufferedBytes = maxBuffered
        configuration.maxQueuedRequestsPerConnection = maxQueued
        configuration.idleTimeout = .milliseconds(Int64(idleTimeout * 1000))
        configuration.drainTimeout = .milliseconds(Int64(drainTimeout * 1000))
        configuration.offloadThreshold = offloadThreshold
        configuration.eventLoopThreads = eventLoops
        configuration.workerThreads = workers
        configuration.batchQueries = batchQueries
        configuration.metricsPort = metricsPort
        configuration.modelCheckInterval = modelCheckInterval > 0 ? .milliseconds(Int64(modelCheckInterval * 1000)) : nil
        configuration.authToken = authToken ?? ProcessInfo.processInfo.environment["PODSIM_AUTH_TOKEN"]
        if let tlsCert, let tlsKey {
            configuration.tls = ServerTLS(certificateChainFile: tlsCert, privateKeyFile: tlsKey)
        }
        configuration.serverVersion = "podsim \(PodsimVersion.current)"
        let logger = Logger(label: "podsim")
        Self.chooseBLASThreads(logger: logger)
        var searchOptions: SearchOptions = exact ? .exact : .serving
        if let graphEf { searchOptions.graph.ef = graphEf }
        let server = try PodsimServer(
            configuration: configuration,
            source: ModelFileSource(
                path: model, searchOptions: searchOptions, fusion: ScoreFusion(lexicalWeight: lexicalWeight), decodeEpisodes: { try JSONLCatalogue.decode(payload: $0) },
                logger: logger),
            logger: logger)
        try await server.runUntilSignalled()
    }

    /// One BLAS thread per call, unless `OPENBLAS_NUM_THREADS` says otherwise: a server's
    /// parallelism is its worker threads. OpenBLAS's own threads — one per core by default —
    /// competed with the workers and spun while they waited: at 1M episodes and 16 connections,
    /// batching through `sgemm` gained 1.13× over one query at a time with them and 2.47× without
    /// (docs/PERFORMANCE.md). Batches no longer call BLAS (`VectorIndex.search(batch:)` has a
    /// kernel of its own), but any BLAS call a server makes should still not start a pool.
    static func chooseBLASThreads(logger: Logger) {
        let chosen = ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"]
        if chosen == nil { BLASThreads.set(1) }
        logger.info("podsim BLAS threads", metadata: [
            "blas_threads": "\(BLASThreads.current.map(String.init) ?? "n/a (no OpenBLAS)")",
            "chosen_by": "\(chosen == nil ? "serve (one per worker call)" : "OPENBLAS_NUM_THREADS")",
        ])
    }
}

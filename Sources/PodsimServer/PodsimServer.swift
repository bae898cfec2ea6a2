import NIOConcurrencyHelpers
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PodsimProtocol

/// The podsim TCP server: the wire protocol (docs/PROTOCOL.md) in front of a `ModelService`.
///
/// ```swift
/// let server = try PodsimServer(configuration: configuration, source: source, logger: logger)
/// try await server.runUntilSignalled()   // or: try await server.start(); …; await server.shutdown()
/// ```
/// Each connection is a `ConnectionHandler` over a `ConnectionStateMachine`; one bad client only
/// ever closes its own connection. The server owns its event loops and worker threads and
/// releases them in `shutdown()`.
public final class PodsimServer: Sendable {
    /// The validated configuration.
    public let configuration: ServerConfiguration
    let source: any ModelSource
    let logger: Logger
    let metrics = ServerMetrics()
    let registry = ConnectionRegistry()
    let bufferBudget: BufferBudget
    let eventLog: RepeatedEventLog
    let state = NIOLockedValueBox(State())

    struct Running: Sendable {
        let group: MultiThreadedEventLoopGroup
        let workers: NIOThreadPool
        let admin: NIOThreadPool
        let channel: any Channel
        let executor: RequestExecutor
        let watcher: ModelWatcher
        /// The watcher's timer; nil when `modelCheckInterval` is nil.
        let watch: RepeatedTask?
    }

    enum Lifecycle {
        case idle, starting, running(Running), stopping, stopped
    }

    struct State {
        var lifecycle = Lifecycle.idle
        var shutdownRequested = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        /// Where the metrics endpoint listens, once it does.
        var metricsAddress: SocketAddress?
    }

    /// A server for `configuration`, serving the models `source` loads. Nothing is opened yet.
    /// Throws `.invalidConfiguration` listing every bad field.
    public init(configuration: ServerConfiguration, source: any ModelSource,
                logger: Logger = Logger(label: "podsim.server")) throws(ServerError) {
        try configuration.validate()
        self.configuration = configuration
        self.source = source
        self.logger = logger
        bufferBudget = BufferBudget(limit: configuration.maxBufferedBytes)
        eventLog = RepeatedEventLog(logger: logger, window: TimeAmount(configuration.logSummaryInterval))
    }

    /// The address the server listens on (with the real port when configured with port 0);
    /// nil unless running.
    public var localAddress: SocketAddress? {
        runningState?.channel.localAddress
    }

    /// The port the server listens on; nil unless running.
    public var port: Int? { localAddress?.port }

    /// Connections and queued requests right now.
    public var gauges: ServerGauges { metrics.gauges }

    var runningState: Running? {
        state.withLockedValue { state in
            if case .running(let running) = state.lifecycle { return running }
            return nil
        }
    }

    // MARK: Start

    /// Loads the model, binds the listening socket and starts accepting; returns the bound address.
    /// Throws `.modelRejected` when the model does not load, `.bindFailed` when the address cannot
    /// be bound, `.alreadyStarted` when called twice.
    @discardableResult
    public func start() async throws(ServerError) -> SocketAddress {
        let claimed = state.withLockedValue { state -> Bool in
            guard case .idle = state.lifecycle else { return false }
            state.lifecycle = .starting
            return true
        }
        guard claimed else { throw ServerError(.alreadyStarted, "start() was already called on this server") }
        let tlsContext: NIOSSLContext?
        do {
            tlsContext = try configuration.tls?.makeContext()
        } catch {
            markStopped()
            logger.error("TLS is not usable", metadata: ["error": "\(error.message)"])
            throw error
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: configuration.eventLoopThreads)
        let workers = NIOThreadPool(numberOfThreads: configuration.workerThreads)
        let admin = NIOThreadPool(numberOfThreads: 1)
        workers.start()
        admin.start()
        func abandon(_ error: ServerError) async -> ServerError {
            try? await workers.shutdownGracefully()
            try? await admin.shutdownGracefully()
            try? await group.shutdownGracefully()
            markStopped()
            return error
        }
        let model: any ModelService
        do {
            let source = self.source
            model = try await admin.runIfActive { try source.load() }
        } catch {
            logger.error("the model did not load", metadata: ["error": "\(ErrorText.describe(error))"])
            throw await abandon(ServerError(.modelRejected, ErrorText.describe(error)))
        }
        let executor = RequestExecutor(
            models: ModelStore(source: source, initial: model), metrics: metrics,
            serverVersion: configuration.serverVersion, offloadThreshold: configuration.offloadThreshold,
            maxFrameBytes: configuration.limits.maxFrameBytes, workers: workers, admin: admin, logger: logger,
            batcher: configuration.batchQueries
                ? QueryBatcher(workers: workers, threads: configuration.workerThreads) { [prometheus = metrics.prometheus] in
                    prometheus.batchAnswered(size: $0)
                } : nil)
        let channel: any Channel
        do {
            channel = try await bind(group: group, executor: executor, tls: tlsContext)
        } catch {
            throw await abandon(error)
        }
        let watcher = ModelWatcher(models: executor.models, logger: logger)
        let watch = configuration.modelCheckInterval.map { interval in
            let loop = group.next()
            // The next check is scheduled once this one is done: a slow load never piles up checks.
            return loop.scheduleRepeatedAsyncTask(initialDelay: TimeAmount(interval), delay: TimeAmount(interval)) { _ in
                admin.runIfActive(eventLoop: loop) { watcher.check() }
            }
        }
        let address = channel.localAddress!
        logger.info("podsim listening", metadata: [
            "address": "\(Self.hostAndPort(address))", "tls": "\(tlsContext != nil)", "model_id": "\(model.modelID)",
            "episodes": "\(model.summary.episodes)", "dimensions": "\(model.summary.dimensions)",
            "event_loops": "\(configuration.eventLoopThreads)", "workers": "\(configuration.workerThreads)",
        ])
        let running = Running(
            group: group, workers: workers, admin: admin, channel: channel, executor: executor, watcher: watcher,
            watch: watch)
        let stopAtOnce = state.withLockedValue { state -> Bool in
            state.lifecycle = state.shutdownRequested ? .stopping : .running(running)
            return state.shutdownRequested
        }
        if stopAtOnce { await stop(running) }
        return address
    }

    /// `127.0.0.1:7411`, `[::1]:7411`: how people write addresses.
    static func hostAndPort(_ address: SocketAddress) -> String {
        let host = address.ipAddress ?? "?"
        let port = address.port.map(String.init) ?? "?"
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    private func bind(
        group: MultiThreadedEventLoopGroup, executor: RequestExecutor, tls: NIOSSLContext?
    ) async throws(ServerError) -> any Channel {
        let (configuration, metrics, registry, logger) = (self.configuration, self.metrics, self.registry, self.logger)
        let connectionServices = ConnectionHandler.Services(
            executor: executor, metrics: metrics, logger: logger, budget: bufferBudget, eventLog: eventLog)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            // One socket read (at most 64 KiB) per wake-up: when a connection's queue is full its
            // reads pause, and with NIO's default of 4 reads per wake-up up to 256 KiB could
            // already have been taken in; this keeps unread input per connection to one read.
            .childChannelOption(.maxMessagesPerRead, value: 1)
            // A client may send its last request and shut its side; its answers still go out.
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try Self.initializeConnection(
                        channel, configuration: configuration, tls: tls, services: connectionServices, registry: registry)
                }
            }
        do {
            return try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        } catch {
            throw ServerError(.bindFailed, "cannot listen on \(configuration.host):\(configuration.port): \(ErrorText.describe(error))")
        }
    }

    private static func initializeConnection(
        _ channel: any Channel, configuration: ServerConfiguration, tls: NIOSSLContext?,
        services: ConnectionHandler.Services, registry: ConnectionRegistry
    ) throws {
        let (metrics, logger) = (services.metrics, services.logger)
        let pipeline = channel.pipeline.syncOperations
        // TLS first, so that everything after it — a BUSY refusal included — reads and writes
        // plaintext frames.
        if let tls { try pipeline.addHandler(NIOSSLServerHandler(context: tls)) }
        guard metrics.admitConnection(limit: configuration.maxConnections) else {
            services.eventLog.record(.refusedAtLimit, on: channel.eventLoop) {
                logger.notice("refusing a connection: at the connection limit", metadata: [
                    "limit": "\(configuration.maxConnections)", "peer": "\(channel.remoteAddress.map { "\($0)" } ?? "?")",
                ])
            }
            try pipeline.addHandler(MessageToByteHandler(FrameEncoder()))
            try pipeline.addHandler(BusyRefusalHandler(limit: configuration.maxConnections, metrics: metrics))
            return
        }
        channel.closeFuture.whenComplete { _ in metrics.connectionClosed() }
        guard registry.add(channel) else {
            channel.close(promise: nil)  // accepted while shutting down
            return
        }
        // No MessageToByteHandler: the connection handler encodes its answers itself, all those
        // ready at once into one buffer.
        try pipeline.addHandler(ConnectionHandler(configuration: configuration, services: services))
    }
}

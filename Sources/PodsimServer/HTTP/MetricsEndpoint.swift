import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// The HTTP endpoint for Prometheus and probes: `GET /metrics`, `/healthz`, `/readyz` on
/// `configuration.host` and `configuration.metricsPort` of its server (docs/DEPLOYMENT.md).
///
/// Runs on an event-loop thread of its own, from before the model loads (so `/readyz` can say
/// "loading") until after the server has drained (so it can say "draining"). One request per
/// connection, at most `maxRequestBytes`, answered then closed.
public final class MetricsEndpoint: Sendable {
    /// Largest request (head and any body), in bytes. 4 KiB: a Prometheus scrape or a probe
    /// sends some 200–400 bytes; a bigger request gets 413 and is closed unread.
    public static let maxRequestBytes = 4096
    /// How long a connection may take to send its whole request, counted from the accept: 5 s
    /// by default, then it is closed unanswered — a client trickling bytes is cut too.
    public static let defaultRequestTimeout = TimeAmount.seconds(5)

    let server: PodsimServer
    private let requestTimeout: TimeAmount
    private let logger: Logger
    private let state = NIOLockedValueBox<State>(.idle)

    private enum State {
        case idle, running(MultiThreadedEventLoopGroup, any Channel), stopped
    }

    /// The endpoint of `server`, whose configuration must set `metricsPort`. Nothing is opened yet.
    public init(server: PodsimServer, requestTimeout: TimeAmount = defaultRequestTimeout,
                logger: Logger = Logger(label: "podsim.metrics")) {
        self.server = server
        self.requestTimeout = requestTimeout
        self.logger = logger
    }

    /// The port the endpoint listens on; nil unless running.
    public var port: Int? {
        state.withLockedValue { state in
            if case .running(_, let channel) = state { return channel.localAddress?.port }
            return nil
        }
    }

    /// Binds and starts answering. Throws `.bindFailed` naming the address when it cannot listen,
    /// `.invalidConfiguration` when the server has no metrics port.
    @discardableResult
    public func start() async throws(ServerError) -> SocketAddress {
        let configuration = server.configuration
        guard let metricsPort = configuration.metricsPort else {
            throw ServerError(.invalidConfiguration, "metricsPort is not set: the server has no metrics endpoint")
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let (server, requestTimeout) = (self.server, self.requestTimeout)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(RequestSizeLimiter(limit: Self.maxRequestBytes))
                    try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: true)
                    try pipeline.addHandler(ProbeHTTPHandler(server: server, requestTimeout: requestTimeout))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: configuration.host, port: metricsPort).get()
        } catch {
            try? await group.shutdownGracefully()
            throw ServerError(.bindFailed,
                "cannot listen for metrics on \(configuration.host):\(metricsPort): \(ErrorText.describe(error))")
        }
        let stopped = state.withLockedValue { state -> Bool in
            guard case .idle = state else { return true }
            state = .running(group, channel)
            return false
        }
        if stopped {
            try? await channel.close()
            try? await group.shutdownGracefully()
            throw ServerError(.alreadyStarted, "the metrics endpoint was already started or shut down")
        }
        let address = channel.localAddress!
        server.state.withLockedValue { $0.metricsAddress = address }
        logger.info("metrics endpoint listening", metadata: [
            "address": "\(PodsimServer.hostAndPort(address))", "paths": "/metrics /healthz /readyz",
        ])
        return address
    }

    /// Stops listening and releases the thread. Safe to call more than once.
    public func shutdown() async {
        let running = state.withLockedValue { state -> (MultiThreadedEventLoopGroup, any Channel)? in
            defer { state = .stopped }
            if case .running(let group, let channel) = state { return (group, channel) }
            return nil
        }
        guard let (group, channel) = running else { return }
        server.state.withLockedValue { $0.metricsAddress = nil }
        try? await channel.close()
        try? await group.shutdownGracefully()
    }
}

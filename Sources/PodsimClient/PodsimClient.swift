@_exported import PodsimProtocol
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// An async/await client of a podsim server (docs/PROTOCOL.md).
///
/// ```swift
/// let client = PodsimClient(host: "127.0.0.1", port: 7411)
/// defer { Task { await client.close() } }
/// for hit in try await client.similar("devops-paradox-341", k: 5) { print(hit.id, hit.score) }
/// ```
/// One client holds one TCP connection and pipelines every call over it: calls from many tasks at
/// once go out without waiting for each other and are matched to their answers by request id.
/// The connection is opened by the first call (with AUTH first when `Configuration.authToken`
/// is set) and, after it drops — the server restarted, closed an idle connection, answered status
/// 4 or 5 — the next call opens a new one. Calls in flight when it drops fail with
/// `.connectionClosed`; they are not retried, since an ADD or RELOAD must not run twice.
///
/// Every failure is a `PodsimClientError`: a non-zero status (with the server's message), a
/// timeout, a failed or closed connection, or a protocol violation by the server.
public final class PodsimClient: Sendable {
    /// The server's host name or address.
    public let host: String
    /// The server's TCP port.
    public let port: Int
    /// Timeouts, token and frame limit.
    public let configuration: Configuration
    private let group: any EventLoopGroup
    private let connection = NIOLockedValueBox(ConnectionState.idle)

    private enum ConnectionState {
        /// No connection; the next call opens one.
        case idle
        /// Connecting or connected: the future yields the channel once it is ready (and authenticated).
        case open(EventLoopFuture<any Channel>)
        /// `close()` was called.
        case closed
    }

    /// A client of the server at `host:port`. Nothing is opened until the first call.
    ///
    /// - Parameter eventLoopGroup: where the connection runs; by default NIO's shared
    ///   process-wide group, which needs no shutting down.
    public init(
        host: String, port: Int, configuration: Configuration = Configuration(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        precondition(configuration.maxFrameBytes >= Frame.headerBytes,
                     "maxFrameBytes must be at least \(Frame.headerBytes), got \(configuration.maxFrameBytes)")
        self.host = host
        self.port = port
        self.configuration = configuration
        self.group = eventLoopGroup
    }

    deinit {
        if case .open(let future) = connection.withLockedValue({ $0 }) {
            future.whenSuccess { $0.close(promise: nil) }
        }
    }

    /// `host:port` as messages show it (`[::1]:7411` for an IPv6 address).
    public var endpoint: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Sends one request and returns the server's answer; a non-zero status is thrown as a
    /// `.server` error with the server's message. The typed methods (`similar`, `info`…) are
    /// built on this; use it for requests they do not cover.
    public func send(_ request: PodsimRequest) async throws(PodsimClientError) -> PodsimResponse {
        try await send(request, on: try await channel())
    }

    /// Closes the connection; calls still waiting fail with `.clientClosed`, and so does every
    /// later call. Safe to call more than once.
    public func close() async {
        let previous = connection.withLockedValue { state in
            defer { state = .closed }
            return state
        }
        guard case .open(let future) = previous, let channel = try? await future.get() else { return }
        try? await channel.close()
    }

    // MARK: Connection

    /// The open connection, opening one first when there is none.
    private func channel() async throws(PodsimClientError) -> any Channel {
        var opened: EventLoopFuture<any Channel>?
        let future = connection.withLockedValue { state -> EventLoopFuture<any Channel>? in
            switch state {
            case .closed:
                return nil
            case .open(let future):
                return future
            case .idle:
                let future = connect()
                state = .open(future)
                opened = future
                return future
            }
        }
        // Outside the lock: a callback of an already-completed future runs at once.
        if let opened { forget(opened) }
        guard let future else {
            throw PodsimClientError(.clientClosed, "the client of \(endpoint) was closed")
        }
        do {
            return try await future.get()
        } catch {
            throw error as? PodsimClientError
                ?? PodsimClientError(.connectionFailed, "cannot connect to podsim at \(endpoint): \(error)")
        }
    }

    /// Back to `.idle` when `future` fails or its channel closes, so the next call reconnects.
    private func forget(_ future: EventLoopFuture<any Channel>) {
        let reset: @Sendable () -> Void = { [weak self] in
            self?.connection.withLockedValue { state in
                if case .open(let current) = state, current === future { state = .idle }
            }
        }
        future.whenComplete { result in
            switch result {
            case .success(let channel): channel.closeFuture.whenComplete { _ in reset() }
            case .failure: reset()
            }
        }
    }

    /// Opens a connection, and presents the token with AUTH before anyone else can use it.
    private func connect() -> EventLoopFuture<any Channel> {
        let (endpoint, configuration) = (self.endpoint, self.configuration)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        ByteToMessageHandler(FrameDecoder(maxFrameBytes: configuration.maxFrameBytes)),
                        MessageToByteHandler(FrameEncoder()),
                        ClientChannelHandler(
                            peer: endpoint, requestTimeout: configuration.requestTimeout,
                            maxFrameBytes: configuration.maxFrameBytes),
                    ])
                }
            }
        let connected = bootstrap.connect(host: host, port: port).flatMapErrorThrowing { error -> any Channel in
            throw PodsimClientError(
                .connectionFailed,
                "cannot connect to podsim at \(endpoint): \(ConnectFailure.describe(error, timeout: configuration.connectTimeout))")
        }
        guard let token = configuration.authToken else { return connected }
        return connected.flatMap { channel in
            let promise = channel.eventLoop.makePromise(of: PodsimResponse.self)
            channel.writeAndFlush(OutgoingCall(request: .auth(token: token), promise: promise), promise: nil)
            return promise.futureResult.map { _ in channel }.flatMapErrorThrowing { error -> any Channel in
                channel.close(promise: nil)
                guard var refused = error as? PodsimClientError, refused.code == .server else { throw error }
                refused.code = .connectionFailed
                refused.message = "the server at \(endpoint) refused the AUTH token: \(refused.message)"
                throw refused
            }
        }
    }

    /// Sends `request` on `channel` and waits for its answer, its timeout or the caller's cancellation.
    private func send(_ request: PodsimRequest, on channel: any Channel) async throws(PodsimClientError) -> PodsimResponse {
        let opcode = request.opcode
        let cancelled = PodsimClientError(.cancelled, "the task asking \(opcode) of \(endpoint) was cancelled", opcode: opcode)
        guard !Task.isCancelled else { throw cancelled }
        let promise = channel.eventLoop.makePromise(of: PodsimResponse.self)
        let endpoint = self.endpoint
        // If the channel is already gone the handler never sees the call: fail it here. (A promise
        // completes once; later completions are ignored.)
        channel.writeAndFlush(OutgoingCall(request: request, promise: promise)).whenFailure { error in
            promise.fail(PodsimClientError(
                .connectionClosed, "could not send \(opcode) to \(endpoint): \(error)", opcode: opcode))
        }
        do {
            return try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                promise.fail(cancelled)
            }
        } catch {
            throw error as? PodsimClientError ?? PodsimClientError(.connectionClosed, "\(error)", opcode: opcode)
        }
    }
}

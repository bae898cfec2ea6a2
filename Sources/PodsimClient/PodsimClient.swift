@_exported import PodsimProtocol
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// An async/await client of a podsim server (docs/PROTOCOL.md).
///
/// ```swift
/// let client = PodsimClient(host: "127.0.0.1", port: 7411)
/// for hit in try await client.similar("devops-paradox-341", k: 5) { print(hit.id, hit.score) }
/// await client.close()
/// ```
/// One client holds one TCP connection and pipelines every call over it: calls from many tasks at
/// once go out without waiting for each other and are matched to their answers by request id.
/// The connection is opened by the first call (with AUTH first when `Configuration.authToken`
/// is set) and, after it drops — the server restarted, closed an idle connection, answered status
/// 4 or 5 — the next call opens a new one. A call whose connection closes under it is sent once
/// more on a new connection when that cannot do anything twice — it only reads, or none of it
/// was written; otherwise (RELOAD, ADD) it fails with `.connectionClosed`.
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
    private let lifecycle = NIOLockedValueBox(ConnectionLifecycle<EventLoopFuture<ClientConnection>, ClientConnection>())
    /// Built on the first TLS connection and shared by the later ones.
    private let tlsContext = NIOLockedValueBox<NIOSSLContext?>(nil)

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
        switch lifecycle.withLockedValue({ $0.close() }) {
        case .closeWhenOpened(let future): future.whenSuccess { $0.channel.close(promise: nil) }
        case .closeConnection(let connection): connection.channel.close(promise: nil)
        case .nothing: break
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
        switch await attempt(request, on: try await connected()) {
        case .answered(let response):
            return response
        case .unsent(let error) where error.code == .server:
            throw error  // the server refused the connection (BUSY): no second try
        case .failed(let error) where !(error.code == .connectionClosed && Self.isReadOnly(request)):
            throw error
        case .unsent, .failed:
            // The connection closed under the request — most often the server's idle timeout
            // meeting a new request. It is sent once more on a new connection when that cannot
            // do anything twice: nothing of it was written, or it only reads. RELOAD and ADD that
            // may have reached the server are never sent again.
            switch await attempt(request, on: try await connected()) {
            case .answered(let response): return response
            case .failed(let error), .unsent(let error): throw error
            }
        }
    }

    /// Requests that change nothing on the server, so sending one twice is harmless.
    static func isReadOnly(_ request: PodsimRequest) -> Bool {
        switch request {
        case .ping, .info, .similar, .search, .guests, .episode, .explain, .guestsLike, .stats: true
        case .recommend, .similarShows, .guest: true
        case .reload, .add, .auth, .delete, .upsert: false
        }
    }

    /// Closes the connection; calls still waiting fail with `.clientClosed`, and so does every
    /// later call. Safe to call more than once.
    public func close() async {
        switch lifecycle.withLockedValue({ $0.close() }) {
        case .closeWhenOpened(let future):
            if let connection = try? await future.get() { try? await connection.channel.close() }
        case .closeConnection(let connection):
            try? await connection.channel.close()
        case .nothing:
            break
        }
    }

    // MARK: Connection

    /// The open connection, opening one first when there is none or it has closed.
    private func connected() async throws(PodsimClientError) -> ClientConnection {
        let verdict = lifecycle.withLockedValue { lifecycle in
            lifecycle.callNeedsConnection(isOpen: { $0.channel.isActive }, open: connect)
        }
        switch verdict {
        case .use(let connection):
            return connection
        case .refuse:
            throw PodsimClientError(.clientClosed, "the client of \(endpoint) was closed")
        case .wait(let future, let opened):
            // Outside the lock: a callback of an already-completed future runs at once.
            if opened {
                future.whenComplete { [weak self] result in
                    self?.lifecycle.withLockedValue { $0.attemptEnded(future, with: try? result.get()) }
                }
            }
            do {
                return try await future.get()
            } catch {
                throw error as? PodsimClientError
                    ?? PodsimClientError(.connectionFailed, "cannot connect to podsim at \(endpoint): \(error)")
            }
        }
    }

    /// The TLS context of this client's connections, built once.
    private func sslContext(_ tls: TLS) throws -> NIOSSLContext {
        try tlsContext.withLockedValue { cached in
            if let cached { return cached }
            let made = try tls.makeContext()
            cached = made
            return made
        }
    }

    /// Opens a connection, and presents the token with AUTH before anyone else can use it.
    private func connect() -> EventLoopFuture<ClientConnection> {
        let (endpoint, configuration) = (self.endpoint, self.configuration)
        let closeReason = ClientConnection.CloseReason()
        let host = self.host
        let tlsContext: NIOSSLContext?
        do {
            tlsContext = try configuration.tls.map(sslContext)
        } catch {
            return group.any().makeFailedFuture(PodsimClientError(
                .connectionFailed, "cannot connect to podsim at \(endpoint): cannot set up TLS: \(error)"))
        }
        // Completed by the channel's `TLSHandshakeWaiter`, or failed here when no channel came up.
        let handshake = configuration.tls.map { _ in group.any().makePromise(of: Void.self) }
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls = configuration.tls, let tlsContext, let handshake {
                        try pipeline.addHandler(tls.makeHandler(context: tlsContext, host: host))
                        try pipeline.addHandler(TLSHandshakeWaiter(handshake: handshake))
                    }
                    try pipeline.addHandlers([
                        ByteToMessageHandler(FrameDecoder(maxFrameBytes: configuration.maxFrameBytes)),
                        MessageToByteHandler(FrameEncoder()),
                        ClientChannelHandler(
                            closeReason: closeReason, peer: endpoint, requestTimeout: configuration.requestTimeout,
                            maxFrameBytes: configuration.maxFrameBytes),
                    ])
                }
            }
        let connected = bootstrap.connect(host: host, port: port).flatMap { channel in
            // With TLS, connected means handshaken: a refused certificate fails the connect.
            let handshaken = handshake?.futureResult.hop(to: channel.eventLoop) ?? channel.eventLoop.makeSucceededVoidFuture()
            return handshaken.map { ClientConnection(channel: channel, closeReason: closeReason) }
                .flatMapErrorThrowing { error in
                    channel.close(promise: nil)
                    throw PodsimClientError(
                        .connectionFailed, "TLS handshake with podsim at \(endpoint) failed: \(TLSFailure.describe(error))")
                }
        }.flatMapErrorThrowing { error -> ClientConnection in
            handshake?.fail(error)  // no channel, or its setup failed: nobody else completes it
            if let failure = error as? PodsimClientError { throw failure }
            throw PodsimClientError(
                .connectionFailed,
                "cannot connect to podsim at \(endpoint): \(ConnectFailure.describe(error, timeout: configuration.connectTimeout))")
        }
        guard let token = configuration.authToken else { return connected }
        return connected.flatMap { connection in
            let channel = connection.channel
            let promise = channel.eventLoop.makePromise(of: PodsimResponse.self)
            channel.writeAndFlush(OutgoingCall(request: .auth(token: token), promise: promise)).whenFailure { error in
                promise.fail(connection.unsent(.auth, endpoint: endpoint, writeError: error))
            }
            return promise.futureResult.map { _ in connection }.flatMapErrorThrowing { error -> ClientConnection in
                channel.close(promise: nil)
                if let unsent = error as? UnsentCall { throw unsent.error }
                guard var refused = error as? PodsimClientError, refused.code == .server else { throw error }
                refused.code = .connectionFailed
                refused.message = "the server at \(endpoint) refused the AUTH token: \(refused.message)"
                throw refused
            }
        }
    }

    private enum Outcome {
        case answered(PodsimResponse)
        /// Failed after the request may have reached the server, or for good.
        case failed(PodsimClientError)
        /// Failed before any byte of the request was written.
        case unsent(PodsimClientError)
    }

    /// Sends `request` on `connection` and waits for its answer, its timeout or the caller's cancellation.
    private func attempt(_ request: PodsimRequest, on connection: ClientConnection) async -> Outcome {
        let opcode = request.opcode
        let endpoint = self.endpoint
        let cancelled = PodsimClientError(.cancelled, "the task asking \(opcode) of \(endpoint) was cancelled", opcode: opcode)
        guard !Task.isCancelled else { return .failed(cancelled) }
        let promise = connection.channel.eventLoop.makePromise(of: PodsimResponse.self)
        // If the channel closed before the call reached its handler, nothing else will complete
        // the promise: fail it here. (A promise completes once; later completions are ignored.)
        connection.channel.writeAndFlush(OutgoingCall(request: request, promise: promise)).whenFailure { error in
            promise.fail(connection.unsent(opcode, endpoint: endpoint, writeError: error))
        }
        do {
            return .answered(try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                promise.fail(cancelled)
            })
        } catch let unsent as UnsentCall {
            return .unsent(unsent.error)
        } catch {
            return .failed(error as? PodsimClientError ?? PodsimClientError(.connectionClosed, "\(error)", opcode: opcode))
        }
    }
}

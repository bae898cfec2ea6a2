import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PodsimProtocol

/// A raw NIO listener on 127.0.0.1 that plays a misbehaving or future server: for every request
/// frame it reads, `script` — given the frame and its ordinal (1 for the first request the server
/// reads, on any connection) — says what goes back: nothing ever, bytes, or bytes and then a close. It is how the tests reach what a real podsim never sends (unknown
/// statuses, wrong ids, silence).
final class ScriptedServer: Sendable {
    enum Reply: Sendable {
        /// Read the request and never answer it.
        case silence
        /// Send these bytes.
        case bytes(ByteBuffer)
        /// Send these bytes, then close the connection.
        case bytesThenClose(ByteBuffer)
    }

    let port: Int
    private let channel: any Channel
    private let counts: Counts

    /// Connections accepted and requests read so far.
    private final class Counts: Sendable {
        let accepted = NIOLockedValueBox(0)
        let requests = NIOLockedValueBox(0)

        /// Counts one more; returns the new count.
        static func next(_ box: NIOLockedValueBox<Int>) -> Int {
            box.withLockedValue { count in
                count += 1
                return count
            }
        }
    }

    private init(port: Int, channel: any Channel, counts: Counts) {
        self.port = port
        self.channel = channel
        self.counts = counts
    }

    /// Connections accepted so far.
    var connectionsAccepted: Int { counts.accepted.withLockedValue { $0 } }
    /// Request frames read so far, on every connection.
    var requestsRead: Int { counts.requests.withLockedValue { $0 } }

    /// Starts listening on an ephemeral port.
    static func start(_ script: @escaping @Sendable (_ request: Frame, _ ordinal: Int) -> Reply) async throws -> ScriptedServer {
        let counts = Counts()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                _ = Counts.next(counts.accepted)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        ByteToMessageHandler(FrameDecoder()),
                        ScriptHandler { request in script(request, Counts.next(counts.requests)) },
                    ])
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return ScriptedServer(port: channel.localAddress!.port!, channel: channel, counts: counts)
    }

    /// Stops listening (connections already accepted close with the process's event loops).
    func stop() async {
        try? await channel.close()
    }

    /// The bytes of `frame` on the wire.
    static func bytes(_ frames: Frame...) -> ByteBuffer {
        var buffer = ByteBuffer()
        for frame in frames { frame.write(to: &buffer) }
        return buffer
    }

    private final class ScriptHandler: ChannelInboundHandler {
        typealias InboundIn = FrameDecoderOutput
        typealias OutboundOut = ByteBuffer
        let script: @Sendable (Frame) -> Reply

        init(script: @escaping @Sendable (Frame) -> Reply) {
            self.script = script
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .frame(let request) = unwrapInboundIn(data) else { return context.close(promise: nil) }
            switch script(request) {
            case .silence:
                break
            case .bytes(let bytes):
                context.writeAndFlush(wrapOutboundOut(bytes), promise: nil)
            case .bytesThenClose(let bytes):
                context.writeAndFlush(wrapOutboundOut(bytes)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            }
        }
    }
}

import NIOCore
import NIOPosix

// nio-pong PORT [EVENT_LOOPS]: answers every RESP PING (`*1\r\n$4\r\nPING\r\n`, 14 bytes, as
// Benchmarks/loadgen sends it) with `+PONG\r\n` on 127.0.0.1:PORT — one buffer, one write and one
// flush per read, as podsim's ConnectionHandler writes its answers. Nothing is parsed: it is the
// event loop's and the socket's cost alone, the floor any SwiftNIO server starts from.

/// Counts whole requests in what arrives and answers them when the read is complete.
final class PongHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    private static let requestBytes = 14
    private var partial = 0
    private var answers = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        partial += unwrapInboundIn(data).readableBytes
        answers += partial / Self.requestBytes
        partial %= Self.requestBytes
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        guard answers > 0 else { return }
        var out = context.channel.allocator.buffer(capacity: 7 * answers)
        for _ in 0..<answers { out.writeStaticString("+PONG\r\n") }
        answers = 0
        context.writeAndFlush(wrapOutboundOut(out), promise: nil)
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 2, let port = Int(arguments[1]), (1...65535).contains(port) else {
    fatalError("usage: nio-pong PORT [EVENT_LOOPS]")
}
let loops = arguments.count >= 3 ? Int(arguments[2]) ?? 0 : System.coreCount
precondition(loops >= 1, "EVENT_LOOPS must be at least 1")
let group = MultiThreadedEventLoopGroup(numberOfThreads: loops)
let channel = try await ServerBootstrap(group: group)
    .serverChannelOption(.backlog, value: 256)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(PongHandler()) }
    }
    .bind(host: "127.0.0.1", port: port).get()
try await channel.closeFuture.get()

import NIOCore
import PodsimProtocol

/// Answers a connection over `maxConnections` at once with one BUSY frame (status 6, opcode 0,
/// request id 0: no request has been read) and closes it; whatever the client sends is dropped.
final class BusyRefusalHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = Frame

    private let limit: Int
    private let metrics: ServerMetrics

    init(limit: Int, metrics: ServerMetrics) {
        self.limit = limit
        self.metrics = metrics
    }

    func channelActive(context: ChannelHandlerContext) {
        let busy = Frame.failure(
            .busy, message: "the server is at its limit of \(limit) connections; try again later",
            opcode: Opcode(rawValue: 0), requestID: 0)
        metrics.recordAnswer(Opcode(rawValue: 0), .busy, latency: nil)
        context.writeAndFlush(wrapOutboundOut(busy)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

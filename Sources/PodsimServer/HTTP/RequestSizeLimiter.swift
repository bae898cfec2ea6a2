import NIOCore

/// Sits before the HTTP decoder and counts a connection's raw bytes: past `limit` it answers
/// 413 itself and closes, so no request — head or body — larger than `limit` is ever parsed or
/// buffered (NIO's HTTP decoder would otherwise accept some 80 KiB of header).
final class RequestSizeLimiter: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let limit: Int
    private var received = 0
    private var refused = false

    init(limit: Int) {
        self.limit = limit
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        let bytes = unwrapInboundIn(data)
        received += bytes.readableBytes
        guard received <= limit else {
            refused = true
            let body = "request larger than \(limit) bytes\n"
            let answer = "HTTP/1.1 413 Content Too Large\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: answer)))
                .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            return
        }
        context.fireChannelRead(data)
    }
}

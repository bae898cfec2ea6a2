import NIOCore
import NIOHTTP1

/// Answers one HTTP/1.1 request per connection with a `ProbeResponse`, then closes: Prometheus
/// and probes open a connection per scrape or check, and one request per connection keeps the
/// size cap (`RequestSizeLimiter`) a per-connection count.
final class ProbeHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let server: PodsimServer
    private var head: HTTPRequestHead?
    private var answered = false

    init(server: PodsimServer) {
        self.server = server
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break  // no path takes a body; the size limiter caps how much of one is read
        case .end:
            guard let head, !answered else { return }
            answered = true
            respond(ProbeResponse.answer(method: head.method, uri: head.uri, server: server), version: head.version,
                    context: context)
        }
    }

    private func respond(_ response: ProbeResponse, version: HTTPVersion, context: ChannelHandlerContext) {
        var headers = HTTPHeaders([
            ("Content-Type", response.contentType), ("Content-Length", String(response.body.count)), ("Connection", "close"),
        ])
        headers.add(contentsOf: response.headers)
        let head = HTTPResponseHead(version: version, status: response.status, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // A connection that sends no complete request within the read timeout is closed.
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Malformed HTTP: NIO's error handler has already answered 400; this connection ends.
        context.close(promise: nil)
    }
}

import NIOCore
import NIOHTTP1

/// Answers one HTTP/1.1 request per connection with a `ProbeResponse`, then closes: Prometheus
/// and probes open a connection per scrape or check, and one request per connection keeps the
/// size cap (`RequestSizeLimiter`) a per-connection count.
final class ProbeHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let server: PodsimServer
    private let requestTimeout: TimeAmount
    private var head: HTTPRequestHead?
    private var answered = false
    private var deadline: Scheduled<Void>?

    init(server: PodsimServer, requestTimeout: TimeAmount) {
        self.server = server
        self.requestTimeout = requestTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        // One deadline for the whole request, not an idle timer: a byte every few seconds does
        // not keep the connection.
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: requestTimeout) { context.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
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
            deadline?.cancel()
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

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Malformed HTTP: NIO's error handler has already answered 400; this connection ends.
        context.close(promise: nil)
    }
}

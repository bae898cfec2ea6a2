import NIOCore
import NIOPosix
import PodsimProtocol

/// A raw-socket client for tests: NIO's ClientBootstrap with the codec's frame decoder on the
/// way in, and bytes written exactly as given on the way out (so tests can send hostile bytes).
/// Keeps every byte it receives, and every answer frame until a test takes it.
final class TestClient: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let channel: any Channel
    /// Outlives the pipeline: answers that arrived before the server closed stay readable.
    private let inbox: NIOLoopBound<Inbox>

    private init(channel: any Channel, inbox: NIOLoopBound<Inbox>) {
        self.channel = channel
        self.inbox = inbox
    }

    /// Connects to 127.0.0.1:`port`. With `autoRead` false the client reads nothing until
    /// `startReading()`; `receiveBufferBytes` shrinks the socket's receive buffer.
    static func connect(port: Int, autoRead: Bool = true, receiveBufferBytes: Int? = nil) async throws -> TestClient {
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        let inbox = try await eventLoop.submit { NIOLoopBound(Inbox(eventLoop: eventLoop), eventLoop: eventLoop) }.get()
        var bootstrap = ClientBootstrap(group: eventLoop)
            .channelOption(.autoRead, value: autoRead)
        if let receiveBufferBytes {
            bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBufferBytes))
        }
        let channel = try await bootstrap
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(RawRecorder(inbox: inbox.value))
                    try pipeline.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameBytes: 64 << 20)))
                    try pipeline.addHandler(InboxHandler(inbox: inbox.value))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return TestClient(channel: channel, inbox: inbox)
    }

    // MARK: Sending

    /// Writes `bytes` as they are, in one write.
    func send(raw bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
    }

    /// Writes `frames` in one write (pipelined).
    func send(_ frames: [Frame]) async throws {
        try await channel.writeAndFlush(Self.bytes(of: frames)).get()
    }

    /// Writes `frames` in one write without waiting for the write to complete (for a server that
    /// has stopped reading).
    func sendWithoutWaiting(_ frames: [Frame]) {
        channel.writeAndFlush(Self.bytes(of: frames), promise: nil)
    }

    /// Writes one request.
    func send(_ request: PodsimRequest, id: UInt32) async throws {
        try await send([request.frame(requestID: id)])
    }

    static func bytes(of frames: [Frame]) -> ByteBuffer {
        var buffer = ByteBuffer()
        for frame in frames { frame.write(to: &buffer) }
        return buffer
    }

    // MARK: Receiving

    /// The next answer frame, or an error when none comes within `timeout` or the server closed.
    func next(timeout: TimeAmount = .seconds(10)) async throws -> Frame {
        try await channel.eventLoop.flatSubmit { [inbox] in inbox.value.next(timeout: timeout) }.get()
    }

    /// Sends `request` and returns its decoded answer, checking that the answer echoes its id
    /// and opcode.
    func call(_ request: PodsimRequest, id: UInt32 = 1) async throws -> PodsimResponse {
        try await send(request, id: id)
        let frame = try await next()
        guard frame.requestID == id, frame.opcode == request.opcode else {
            throw Failure(description: "answer \(frame.opcode) id \(frame.requestID) to \(request.opcode) id \(id)")
        }
        return try PodsimResponse.decode(frame).get()
    }

    /// Every byte received so far.
    func receivedBytes() async throws -> [UInt8] {
        try await channel.eventLoop.submit { [inbox] in inbox.value.bytes }.get()
    }

    /// Waits until the server closes the connection; throws if it is still open after `timeout`.
    func waitForClose(timeout: TimeAmount = .seconds(5)) async throws {
        let promise = channel.eventLoop.makePromise(of: Void.self)
        channel.closeFuture.cascade(to: promise)
        let scheduled = channel.eventLoop.scheduleTask(in: timeout) {
            promise.fail(Failure(description: "the connection is still open after \(timeout)"))
        }
        defer { scheduled.cancel() }
        try await promise.futureResult.get()
    }

    /// Whether the connection is still open.
    var isOpen: Bool { channel.isActive }

    /// Starts reading (for a client connected with `autoRead: false`).
    func startReading() async throws {
        try await channel.setOption(.autoRead, value: true).get()
    }

    /// Shuts the sending side (TCP half-close); answers still arrive.
    func closeOutput() async throws {
        try await channel.close(mode: .output).get()
    }

    func close() async {
        try? await channel.close().get()
    }
}

/// Keeps a copy of every byte received.
private final class RawRecorder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let inbox: Inbox

    init(inbox: Inbox) { self.inbox = inbox }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        inbox.bytes += unwrapInboundIn(data).readableBytesView
        context.fireChannelRead(data)
    }
}

/// Passes decoded frames and the close to the inbox.
private final class InboxHandler: ChannelInboundHandler {
    typealias InboundIn = FrameDecoderOutput

    private let inbox: Inbox

    init(inbox: Inbox) { self.inbox = inbox }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .frame(let frame): inbox.received(frame)
        case .rejected(let rejection): inbox.failAll(TestClient.Failure(description: "the server sent a bad frame: \(rejection)"))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        inbox.failAll(TestClient.Failure(description: "the server closed the connection"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// Received bytes, answer frames waiting to be taken, and takers waiting for frames. Lives on
/// the client's event loop.
private final class Inbox {
    var bytes: [UInt8] = []
    private let eventLoop: any EventLoop
    private var frames = CircularBuffer<Frame>()
    private var waiters = CircularBuffer<(id: Int, promise: EventLoopPromise<Frame>)>()
    private var nextWaiterID = 0
    private var closed = false

    init(eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func received(_ frame: Frame) {
        if let waiter = waiters.popFirst() { waiter.promise.succeed(frame) } else { frames.append(frame) }
    }

    func failAll(_ error: TestClient.Failure) {
        closed = true
        while let waiter = waiters.popFirst() { waiter.promise.fail(error) }
    }

    func next(timeout: TimeAmount) -> EventLoopFuture<Frame> {
        if let frame = frames.popFirst() { return eventLoop.makeSucceededFuture(frame) }
        if closed { return eventLoop.makeFailedFuture(TestClient.Failure(description: "the server closed the connection")) }
        let promise = eventLoop.makePromise(of: Frame.self)
        let id = nextWaiterID
        nextWaiterID += 1
        waiters.append((id, promise))
        eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            guard let index = self.waiters.firstIndex(where: { $0.id == id }) else { return }
            self.waiters.remove(at: index)
            promise.fail(TestClient.Failure(description: "no answer within \(timeout)"))
        }
        return promise.futureResult
    }
}

import NIOCore
import PodsimProtocol

/// One call handed to a connection: the request, and the promise its answer completes.
struct OutgoingCall: Sendable {
    var request: PodsimRequest
    var promise: EventLoopPromise<PodsimResponse>
}

/// The I/O side of one client connection: gives each outgoing call a request id and a timer
/// (kept together in its `PendingCalls` entry), writes its frame, and carries out
/// `PendingCalls`' verdicts on answers, timeouts and the connection's end.
///
/// Sits behind `ByteToMessageHandler(FrameDecoder)` (inbound) and `MessageToByteHandler(FrameEncoder)`
/// (outbound). Everything here runs on the channel's event loop, so the pending calls need no lock;
/// callers on other threads reach it through `channel.writeAndFlush(OutgoingCall)`.
final class ClientChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = FrameDecoderOutput
    typealias OutboundIn = OutgoingCall
    typealias OutboundOut = Frame

    /// A call as this handler keeps it: the promise its answer completes, and the timer that
    /// fails it after the request timeout. Completing it cancels the timer, so a call handed back
    /// by `PendingCalls` leaves no timer behind.
    struct WaitingCall {
        let promise: EventLoopPromise<PodsimResponse>
        let timer: Scheduled<Void>?

        func succeed(_ response: PodsimResponse) {
            timer?.cancel()
            promise.succeed(response)
        }

        func fail(_ error: any Error) {
            timer?.cancel()
            promise.fail(error)
        }
    }

    private var calls: PendingCalls<WaitingCall>
    /// Where the reason the connection was given up is left for calls that never reach `write`.
    private let closeReason: ClientConnection.CloseReason
    private let requestTimeout: Duration?
    private let maxFrameBytes: Int
    /// The I/O error that ended the connection, for the messages of the calls it fails.
    private var ioError: String?

    init(closeReason: ClientConnection.CloseReason, peer: String, requestTimeout: Duration?, maxFrameBytes: Int) {
        self.closeReason = closeReason
        self.calls = PendingCalls(peer: peer)
        self.requestTimeout = requestTimeout
        self.maxFrameBytes = maxFrameBytes
    }

    // MARK: Outbound

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let call = unwrapOutboundIn(data)
        let opcode = call.request.opcode
        var frame = call.request.frame(requestID: 0)
        guard frame.length <= maxFrameBytes else {
            call.promise.fail(PodsimClientError(
                .invalidRequest,
                "the \(opcode) request is \(frame.length) bytes (8 + body), above the max frame size of \(maxFrameBytes) bytes; nothing was sent",
                opcode: opcode))
            promise?.succeed()
            return
        }
        let id: UInt32
        let started = calls.start(opcode: opcode) { requestID in
            WaitingCall(promise: call.promise, timer: requestTimeout.map { timeout in
                context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(timeout)) {
                    self.timeUp(requestID, after: timeout)
                }
            })
        }
        switch started {
        case .success(let started):
            id = started
        case .failure(let error):
            call.promise.fail(UnsentCall(error: error))
            promise?.succeed()
            return
        }
        frame.requestID = id
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenFailure { error in
            self.writeFailed(id, opcode: opcode, error: error)
        }
        if let promise { written.futureResult.cascade(to: promise) }
        context.write(wrapOutboundOut(frame), promise: written)
    }

    /// A close asked for by the client itself (`PodsimClient.close()`): the calls still waiting
    /// fail as `.clientClosed`. Closes decided by this handler or the server do not pass here.
    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if mode == .all {
            failAll(calls.clientClosed())
            closeReason.record(PodsimClientError(.clientClosed, "the client was closed"))
        }
        context.close(mode: mode, promise: promise)
    }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .frame(let frame):
            carryOut(calls.received(frame), context: context)
        case .rejected(let rejection):
            carryOut(calls.framingFailed(rejection), context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(calls.connectionClosed(reason: ioError))
        closeReason.record(calls.refusal(nil))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset or a partial frame at EOF ends this connection only; its calls fail on close.
        ioError = ioError ?? "\(error)"
        context.close(promise: nil)
    }

    // MARK: Verdicts

    private func carryOut(_ verdict: PendingCalls<WaitingCall>.Verdict, context: ChannelHandlerContext) {
        switch verdict {
        case .deliver(let call, .failure(let answer), let opcode):
            call.fail(PodsimClientError.server(answer, opcode: opcode))
        case .deliver(let call, let response, _):
            call.succeed(response)
        case .drop:
            break
        case .fail(let failures, let close):
            // Close first: a caller woken by its failure must find the connection already
            // inactive, so its next call opens a new one instead of writing to this one.
            if close {
                closeReason.record(calls.refusal(nil))
                context.close(promise: nil)
            }
            failAll(failures)
        }
    }

    private func timeUp(_ id: UInt32, after timeout: Duration) {
        if let failure = calls.timedOut(id, after: timeout) { failure.call.fail(failure.error) }
    }

    private func writeFailed(_ id: UInt32, opcode: Opcode, error: any Error) {
        calls.remove(id)?.fail(PodsimClientError(
            .connectionClosed, "could not send \(opcode) to \(calls.peer): \(error)", opcode: opcode))
    }

    private func failAll(_ failures: [PendingCalls<WaitingCall>.Failure]) {
        for failure in failures { failure.call.fail(failure.error) }
    }
}

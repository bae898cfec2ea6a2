import NIOCore
import PodsimProtocol

/// One call handed to a connection: the request, and the promise its answer completes.
struct OutgoingCall: Sendable {
    var request: PodsimRequest
    var promise: EventLoopPromise<PodsimResponse>
}

/// The I/O side of one client connection: gives each outgoing call a request id and a timer,
/// writes its frame, and carries out `PendingCalls`' verdicts on answers, timeouts and the
/// connection's end.
///
/// Sits behind `ByteToMessageHandler(FrameDecoder)` (inbound) and `MessageToByteHandler(FrameEncoder)`
/// (outbound). Everything here runs on the channel's event loop, so the pending calls need no lock;
/// callers on other threads reach it through `channel.writeAndFlush(OutgoingCall)`.
final class ClientChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = FrameDecoderOutput
    typealias OutboundIn = OutgoingCall
    typealias OutboundOut = Frame

    private var calls: PendingCalls<EventLoopPromise<PodsimResponse>>
    /// Where the reason the connection was given up is left for calls that never reach `write`.
    private let closeReason: ClientConnection.CloseReason
    /// Each waiting call's timeout, by request id.
    private var timers: [UInt32: Scheduled<Void>] = [:]
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
        switch calls.start(call.promise, opcode: opcode) {
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
        if let requestTimeout {
            timers[id] = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(requestTimeout)) {
                self.timeUp(id, after: requestTimeout)
            }
        }
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
            timers.removeValue(forKey: frame.requestID)?.cancel()
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

    private func carryOut(_ verdict: PendingCalls<EventLoopPromise<PodsimResponse>>.Verdict, context: ChannelHandlerContext) {
        switch verdict {
        case .deliver(let promise, .failure(let answer), let opcode):
            promise.fail(PodsimClientError.server(answer, opcode: opcode))
        case .deliver(let promise, let response, _):
            promise.succeed(response)
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
        timers[id] = nil
        if let failure = calls.timedOut(id, after: timeout) { failure.call.fail(failure.error) }
    }

    private func writeFailed(_ id: UInt32, opcode: Opcode, error: any Error) {
        timers.removeValue(forKey: id)?.cancel()
        calls.remove(id)?.fail(PodsimClientError(
            .connectionClosed, "could not send \(opcode) to \(calls.peer): \(error)", opcode: opcode))
    }

    private func failAll(_ failures: [PendingCalls<EventLoopPromise<PodsimResponse>>.Failure]) {
        if calls.count == 0 {
            for timer in timers.values { timer.cancel() }
            timers.removeAll()
        }
        for failure in failures { failure.call.fail(failure.error) }
    }
}

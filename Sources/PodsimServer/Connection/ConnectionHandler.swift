import Logging
import NIOCore
import PodsimProtocol

/// The I/O side of one connection: feeds the channel's events to a `ConnectionStateMachine` and
/// carries out the actions it returns (execute, write, log, close).
///
/// It decodes frames itself (through the state machine) so that it reads only while the
/// connection's queue has room, and encodes its answers itself: every answer ready in one pass
/// (those of one read, when a client pipelines) goes out in one buffer, one write and one flush.
/// Everything here runs on the channel's event loop; answers computed on other threads hop back
/// to it.
final class ConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = Never
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Largest answer buffer a connection keeps for reuse between writes, in bytes: 64 KiB
    /// (a few hundred hits); a larger one is released once written.
    static let keptOutboundBytes = 64 << 10

    /// Fired into the pipeline by `PodsimServer.shutdown()`: answer what is queued, then close.
    struct Drain: Sendable {}

    /// What every connection of a server shares.
    struct Services: Sendable {
        let executor: RequestExecutor
        let metrics: ServerMetrics
        let logger: Logger
        /// The server-wide budget for buffered request bytes.
        let budget: BufferBudget
        /// Where floods of refusals and bad frames are summed up.
        let eventLog: RepeatedEventLog
    }

    private var machine: ConnectionStateMachine
    private let executor: RequestExecutor
    private let metrics: ServerMetrics
    private let budget: BufferBudget
    private let eventLog: RepeatedEventLog
    private let idleTimeout: TimeAmount
    private var logger: Logger
    /// This connection's buffered bytes as reserved in `budget`.
    private var reservedBytes = 0

    /// Actions not yet carried out; `run` drains it, also when called re-entrantly.
    private var pending = CircularBuffer<ConnectionAction>()
    /// Where the state machine appends the actions of one input, reused so that a request does
    /// not allocate an array each time; emptied into `pending` at once.
    private var scratch: [ConnectionAction] = []
    private var running = false
    /// Why the read the socket asked for is held back (issued when reading resumes); nil when
    /// none is. Mirrored in `metrics`, so operators and tests see connections that stopped reading.
    private var heldRead: ConnectionStateMachine.ReadHold?
    /// Whether anything was ever written: a connection that wrote nothing closes at once.
    private var wroteAny = false
    /// The answers encoded in this pass, written and flushed together at its end. Kept between
    /// passes: once the channel has written it out, nothing else holds it and `clear()` reuses
    /// its memory.
    private var outbound = ByteBuffer()
    /// Whether `outbound` holds answers not yet written.
    private var outboundPending = false
    private var idleCheck: Scheduled<Void>?
    /// The close forced after the idle timeout when the last answers never go out; cancelled
    /// when the connection closes first, so a closed connection is not kept for the timeout.
    private var forcedClose: Scheduled<Void>?
    private var closeRequested = false
    /// Queued requests last reported to `metrics`, so the global gauge moves by deltas.
    private var reportedQueued = 0

    init(configuration: ServerConfiguration, services: Services) {
        self.machine = ConnectionStateMachine(
            limits: configuration.limits, maxQueued: configuration.maxQueuedRequestsPerConnection,
            authGate: configuration.authToken.map(AuthGate.init(token:)), now: .now())
        self.executor = services.executor
        self.metrics = services.metrics
        self.budget = services.budget
        self.eventLog = services.eventLog
        self.idleTimeout = TimeAmount(configuration.idleTimeout)
        self.logger = services.logger
    }

    // MARK: Channel events

    func channelActive(context: ChannelHandlerContext) {
        if let peer = context.remoteAddress { logger[metadataKey: "peer"] = "\(peer)" }
        scheduleIdleCheck(at: .now() + idleTimeout, context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        machine.bytesReceived(unwrapInboundIn(data), now: .now(), into: &scratch)
        runScratch(context: context)
        metrics.bufferedBytesObserved(machine.bufferedBytes)
        reserveBufferedGrowth(context: context)
    }

    /// Reserves what this read added to the connection's buffer; when the budget has no room
    /// for it, the connection is answered BUSY and closed (`ConnectionStateMachine.overBudget`).
    private func reserveBufferedGrowth(context: ChannelHandlerContext) {
        let growth = machine.bufferedBytes - reservedBytes
        guard growth > 0 else { return }
        if budget.reserve(growth) {
            reservedBytes += growth
            return
        }
        budget.release(reservedBytes)
        reservedBytes = 0
        run(machine.overBudget(limit: budget.limit, now: .now()), context: context)
    }

    /// Gives back what decoding took out of the buffer.
    private func releaseBufferedShrink() {
        let shrink = reservedBytes - machine.bufferedBytes
        guard shrink > 0 else { return }
        budget.release(shrink)
        reservedBytes -= shrink
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        run(machine.writabilityChanged(to: context.channel.isWritable, now: .now()), context: context)
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            run(machine.inputClosed(now: .now()), context: context)
        } else if event is Drain {
            run(machine.drain(), context: context)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        machine.channelClosed()
        idleCheck?.cancel()
        forcedClose?.cancel()
        metrics.queuedRequestsChanged(by: -reportedQueued, connectionPeak: machine.peakQueued)
        reportedQueued = 0
        metrics.readHoldChanged(from: heldRead, to: nil)
        heldRead = nil
        budget.release(reservedBytes)
        reservedBytes = 0
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // One client's socket error (reset, broken pipe) ends its connection only.
        logger.debug("connection error; closing", metadata: ["error": "\(ErrorText.describe(error))"])
        context.close(promise: nil)
    }

    /// Backpressure: while the state machine has no room, the read request is held back, so the
    /// socket is not read and the client's sends stall in TCP.
    func read(context: ChannelHandlerContext) {
        if let hold = machine.readHold {
            metrics.readHoldChanged(from: heldRead, to: hold)
            heldRead = hold
        } else {
            context.read()
        }
    }

    // MARK: Actions

    /// Runs the actions the state machine just put in `scratch`.
    private func runScratch(context: ChannelHandlerContext) {
        pending.append(contentsOf: scratch)
        scratch.removeAll(keepingCapacity: true)
        run([], context: context)
    }

    private func run(_ actions: [ConnectionAction], context: ChannelHandlerContext) {
        pending.append(contentsOf: actions)
        guard !running else { return }
        running = true
        defer { running = false }
        while !pending.isEmpty {
            while let action = pending.popFirst() {
                perform(action, context: context)
            }
            // Flushing can fire writability events, whose actions land in `pending`.
            if writeOutbound(context: context) { context.flush() }
        }
        releaseBufferedShrink()
        let queued = machine.queuedRequests
        if queued != reportedQueued {
            metrics.queuedRequestsChanged(by: queued - reportedQueued, connectionPeak: machine.peakQueued)
            reportedQueued = queued
        }
        if let held = heldRead, machine.readHold != held {
            let hold = machine.readHold
            metrics.readHoldChanged(from: held, to: hold)
            heldRead = hold
            if hold == nil { context.read() }
        }
    }

    /// Carries out one action.
    private func perform(_ action: ConnectionAction, context: ChannelHandlerContext) {
        switch action {
        case .received(let opcode):
            metrics.recordRequest(opcode)
        case .execute(let job):
            switch executor.execute(job, on: context.eventLoop) {
            case .ready(let frame):
                machine.answered(job, with: frame, now: .now(), into: &scratch)
                pending.append(contentsOf: scratch)
                scratch.removeAll(keepingCapacity: true)
            case .pending(let future):
                future.hop(to: context.eventLoop).assumeIsolated().whenSuccess { frame in
                    self.machine.answered(job, with: frame, now: .now(), into: &self.scratch)
                    self.runScratch(context: context)
                }
            }
        case .write(let frame, let receivedAt):
            if !outboundPending {
                outbound.clear()
                outboundPending = true
            }
            // The executor keeps answers within the max frame size, far below a u32 length.
            frame.write(to: &outbound)
            metrics.recordAnswer(frame.opcode, frame.status, latency: .now() - receivedAt)
        case .report(let event):
            log(event, on: context.eventLoop)
        case .close:
            closeAfterWrites(context: context)
        }
    }

    /// Writes the answers encoded so far (not flushed); false when there were none.
    private func writeOutbound(context: ChannelHandlerContext) -> Bool {
        guard outboundPending else { return false }
        outboundPending = false
        // No promise: a promise is an allocation per write, and only a close needs to know when
        // the answers have gone out (`closeAfterWrites` asks then).
        context.write(wrapOutboundOut(outbound), promise: nil)
        wroteAny = true
        // A large answer's buffer is not kept for the connection's lifetime.
        if outbound.capacity > Self.keptOutboundBytes { outbound = ByteBuffer() }
        return true
    }

    /// Closes once every answer written so far has gone out. A client that never reads would
    /// hold the last write forever, so the close is forced after the idle timeout regardless.
    private func closeAfterWrites(context: ChannelHandlerContext) {
        guard !closeRequested else { return }
        closeRequested = true
        _ = writeOutbound(context: context)
        guard wroteAny else {
            context.close(promise: nil)
            return
        }
        // Writes complete in order, so an empty write completes once every earlier answer is out
        // (NIOSSL orders its own writes the same way).
        let allWritten = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(ByteBuffer()), promise: allWritten)
        allWritten.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        forcedClose = context.eventLoop.assumeIsolated().scheduleTask(in: idleTimeout) { context.close(promise: nil) }
    }

    private func scheduleIdleCheck(at deadline: NIODeadline, context: ChannelHandlerContext) {
        idleCheck = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.idleCheckFired(context: context)
        }
    }

    private func idleCheckFired(context: ChannelHandlerContext) {
        switch machine.idleCheck(now: .now(), timeout: idleTimeout) {
        case .expired(let bufferedBytes):
            logger.debug("closing an idle connection", metadata: [
                "idle_timeout": "\(idleTimeout)", "partial_frame_bytes": "\(bufferedBytes)",
            ])
            context.close(promise: nil)
        case .checkAgain(let deadline):
            scheduleIdleCheck(at: deadline, context: context)
        case .stop:
            break
        }
    }

    private func log(_ event: ConnectionEvent, on loop: any EventLoop) {
        switch event {
        case .rejected(let rejection, let sample):
            eventLog.record(.badFrame, on: loop) {
                logger.notice("bad frame; answering and closing", metadata: [
                    "status": "\(rejection.error.status)", "error": "\(rejection.error.message)",
                    "first_bytes": "\(sample.printableSample)",
                ])
            }
        case .badRequest(let error, let requestID):
            logger.debug("bad request", metadata: ["status": "\(error.status)", "error": "\(error.message)", "request_id": "\(requestID)"])
        case .authenticationFailed(let requestID):
            eventLog.record(.wrongToken, on: loop) {
                logger.notice("AUTH with a wrong token", metadata: ["request_id": "\(requestID)"])
            }
        case .closedMidFrame(let bytes):
            logger.debug("client closed in the middle of a frame", metadata: ["partial_frame_bytes": "\(bytes)"])
        case .overBudget(let bytes, let limit):
            eventLog.record(.overBudget, on: loop) {
                logger.notice("buffered request bytes at the server's budget; answering BUSY and closing", metadata: [
                    "partial_frame_bytes": "\(bytes)", "max_buffered_bytes": "\(limit)",
                ])
            }
        }
    }
}

import NIOCore
import PodsimProtocol

/// One connection's protocol logic, without I/O: bytes and answers in, actions out.
///
/// It owns the connection's unread input and frame decoder so that it decodes a frame only when
/// there is room for it: at most `maxQueued` requests are decoded but unanswered, and while that
/// many are (or the channel is not writable) it decodes nothing and `readHold` says why, so
/// the handler stops reading and TCP pushes back on the client. (NIO's `ByteToMessageHandler`
/// would decode every complete frame of a read at once, so it could not keep that bound.)
///
/// Answers leave in request order: each request takes a slot; answers computed out of order wait
/// in their slots until every earlier one is written. Times are passed in, so tests need no clock.
struct ConnectionStateMachine {
    /// Bytes of a rejected frame kept for the log line.
    static let sampleBytes = 16
    /// An empty buffer made once: what `inbound` holds when everything read is decoded.
    private static let noBytes = ByteBuffer()

    private enum Phase: Equatable {
        /// Reading and decoding.
        case active
        /// The client half-closed: decode what is buffered, answer it, then close.
        case inputClosed
        /// No more decoding (a rejected frame, or shutdown): answer what is queued, then close.
        case closing(CloseReason)
        case closed
    }

    private enum SlotState: Equatable {
        /// Behind a running RELOAD or ADD of this connection; started when it finishes.
        case waiting(ConnectionJob)
        case running
        case done(Frame)
    }

    private struct Slot {
        var receivedAt: NIODeadline
        var state: SlotState
    }

    private let limits: ProtocolLimits
    private let maxQueued: Int
    private let authGate: AuthGate?
    private var decoder: FrameDecoder
    private var inbound = ByteBuffer()
    private var slots = CircularBuffer<Slot>()
    /// Sequence number of `slots.first`.
    private var firstSequence: UInt64 = 0
    private var phase = Phase.active
    private var writable = true
    /// The running RELOAD or ADD that later requests wait for.
    private var barrier: UInt64?
    private var authenticated: Bool
    /// Since when nothing has been in flight; nil while a request is.
    private var idleSince: NIODeadline?

    /// The most requests held decoded but unanswered at once.
    private(set) var peakQueued = 0

    /// - Parameters:
    ///   - maxQueued: requests decoded but unanswered, at most (≥ 1).
    ///   - authGate: the token check, or nil when the server needs no AUTH.
    ///   - now: when the connection started (the idle timeout counts from here).
    init(limits: ProtocolLimits, maxQueued: Int, authGate: AuthGate?, now: NIODeadline) {
        precondition(maxQueued >= 1, "maxQueued must be at least 1")
        self.limits = limits
        self.maxQueued = maxQueued
        self.authGate = authGate
        self.decoder = FrameDecoder(limits: limits)
        self.authenticated = authGate == nil
        self.idleSince = now
    }

    /// Requests decoded but not yet answered (handed to the channel).
    var queuedRequests: Int { slots.count }
    /// Bytes received and not yet decoded.
    var bufferedBytes: Int { inbound.readableBytes }
    /// Why the handler may not read from the socket now; nil when it may.
    var readHold: ReadHold? {
        guard phase == .active else { return .closing }
        if !writable { return .answersUnwritten }
        if slots.count >= maxQueued { return .queueFull }
        return nil
    }

    /// Why a connection does not read: backpressure (the first two) or its end.
    enum ReadHold: Equatable {
        /// The channel is not writable: answers pile up because the client does not read them.
        case answersUnwritten
        /// `maxQueued` requests are decoded and unanswered: the server is behind this client.
        case queueFull
        /// Half-closed, rejected or draining: nothing more is read.
        case closing
    }

    // MARK: Inputs

    /// Bytes arrived from the client.
    mutating func bytesReceived(_ bytes: ByteBuffer, now: NIODeadline) -> [ConnectionAction] {
        var actions: [ConnectionAction] = []
        bytesReceived(bytes, now: now, into: &actions)
        return actions
    }

    /// `bytesReceived(_:now:)` appending its actions to `actions` (the I/O side reuses one array).
    mutating func bytesReceived(_ bytes: ByteBuffer, now: NIODeadline, into actions: inout [ConnectionAction]) {
        guard phase == .active else { return }
        if inbound.readableBytes == 0 {
            inbound = bytes
        } else {
            // Reclaim consumed bytes once they are most of the buffer, so it does not grow without
            // bound while a client keeps pipelining.
            if inbound.readerIndex > inbound.readableBytes { inbound.discardReadBytes() }
            inbound.writeImmutableBuffer(bytes)
        }
        decodeAvailable(now: now, into: &actions)
    }

    /// The answer to `job`'s request is ready (computed inline or on a worker).
    mutating func answered(_ job: ConnectionJob, with frame: Frame, now: NIODeadline) -> [ConnectionAction] {
        var actions: [ConnectionAction] = []
        answered(job, with: frame, now: now, into: &actions)
        return actions
    }

    /// `answered(_:with:now:)` appending its actions to `actions`.
    mutating func answered(_ job: ConnectionJob, with frame: Frame, now: NIODeadline, into actions: inout [ConnectionAction]) {
        guard phase != .closed, job.sequence >= firstSequence, job.sequence - firstSequence < UInt64(slots.count)
        else { return }
        let index = slots.index(slots.startIndex, offsetBy: Int(job.sequence - firstSequence))
        guard slots[index].state == .running else { return }
        slots[index].state = .done(frame)
        if barrier == job.sequence {
            barrier = nil
            startWaitingJobs(into: &actions)
        }
        emitReadyAnswers(now: now, into: &actions)
        decodeAvailable(now: now, into: &actions)
    }

    /// The channel's writability changed (its outbound buffer crossed a water mark).
    mutating func writabilityChanged(to isWritable: Bool, now: NIODeadline) -> [ConnectionAction] {
        writable = isWritable
        var actions: [ConnectionAction] = []
        if isWritable { decodeAvailable(now: now, into: &actions) }
        return actions
    }

    /// The client closed its sending side: answer every complete request, then close.
    mutating func inputClosed(now: NIODeadline) -> [ConnectionAction] {
        guard phase == .active else { return [] }
        phase = .inputClosed
        var actions: [ConnectionAction] = []
        decodeAvailable(now: now, into: &actions)
        return actions
    }

    /// Taking in the bytes last received would put the server over its budget for buffered
    /// request bytes (`BufferBudget`, `limit` bytes): they are dropped with the rest of the
    /// unread input, the connection answers status 6 BUSY after every earlier request (carrying
    /// the partial frame's opcode and request id when its header is in), and then closes.
    mutating func overBudget(limit: Int, now: NIODeadline) -> [ConnectionAction] {
        guard phase == .active || phase == .inputClosed else { return [] }
        let held = inbound.readableBytes
        // Header: length u32, version u8, opcode u8, status u16, request id u32.
        let opcode = inbound.getInteger(at: inbound.readerIndex + 5, as: UInt8.self).map(Opcode.init(rawValue:))
        let requestID = inbound.getInteger(at: inbound.readerIndex + 8, as: UInt32.self)
        let busy = Frame.failure(
            .busy, message: "the server holds its limit of \(limit) bytes of partly received requests; try again later",
            opcode: requestID == nil ? Opcode(rawValue: 0) : opcode ?? Opcode(rawValue: 0), requestID: requestID ?? 0)
        var actions: [ConnectionAction] = [.report(.overBudget(bytes: held, limit: limit))]
        idleSince = nil
        slots.append(Slot(receivedAt: now, state: .done(busy)))
        peakQueued = max(peakQueued, slots.count)
        phase = .closing(.overBudget)
        inbound = ByteBuffer()
        emitReadyAnswers(now: now, into: &actions)
        return actions
    }

    /// The server is shutting down: decode nothing more, answer what is queued, then close.
    mutating func drain() -> [ConnectionAction] {
        switch phase {
        case .active, .inputClosed:
            inbound = ByteBuffer()
            if slots.isEmpty {
                phase = .closed
                return [.close(.drained)]
            }
            phase = .closing(.drained)
            return []
        case .closing, .closed:
            return []
        }
    }

    /// Whether the connection has been idle (no request in flight) for `timeout`.
    mutating func idleCheck(now: NIODeadline, timeout: TimeAmount) -> IdleVerdict {
        switch phase {
        case .closed, .closing:
            return .stop
        case .active, .inputClosed:
            guard let idleSince else { return .checkAgain(at: now + timeout) }
            if now - idleSince >= timeout { return .expired(bufferedBytes: inbound.readableBytes) }
            return .checkAgain(at: idleSince + timeout)
        }
    }

    /// The channel closed (by either side); everything later is ignored.
    mutating func channelClosed() {
        phase = .closed
        inbound = ByteBuffer()
        // Unanswered requests die with the connection; late answers find no slot and are dropped.
        slots.removeAll()
        barrier = nil
    }
}

// MARK: - Decoding, answering in order

extension ConnectionStateMachine {
    /// Decodes frames while there is room for them (queue below the limit, channel writable).
    private mutating func decodeAvailable(now: NIODeadline, into actions: inout [ConnectionAction]) {
        while (phase == .active || phase == .inputClosed) && writable && slots.count < maxQueued {
            // A copy of the buffer (one reference, no bytes copied) keeps the frame's first bytes
            // readable for the log sample in case the decoder rejects and discards them.
            let before = inbound
            guard let output = try? decoder.decode(buffer: &inbound) else { break }
            switch output {
            case .frame(let frame):
                accept(frame, now: now, into: &actions)
            case .rejected(let rejection):
                let sample = before.getSlice(at: before.readerIndex, length: min(Self.sampleBytes, before.readableBytes))
                    ?? ByteBuffer()
                reject(rejection, sample: sample, now: now, into: &actions)
            }
        }
        // Everything read is decoded: let go of the read's buffer, so the channel can reuse it for
        // the next read instead of allocating another (NIO pools receive buffers that nobody
        // else holds). The empty buffer is shared, so this allocates nothing.
        if inbound.readableBytes == 0 && inbound.capacity > 0 { inbound = Self.noBytes }
        // Half-closed, nothing in flight and nothing more decodes: the conversation is over.
        if phase == .inputClosed && slots.isEmpty && writable {
            if inbound.readableBytes > 0 { actions.append(.report(.closedMidFrame(bytes: inbound.readableBytes))) }
            phase = .closed
            inbound = ByteBuffer()
            actions.append(.close(.inputClosed))
        }
    }

    private mutating func accept(_ frame: Frame, now: NIODeadline, into actions: inout [ConnectionAction]) {
        actions.append(.received(frame.opcode))
        let sequence = firstSequence + UInt64(slots.count)
        idleSince = nil
        switch immediateAnswer(to: frame, into: &actions) {
        case .answer(let answer):
            slots.append(Slot(receivedAt: now, state: .done(answer)))
        case .job(let work):
            let job = ConnectionJob(sequence: sequence, work: work, opcode: frame.opcode, requestID: frame.requestID)
            if barrier != nil {
                slots.append(Slot(receivedAt: now, state: .waiting(job)))
            } else {
                slots.append(Slot(receivedAt: now, state: .running))
                if job.isModelChange { barrier = sequence }
                actions.append(.execute(job))
            }
        }
        peakQueued = max(peakQueued, slots.count)
        emitReadyAnswers(now: now, into: &actions)
    }

    private enum Disposition {
        case answer(Frame)
        case job(ConnectionJob.Work)
    }

    /// What the connection answers by itself (auth gate, malformed requests, PING, AUTH), or the
    /// decoded request for the server.
    private mutating func immediateAnswer(to frame: Frame, into actions: inout [ConnectionAction]) -> Disposition {
        // Before AUTH, only AUTH and PING are even decoded: an unauthenticated peer gets no parser.
        if !authenticated && frame.opcode != .auth && frame.opcode != .ping {
            let name = frame.opcode.name ?? "\(frame.opcode)"
            return .answer(Frame.failure(.unauthorized, message: "\(name): this server requires AUTH with its token first",
                                         opcode: frame.opcode, requestID: frame.requestID))
        }
        switch PodsimRequest.decode(frame, limits: limits) {
        case .failure(let error):
            actions.append(.report(.badRequest(error, requestID: frame.requestID)))
            return .answer(Frame.failure(error, answering: frame))
        case .success(let request):
            switch request.route {
            case .connection(.ping):
                return .answer(PodsimResponse.pong.frame(answering: frame))
            case .connection(.auth(let token)):
                guard let authGate else { return .answer(PodsimResponse.authenticated.frame(answering: frame)) }
                // The latest AUTH decides: a wrong token also ends an earlier authentication.
                authenticated = authGate.accepts(token)
                if authenticated { return .answer(PodsimResponse.authenticated.frame(answering: frame)) }
                actions.append(.report(.authenticationFailed(requestID: frame.requestID)))
                return .answer(Frame.failure(.unauthorized, message: "AUTH: wrong token",
                                             opcode: frame.opcode, requestID: frame.requestID))
            case .administration(let request):
                return .job(.administration(request))
            case .query(let query):
                return .job(.query(query))
            }
        }
    }

    /// A frame broke the framing rules: answer it after every earlier request, then close.
    private mutating func reject(_ rejection: FrameRejection, sample: ByteBuffer, now: NIODeadline,
                                 into actions: inout [ConnectionAction]) {
        actions.append(.received(rejection.opcode))
        actions.append(.report(.rejected(rejection, sample: sample)))
        idleSince = nil
        slots.append(Slot(receivedAt: now, state: .done(rejection.answer)))
        peakQueued = max(peakQueued, slots.count)
        phase = .closing(.rejected)
        inbound = ByteBuffer()
        emitReadyAnswers(now: now, into: &actions)
    }

    /// Starts the jobs that waited behind a finished RELOAD or ADD, up to the next one.
    private mutating func startWaitingJobs(into actions: inout [ConnectionAction]) {
        var index = slots.startIndex
        while index != slots.endIndex, barrier == nil {
            if case .waiting(let job) = slots[index].state {
                slots[index].state = .running
                if job.isModelChange { barrier = job.sequence }
                actions.append(.execute(job))
            }
            index = slots.index(after: index)
        }
    }

    /// Writes the answers at the head of the queue that are ready, in order; closes a closing
    /// connection once nothing is left.
    private mutating func emitReadyAnswers(now: NIODeadline, into actions: inout [ConnectionAction]) {
        while let first = slots.first, case .done(let frame) = first.state {
            slots.removeFirst()
            firstSequence += 1
            actions.append(.write(frame, receivedAt: first.receivedAt))
        }
        guard slots.isEmpty else { return }
        switch phase {
        case .closing(let reason):
            phase = .closed
            actions.append(.close(reason))
        case .active, .inputClosed:
            if idleSince == nil { idleSince = now }
        case .closed:
            break
        }
    }
}

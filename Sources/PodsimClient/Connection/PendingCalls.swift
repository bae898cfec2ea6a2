import PodsimProtocol

/// The calls one connection has sent and not yet seen answered, and the verdict on each thing
/// that can happen to them: an answer frame, a timeout, the connection's end.
///
/// Pure — no socket, no clock, no event loop — so every rule is tested without a server; the
/// channel handler only carries the verdicts out. `Call` is whatever completes a call (for the
/// handler, a promise and its timeout's timer); every call handed back is no longer waited for.
///
/// Rules (docs/PROTOCOL.md §1, §2, §11):
/// - Request ids come from a wrapping counter that skips 0 and ids still in use, so an answer
///   always names one call. Id 0 is kept for the server's connection-level answers.
/// - An answer is matched by id and must carry its request's opcode; an id no call is waiting for,
///   a wrong opcode or a malformed body is a protocol violation: every call fails and the
///   connection closes, because its framing can no longer be trusted.
/// - A non-zero status with id 0 (FRAME_TOO_LARGE, or BUSY when the server refuses the connection)
///   answers the oldest call; the server closes afterwards, so the others fail as closed.
/// - A timed-out call is abandoned, not forgotten: its id stays taken until its late answer comes,
///   which is then dropped rather than taken for a violation.
struct PendingCalls<Call> {
    /// A call that must fail, and why.
    struct Failure {
        var call: Call
        var error: PodsimClientError
    }

    /// What the handler does with an answer frame.
    enum Verdict {
        /// Complete `call` with `response` (a `.failure` response becomes a `.server` error).
        case deliver(Call, PodsimResponse, opcode: Opcode)
        /// A late answer to an abandoned call, or bytes after the connection was given up: ignore.
        case drop
        /// Fail these calls; close the connection when `close` is true.
        case fail([Failure], close: Bool)
    }

    private enum State {
        case waiting(Call)
        case abandoned
    }

    private struct Entry {
        var state: State
        var opcode: Opcode
        /// Send order, to find the oldest call.
        var sequence: UInt64
    }

    /// The server's address, for messages (`127.0.0.1:7411`).
    let peer: String
    private var entries: [UInt32: Entry] = [:]
    /// The id the next call tries first (then upwards, wrapping, past 0 and ids in use).
    var nextID: UInt32 = 1
    private var sent: UInt64 = 0
    /// True once the connection is given up: no more calls start, no more answers count.
    private(set) var isClosed = false
    /// The connection-level answer (request id 0) the server closed the connection with.
    private var closingAnswer: ErrorResponse?

    init(peer: String) {
        self.peer = peer
    }

    /// Calls sent and not yet answered, abandoned ones included.
    var count: Int { entries.count }

    /// Registers a call about to be sent with `opcode` and returns its request id; on a connection
    /// already given up, the error to fail the call with instead (nothing is sent, and `makeCall`
    /// is not called). `makeCall` builds the call for its id, so that whatever belongs to one
    /// call (its promise, its timeout's timer) lives in its one entry.
    mutating func start(opcode: Opcode, _ makeCall: (UInt32) -> Call) -> Result<UInt32, PodsimClientError> {
        guard !isClosed else { return .failure(refusal(opcode)) }
        var id = nextID
        while id == 0 || entries[id] != nil { id &+= 1 }
        nextID = id &+ 1
        sent += 1
        entries[id] = Entry(state: .waiting(makeCall(id)), opcode: opcode, sequence: sent)
        return .success(id)
    }

    /// Why a call cannot start on this closed connection: the server's closing answer when there
    /// was one (it may refuse a connection with BUSY before the first call is even written).
    func refusal(_ opcode: Opcode?) -> PodsimClientError {
        if let closingAnswer { return .server(closingAnswer, opcode: opcode) }
        return PodsimClientError(
            .connectionClosed, "the connection to \(peer) is closed; \(opcode.map { "\($0)" } ?? "the request") was not sent",
            opcode: opcode)
    }

    /// The call with `id` could not be sent (the write failed): take it back, nil when gone.
    mutating func remove(_ id: UInt32) -> Call? {
        guard case .waiting(let call) = entries.removeValue(forKey: id)?.state else { return nil }
        return call
    }

    /// The verdict on one answer frame from the server.
    mutating func received(_ frame: Frame) -> Verdict {
        guard !isClosed else { return .drop }
        if frame.requestID == 0 && frame.status != .ok {
            return connectionLevelAnswer(frame)
        }
        guard let entry = entries.removeValue(forKey: frame.requestID) else {
            return violation("an answer (\(frame.opcode), \(frame.status)) for request id \(frame.requestID), which no call is waiting for")
        }
        guard entry.opcode == frame.opcode else {
            return violation("the answer to request id \(frame.requestID) carries \(frame.opcode), but the request was \(entry.opcode)",
                             also: entry)
        }
        guard case .waiting(let call) = entry.state else { return .drop }
        switch PodsimResponse.decode(frame) {
        case .success(let response):
            return .deliver(call, response, opcode: entry.opcode)
        case .failure(let error):
            return violation("a malformed answer to \(entry.opcode): \(error.message)", also: entry)
        }
    }

    /// The frame decoder refused the server's bytes (a length above the client's max frame size,
    /// a version other than 1): every call fails and the connection closes.
    mutating func framingFailed(_ rejection: FrameRejection) -> Verdict {
        guard !isClosed else { return .drop }
        return violation("a frame that breaks the framing rules: \(rejection.error.message)")
    }

    /// The call with `id` waited `timeout` in vain: it fails, and its id stays taken.
    mutating func timedOut(_ id: UInt32, after timeout: Duration) -> Failure? {
        guard var entry = entries[id], case .waiting(let call) = entry.state else { return nil }
        entry.state = .abandoned
        entries[id] = entry
        let error = PodsimClientError(
            .timeout, "no answer to \(entry.opcode) from \(peer) within \(Self.seconds(timeout))", opcode: entry.opcode)
        return Failure(call: call, error: error)
    }

    /// The connection ended (closed by the server, or by this side after an I/O error named by
    /// `reason`): every waiting call fails; nothing starts any more.
    mutating func connectionClosed(reason: String? = nil) -> [Failure] {
        let (peer, because) = (self.peer, reason.map { " (\($0))" } ?? "")
        return closeAll { opcode in
            PodsimClientError(
                .connectionClosed, "the connection to \(peer) closed before \(opcode) was answered\(because)",
                opcode: opcode)
        }
    }

    /// The client itself closed the connection: every waiting call fails as `.clientClosed`.
    mutating func clientClosed() -> [Failure] {
        closeAll { opcode in
            PodsimClientError(.clientClosed, "the client was closed before \(opcode) was answered", opcode: opcode)
        }
    }

    // MARK: Helpers

    private mutating func closeAll(_ error: (Opcode) -> PodsimClientError) -> [Failure] {
        isClosed = true
        return takeWaiting().map { Failure(call: $0.call, error: error($0.opcode)) }
    }

    private mutating func connectionLevelAnswer(_ frame: Frame) -> Verdict {
        guard case .success(.failure(let answer)) = PodsimResponse.decode(frame) else {
            return violation("a malformed \(frame.status) answer for request id 0")
        }
        isClosed = true
        closingAnswer = answer
        let waiting = takeWaiting()
        let failures = waiting.enumerated().map { index, waiting in
            let error = index == 0
                ? PodsimClientError.server(answer, opcode: waiting.opcode)
                : PodsimClientError(
                    .connectionClosed,
                    "the server at \(peer) answered an earlier request with \(answer.status) (\(answer.message)) and closes the connection",
                    status: answer.status, opcode: waiting.opcode)
            return Failure(call: waiting.call, error: error)
        }
        return .fail(failures, close: true)
    }

    /// Every call fails with a protocol violation; `also` is an entry already taken out.
    private mutating func violation(_ what: String, also taken: Entry? = nil) -> Verdict {
        isClosed = true
        var waiting = takeWaiting()
        if let taken, case .waiting(let call) = taken.state { waiting.insert((call, taken.opcode), at: 0) }
        let message = "the server at \(peer) sent \(what); the connection is closed"
        return .fail(waiting.map { call, opcode in
            Failure(call: call, error: PodsimClientError(.protocolViolation, message, opcode: opcode))
        }, close: true)
    }

    /// Removes every entry; returns the waiting calls, oldest first.
    private mutating func takeWaiting() -> [(call: Call, opcode: Opcode)] {
        let ordered = entries.values.sorted { $0.sequence < $1.sequence }
        entries.removeAll()
        return ordered.compactMap { entry in
            guard case .waiting(let call) = entry.state else { return nil }
            return (call, entry.opcode)
        }
    }

    /// `"5 s"`, `"0.25 s"`.
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) + Double(attoseconds) / 1e18
        return value == value.rounded() ? "\(Int64(value)) s" : "\(value) s"
    }
}

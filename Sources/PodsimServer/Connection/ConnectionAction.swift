import NIOCore
import PodsimProtocol

/// A request the connection cannot answer by itself: it needs the model or the server (INFO,
/// queries, STATS, RELOAD, ADD). The answer comes back as `ConnectionStateMachine.answered`.
struct ConnectionJob: Sendable, Hashable {
    /// What the server must do.
    enum Work: Sendable, Hashable {
        case administration(AdministrationRequest)
        case query(ModelQuery)
    }

    /// The connection's running count of requests; identifies the answer's slot.
    var sequence: UInt64
    var work: Work
    /// The opcode the answer carries.
    var opcode: Opcode
    /// Its request id, echoed in the answer.
    var requestID: UInt32

    /// RELOAD and ADD change the model: later requests of the same connection wait for them, so a
    /// client that ADDs then asks sees its own episodes.
    var isModelChange: Bool {
        if case .administration(let request) = work { return request.changesModel }
        return false
    }
}

/// What the I/O side of a connection must do, in order, after an input to the state machine.
enum ConnectionAction: Hashable {
    /// Count a request frame with this opcode (STATS).
    case received(Opcode)
    /// Work out the answer to `job` (inline or on a worker) and report it with `answered`.
    case execute(ConnectionJob)
    /// Write this answer (answers come in request order); `receivedAt` is when its request was
    /// read, for the latency histogram.
    case write(Frame, receivedAt: NIODeadline)
    /// Something worth a log line.
    case report(ConnectionEvent)
    /// Close the connection once the writes already issued have gone out.
    case close(CloseReason)
}

/// Why a connection is closed by the server.
enum CloseReason: Hashable, Sendable {
    /// A frame broke the framing rules (status 4 or 5 was answered).
    case rejected
    /// The client sent its last bytes (half-close) and every request is answered.
    case inputClosed
    /// The server is shutting down and every request is answered.
    case drained
    /// The server-wide budget for buffered request bytes was full (status 6 was answered).
    case overBudget
}

/// Log-worthy things that happen on a connection (the I/O side picks the level).
enum ConnectionEvent: Hashable {
    /// A frame broke the framing rules; `sample` is the first bytes of the offending frame.
    case rejected(FrameRejection, sample: ByteBuffer)
    /// A request was answered with status 1 or 3.
    case badRequest(ProtocolError, requestID: UInt32)
    /// AUTH presented a wrong token (the token itself is never reported).
    case authenticationFailed(requestID: UInt32)
    /// The client closed its side in the middle of a frame; `bytes` were never completed.
    case closedMidFrame(bytes: Int)
    /// The connection's input (`bytes` held) would have put the server past its budget of
    /// `limit` buffered request bytes; it was answered BUSY and closed.
    case overBudget(bytes: Int, limit: Int)
}

/// The idle check's verdict.
enum IdleVerdict: Hashable {
    /// Idle for the whole timeout: close (a partial frame of `bufferedBytes` may be pending).
    case expired(bufferedBytes: Int)
    /// Check again at this time.
    case checkAgain(at: NIODeadline)
    /// The connection is closing or closed; no more checks.
    case stop
}

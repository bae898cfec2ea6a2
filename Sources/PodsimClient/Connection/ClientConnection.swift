import NIOConcurrencyHelpers
import NIOCore
import PodsimProtocol

/// One connection as the client holds it: the channel, and — once the handler has given the
/// connection up — the reason, shared with the handler.
///
/// A call whose request never reaches the handler (the channel closed between the client picking
/// it and writing to it) learns why from here: when the server refused the connection with BUSY
/// just after accepting it, that call fails with status 6, not with NIO's "I/O on closed channel".
struct ClientConnection: Sendable {
    let channel: any Channel
    /// Set by the connection's `ClientChannelHandler` when it gives the connection up.
    let closeReason: CloseReason

    /// Why a connection was given up; the first reason stays.
    final class CloseReason: Sendable {
        private let reason = NIOLockedValueBox<PodsimClientError?>(nil)

        init() {}

        var error: PodsimClientError? { reason.withLockedValue { $0 } }

        func record(_ error: PodsimClientError) {
            reason.withLockedValue { $0 = $0 ?? error }
        }
    }

    /// The error for a call with `opcode` that could not be written: the handler's reason, or the
    /// write's own error.
    func unsent(_ opcode: Opcode, endpoint: String, writeError: any Error) -> UnsentCall {
        guard var reason = closeReason.error else {
            return UnsentCall(error: PodsimClientError(
                .connectionClosed, "could not send \(opcode) to \(endpoint): \(writeError)", opcode: opcode))
        }
        reason.opcode = opcode
        return UnsentCall(error: reason)
    }
}

/// A call that failed before any byte of its request was written — its connection closed just
/// before — so it may be sent again on a new connection, even an ADD.
struct UnsentCall: Error {
    let error: PodsimClientError
}

/// The one error type of the protocol module: a frame or body that breaks the protocol.
///
/// `status` is what a server answers with (1 BAD_REQUEST for a malformed body, 3 UNKNOWN_OPCODE,
/// 4 UNSUPPORTED_VERSION, 5 FRAME_TOO_LARGE); `message` names the message, the field and the byte
/// offset in the body, and is short enough to send back as the answer's `str message`.
public struct ProtocolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The status a server answers this error with.
    public var status: Status
    /// What went wrong, for a person: message, field, offset, limit.
    public var message: String

    public init(_ status: Status, _ message: String) {
        self.status = status
        self.message = message
    }

    /// A malformed body (status 1).
    static func badRequest(_ message: String) -> ProtocolError {
        ProtocolError(.badRequest, message)
    }

    public var description: String { "\(status): \(message)" }
}

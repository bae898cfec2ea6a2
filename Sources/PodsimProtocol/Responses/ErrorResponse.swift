/// An answer with a non-zero status: its body is `str message`.
///
/// The status may be one this codec does not know; a client treats it as an error all the same.
public struct ErrorResponse: Sendable, Hashable, CustomStringConvertible {
    /// The answer's status (never 0).
    public var status: Status
    /// The server's explanation, for a person.
    public var message: String

    public init(status: Status, message: String) {
        self.status = status
        self.message = message
    }

    /// The answer a server sends for a request that failed to decode.
    public init(_ error: ProtocolError) {
        self.init(status: error.status, message: error.message)
    }

    public var description: String { "\(status): \(message)" }
}

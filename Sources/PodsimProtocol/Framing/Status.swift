/// What a response says about its request (bytes 6–7 of the frame; always 0 in a request).
///
/// A struct rather than an enum so that a client can carry a status it does not know: the contract
/// says such a status is an error with a message, not a reason to drop the connection.
public struct Status: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// 0: the request was answered.
    public static let ok = Status(rawValue: 0)
    /// 1: body malformed, bad UTF-8, k, flags or options out of range.
    public static let badRequest = Status(rawValue: 1)
    /// 2: an episode id or guest name the model does not know.
    public static let notFound = Status(rawValue: 2)
    /// 3: an opcode this server does not know.
    public static let unknownOpcode = Status(rawValue: 3)
    /// 4: version ≠ 1; the connection is closed after the answer.
    public static let unsupportedVersion = Status(rawValue: 4)
    /// 5: length < 8 or above the max frame size; the connection is closed after the answer.
    public static let frameTooLarge = Status(rawValue: 5)
    /// 6: the server is over its limits (connections or queued requests); it may close.
    public static let busy = Status(rawValue: 6)
    /// 7: authentication is required and was missing or wrong.
    public static let unauthorized = Status(rawValue: 7)
    /// 8: a fault on the server's side; the server keeps serving.
    public static let `internal` = Status(rawValue: 8)
    /// 9 (addition): RELOAD refused the new model file; the old model keeps serving.
    public static let modelRejected = Status(rawValue: 9)

    /// What happens to the connection after an answer with this status.
    public enum ConnectionFate: Sendable, Hashable {
        /// The connection stays open and usable.
        case open
        /// The server may close the connection after the answer (BUSY).
        case mayClose
        /// The server closes the connection after the answer.
        case closed
    }

    /// The connection fate the protocol assigns to this status; unknown statuses leave it open.
    public var connectionFate: ConnectionFate {
        switch self {
        case .unsupportedVersion, .frameTooLarge: .closed
        case .busy: .mayClose
        default: .open
        }
    }

    /// The protocol name (`"NOT_FOUND"`), or nil for a status this codec does not know.
    public var name: String? {
        switch self {
        case .ok: "OK"
        case .badRequest: "BAD_REQUEST"
        case .notFound: "NOT_FOUND"
        case .unknownOpcode: "UNKNOWN_OPCODE"
        case .unsupportedVersion: "UNSUPPORTED_VERSION"
        case .frameTooLarge: "FRAME_TOO_LARGE"
        case .busy: "BUSY"
        case .unauthorized: "UNAUTHORIZED"
        case .internal: "INTERNAL"
        case .modelRejected: "MODEL_REJECTED"
        default: nil
        }
    }

    /// `"NOT_FOUND (2)"`, or `"status 42"` when unknown.
    public var description: String {
        name.map { "\($0) (\(rawValue))" } ?? "status \(rawValue)"
    }
}

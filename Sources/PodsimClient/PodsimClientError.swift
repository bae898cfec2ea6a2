import PodsimProtocol

/// The one error type of the client: why a call has no answer, with what a caller needs to act.
///
/// A struct with a `Code` (the postgres-nio pattern) so that new codes do not break callers that
/// switch over them. A server's answer with a non-zero status is `.server`, with the status (known
/// to this client or not) in `status` and the server's own words in `message`.
///
/// ```swift
/// do { _ = try await client.episode("nope") }
/// catch where error.status == .notFound { print(error.message) }
/// ```
public struct PodsimClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The server answered with a non-zero status (`status`, and its message in `message`).
        /// The connection stays usable unless the status closes it (4, 5, and possibly 6).
        public static let server = Code("server error")
        /// No answer within `Configuration.requestTimeout`. The request may still be carried out
        /// by the server (an ADD may still land); its late answer is dropped.
        public static let timeout = Code("timeout")
        /// No connection could be made: refused, unreachable, unresolvable, the connect timeout,
        /// or the AUTH of `Configuration.authToken` refused (then `status` is 7).
        public static let connectionFailed = Code("connection failed")
        /// The connection closed before the answer came. The next call connects again.
        public static let connectionClosed = Code("connection closed")
        /// The server sent bytes that break the protocol (an unknown request id, a malformed body,
        /// an oversized frame); the connection was closed, and the next call connects again.
        public static let protocolViolation = Code("protocol violation")
        /// The request cannot be sent as asked (a `k` that is not a u16, a frame above the
        /// client's `maxFrameBytes`); nothing was sent.
        public static let invalidRequest = Code("invalid request")
        /// `close()` was called on the client.
        public static let clientClosed = Code("client closed")
        /// The calling task was cancelled while it waited; the server may still answer, unheard.
        public static let cancelled = Code("cancelled")
    }

    /// The kind of failure.
    public var code: Code
    /// The server's status for `.server` (and for a refused AUTH); nil otherwise.
    public var status: Status?
    /// One line for a person: the server's message for `.server`, otherwise what happened,
    /// naming the server's address and the request.
    public var message: String
    /// The opcode of the request that failed; nil when the failure is not about one request.
    public var opcode: Opcode?

    public init(_ code: Code, _ message: String, status: Status? = nil, opcode: Opcode? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.opcode = opcode
    }

    /// A non-zero status answered to `opcode`, carrying the server's message verbatim.
    static func server(_ failure: ErrorResponse, opcode: Opcode?) -> PodsimClientError {
        PodsimClientError(.server, failure.message, status: failure.status, opcode: opcode)
    }

    /// `"NOT_FOUND (2): unknown episode id …"` for a server's answer; `"timeout: …"` otherwise.
    public var description: String {
        if code == .server, let status { return "\(status): \(message)" }
        return "\(code): \(message)"
    }
}

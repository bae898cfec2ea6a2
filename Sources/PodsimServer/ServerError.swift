/// The one error type of the server module: what went wrong and what a user needs to act on it.
///
/// A struct with a `Code` (as in postgres-nio) so that new codes do not break callers that switch.
public struct ServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// `ServerConfiguration` holds impossible or unsafe values (the message lists each field).
        public static let invalidConfiguration = Code("invalid configuration")
        /// The model could not be loaded (start-up, RELOAD, SIGHUP); the message is the loader's.
        public static let modelRejected = Code("model rejected")
        /// The listening socket could not be opened (address in use, no permission…).
        public static let bindFailed = Code("bind failed")
        /// The TLS certificate or key could not be read, or the key does not fit the certificate.
        public static let tlsUnusable = Code("TLS unusable")
        /// `start()` was called on a server that is already running or was shut down.
        public static let alreadyStarted = Code("already started")
        /// An operation that needs a running server (reload) was asked of one that is not running.
        public static let notRunning = Code("not running")

        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// One line for a person: the field, file or address, and what is wrong with it.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

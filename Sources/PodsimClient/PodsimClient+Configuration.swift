import PodsimProtocol

extension PodsimClient {
    /// Everything a client can be told besides where the server is: timeouts, the AUTH token and
    /// the largest frame it sends or accepts. A plain value; the defaults suit a server on the
    /// same network. Its `description` never shows the token.
    public struct Configuration: Sendable, Hashable, CustomStringConvertible {
        /// How long opening the TCP connection may take. Default 5 s; then `.connectionFailed`.
        public var connectTimeout: Duration = .seconds(5)
        /// How long one call waits for its answer, counted from when its request is handed to the
        /// connection. Default 30 s (a RELOAD or ADD of a large model takes seconds); nil waits
        /// forever. Then the call fails with `.timeout` and its late answer is dropped.
        public var requestTimeout: Duration? = .seconds(30)
        /// When set, every new connection presents this token with AUTH before anything else, so
        /// a reconnect is authenticated too. Default nil (the server needs no token).
        public var authToken: String? = nil
        /// TLS for every connection, for a server started with a certificate. Default nil: plain TCP.
        public var tls: TLS? = nil
        /// Largest frame (`length` field: 8 + body bytes) the client accepts from the server or
        /// sends, in bytes. Default 1 MiB (1,048,576), the server's default. A larger answer is a
        /// protocol violation; a larger request fails with `.invalidRequest` before it is sent.
        public var maxFrameBytes: Int = ProtocolLimits().maxFrameBytes

        /// The defaults above.
        public init() {}

        /// The defaults, with these fields changed.
        public init(
            connectTimeout: Duration = .seconds(5), requestTimeout: Duration? = .seconds(30),
            authToken: String? = nil, maxFrameBytes: Int = ProtocolLimits().maxFrameBytes
        ) {
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.authToken = authToken
            self.maxFrameBytes = maxFrameBytes
        }

        public var description: String {
            "PodsimClient.Configuration(connectTimeout: \(connectTimeout), "
                + "requestTimeout: \(requestTimeout.map { "\($0)" } ?? "none"), "
                + "authToken: \(authToken == nil ? "none" : "set"), tls: \(tls.map { "\($0)" } ?? "none"), "
            + "maxFrameBytes: \(maxFrameBytes))"
        }
    }
}

/// What the server holds right now, for operators and tests: the numbers that show its limits
/// work (connections, queued requests, buffered input).
public struct ServerGauges: Sendable, Hashable {
    /// Connections open now (refused ones never count).
    public var openConnections: Int
    /// Connections accepted since start (refused ones not counted).
    public var connectionsAccepted: UInt64
    /// Requests decoded but not yet answered, all connections together.
    public var queuedRequests: Int
    /// The most requests any one connection has held decoded but unanswered at once; never above
    /// `ServerConfiguration.maxQueuedRequestsPerConnection`.
    public var peakQueuedRequestsPerConnection: Int
    /// The most bytes any one connection has held received but not yet decoded, in bytes: the
    /// frame being assembled plus at most one socket read (64 KiB) taken in before reading paused.
    public var peakBufferedBytesPerConnection: Int
    /// Connections not reading their socket now because `maxQueuedRequestsPerConnection` of
    /// their requests wait for answers: the server is behind them.
    public var connectionsPausedByQueue: Int
    /// Connections not reading their socket now because their answers are not going out (the
    /// channel is not writable: the client does not read them): the client is behind.
    public var connectionsPausedByUnreadAnswers: Int
}

/// The sizes a peer may send, checked before anything is allocated from them.
///
/// A server and its clients may configure different limits; the defaults are the contract's.
public struct ProtocolLimits: Sendable, Hashable {
    /// Largest frame `length` field accepted (bytes after the length field: 8 + body), in bytes.
    /// Default 1 MiB (1,048,576). A longer frame is answered with status 5 and the connection closed.
    public var maxFrameBytes: Int
    /// Largest `k` (hits asked for) accepted by SIMILAR, SEARCH, GUESTS, EXPLAIN, GUESTS_LIKE.
    /// Default 1000; at most 65,535 since `k` is a u16. Above it is status 1.
    public var maxK: Int
    /// Largest request string (search text, topic, episode id, guest name, show, token), in UTF-8
    /// bytes. Default 64 KiB (65,536). ADD's `jsonl` is bounded by `maxFrameBytes` instead.
    public var maxTextBytes: Int

    /// The contract's defaults: 1 MiB frames, k up to 1000, strings up to 64 KiB.
    public init(maxFrameBytes: Int = 1 << 20, maxK: Int = 1000, maxTextBytes: Int = 1 << 16) {
        precondition(maxFrameBytes >= Frame.headerBytes && maxFrameBytes <= Int(UInt32.max),
                     "maxFrameBytes must be 8…\(UInt32.max), got \(maxFrameBytes)")
        precondition((1...Int(UInt16.max)).contains(maxK), "maxK must be 1…65535, got \(maxK)")
        precondition(maxTextBytes >= 0, "maxTextBytes must not be negative, got \(maxTextBytes)")
        self.maxFrameBytes = maxFrameBytes
        self.maxK = maxK
        self.maxTextBytes = maxTextBytes
    }
}

import NIOCore

/// SEARCH (0x11): `str text, u16 k, u8 flags`, then optional TLV options.
/// Answered with `list<EpisodeHit>`. Flags bit 0 is reserved and ignored.
public struct SearchRequest: Sendable, Hashable {
    /// Free text, at most max text length (default 64 KiB) of UTF-8.
    public var text: String
    /// Hits wanted, 1…max k (default 1000).
    public var k: UInt16
    /// Bit 0 reserved (ignored); other bits must be 0.
    public var flags: QueryFlags
    /// Filters and diversity; empty for a core request.
    public var options: QueryOptions

    public init(text: String, k: UInt16, flags: QueryFlags = [], options: QueryOptions = .none) {
        self.text = text
        self.k = k
        self.flags = flags
        self.options = options
    }

    init(reading reader: inout BodyReader, limits: ProtocolLimits) throws(ProtocolError) {
        text = try reader.readText("text", limits)
        (k, flags, options) = try reader.readQueryTail(limits)
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeWireString(text)
        buffer.writeQueryTail(k: k, flags: flags, options: options)
    }
}

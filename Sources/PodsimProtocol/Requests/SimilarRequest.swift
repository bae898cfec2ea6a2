import NIOCore

/// SIMILAR (0x10): `str episode_id, u16 k, u8 flags`, then optional TLV options.
/// Answered with `list<EpisodeHit>`, never including the asked-about episode.
public struct SimilarRequest: Sendable, Hashable {
    /// The episode to find neighbours of.
    public var episodeID: String
    /// Hits wanted, 1…max k (default 1000).
    public var k: UInt16
    /// Bit 0: leave out episodes of the same show.
    public var flags: QueryFlags
    /// Filters and diversity; empty for a core request.
    public var options: QueryOptions

    public init(episodeID: String, k: UInt16, flags: QueryFlags = [], options: QueryOptions = .none) {
        self.episodeID = episodeID
        self.k = k
        self.flags = flags
        self.options = options
    }

    init(reading reader: inout BodyReader, limits: ProtocolLimits) throws(ProtocolError) {
        episodeID = try reader.readText("episode_id", limits)
        (k, flags, options) = try reader.readQueryTail(limits)
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeWireString(episodeID)
        buffer.writeQueryTail(k: k, flags: flags, options: options)
    }
}

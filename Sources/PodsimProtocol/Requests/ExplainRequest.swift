import NIOCore

/// EXPLAIN (0x14, addition): `str episode_a, str episode_b, u16 k`. Answered with
/// `list<TermContribution>`: the k terms that add most to the two episodes' similarity, largest
/// first. An unknown episode is status 2.
public struct ExplainRequest: Sendable, Hashable {
    /// The first episode's id.
    public var episodeA: String
    /// The second episode's id.
    public var episodeB: String
    /// Terms wanted, 1…max k (default 1000).
    public var k: UInt16

    public init(episodeA: String, episodeB: String, k: UInt16) {
        self.episodeA = episodeA
        self.episodeB = episodeB
        self.k = k
    }

    init(reading reader: inout BodyReader, limits: ProtocolLimits) throws(ProtocolError) {
        episodeA = try reader.readText("episode_a", limits)
        episodeB = try reader.readText("episode_b", limits)
        k = try reader.readK(limits)
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeWireString(episodeA)
        buffer.writeWireString(episodeB)
        buffer.writeInteger(k)
    }
}

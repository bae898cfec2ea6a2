import NIOCore

/// SIMILAR_SHOWS (0x17, v1.1): `str show, u16 k`. Answered with `list<ShowHit>`, best first,
/// never the show itself. An unknown show is status 2.
public struct SimilarShowsRequest: Sendable, Hashable {
    /// The show's name exactly as the catalogue spells it.
    public var show: String
    /// Shows wanted, 1…max k (default 1000).
    public var k: UInt16

    public init(show: String, k: UInt16) {
        self.show = show
        self.k = k
    }

    init(reading reader: inout BodyReader, limits: ProtocolLimits) throws(ProtocolError) {
        show = try reader.readText("show", limits)
        k = try reader.readK(limits)
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeWireString(show)
        buffer.writeInteger(k)
    }
}

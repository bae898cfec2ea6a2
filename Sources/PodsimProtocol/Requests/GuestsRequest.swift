import NIOCore

/// GUESTS (0x12): `str topic, u16 k`. Answered with `list<GuestHit>`; hosts are not guests.
public struct GuestsRequest: Sendable, Hashable {
    /// Free text naming the topic, at most max text length (default 64 KiB).
    public var topic: String
    /// Guests wanted, 1…max k (default 1000).
    public var k: UInt16

    public init(topic: String, k: UInt16) {
        self.topic = topic
        self.k = k
    }

    init(reading reader: inout BodyReader, limits: ProtocolLimits) throws(ProtocolError) {
        topic = try reader.readText("topic", limits)
        k = try reader.readK(limits)
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeWireString(topic)
        buffer.writeInteger(k)
    }
}

import NIOCore

/// GUESTS (0x12): `str topic, u16 k`, then optional TLV options (v1.1). Answered with `list<GuestHit>`; hosts are not guests.
public struct GuestsRequest: Sendable, Hashable {
    /// Free text naming the topic, at most max text length (default 64 KiB).
    public var topic: String
    /// Guests wanted, 1…max k (default 1000).
    public var k: UInt16
    /// Evidence filters and guests left out (`GuestsOptions`); empty for a v1 request.
    public var options: GuestsOptions

    public init(topic: String, k: UInt16, options: GuestsOptions = .none) {
        self.topic = topic
        self.k = k
        self.options = options
    }

    init(reading reader: inout BodyReader, limits: ProtocolLimits) throws(ProtocolError) {
        topic = try reader.readText("topic", limits)
        k = try reader.readK(limits)
        options = try GuestsOptions(reading: &reader, limits: limits)
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeWireString(topic)
        buffer.writeInteger(k)
        options.write(to: &buffer)
    }
}

import NIOCore

/// GUESTS_LIKE (0x15, addition): `str guest_name, u16 k`, then the options of GUESTS. Answered with `list<GuestHit>`:
/// the guests whose episodes sit closest to this guest's, the guest left out. An unknown
/// guest is status 2.
public struct GuestsLikeRequest: Sendable, Hashable {
    /// The guest's name as the catalogue spells it.
    public var guestName: String
    /// Guests wanted, 1…max k (default 1000).
    public var k: UInt16
    /// Evidence filters and guests left out (`GuestsOptions`); empty for a v1 request.
    public var options: GuestsOptions

    public init(guestName: String, k: UInt16, options: GuestsOptions = .none) {
        self.guestName = guestName
        self.k = k
        self.options = options
    }

    init(reading reader: inout BodyReader, limits: ProtocolLimits) throws(ProtocolError) {
        guestName = try reader.readText("guest_name", limits)
        k = try reader.readK(limits)
        options = try GuestsOptions(reading: &reader, limits: limits)
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeWireString(guestName)
        buffer.writeInteger(k)
        options.write(to: &buffer)
    }
}

import NIOCore

/// The DELETE answer (v1.1): `u32 deleted, u32 episodes_total`.
public struct DeleteResult: Sendable, Hashable, WireElement {
    /// Episodes removed by this request (ids the model did not know are not counted).
    public var deleted: UInt32
    /// Episodes in the model afterwards.
    public var episodesTotal: UInt32

    public init(deleted: UInt32, episodesTotal: UInt32) {
        self.deleted = deleted
        self.episodesTotal = episodesTotal
    }

    static let minimumWireBytes = 4 + 4

    init(reading reader: inout BodyReader) throws(ProtocolError) {
        deleted = try reader.readInteger("deleted")
        episodesTotal = try reader.readInteger("episodes_total")
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeInteger(deleted)
        buffer.writeInteger(episodesTotal)
    }
}

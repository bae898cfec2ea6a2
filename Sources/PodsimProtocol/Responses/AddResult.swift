import NIOCore

/// The ADD answer (addition): `u32 added, u32 episodes_total, f32 unknown_term_share, u8 refit_due`.
public struct AddResult: Sendable, Hashable, WireElement {
    /// Episodes folded in by this request.
    public var added: UInt32
    /// Episodes in the model afterwards.
    public var episodesTotal: UInt32
    /// Share of the added episodes' terms (occurrences) missing from the model's vocabulary,
    /// in [0, 1]; folding in ignores them, so a high share means the model is going stale.
    public var unknownTermShare: Float
    /// True when the server judges a full refit due (on the wire: u8 0 or 1; other values are
    /// malformed).
    public var refitDue: Bool

    public init(added: UInt32, episodesTotal: UInt32, unknownTermShare: Float, refitDue: Bool) {
        self.added = added
        self.episodesTotal = episodesTotal
        self.unknownTermShare = unknownTermShare
        self.refitDue = refitDue
    }

    static let minimumWireBytes = 4 + 4 + 4 + 1

    init(reading reader: inout BodyReader) throws(ProtocolError) {
        added = try reader.readInteger("added")
        episodesTotal = try reader.readInteger("episodes_total")
        unknownTermShare = try reader.readFloat("unknown_term_share")
        refitDue = try reader.readBool("refit_due")
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeInteger(added)
        buffer.writeInteger(episodesTotal)
        buffer.writeWireFloat(unknownTermShare)
        buffer.writeWireBool(refitDue)
    }
}

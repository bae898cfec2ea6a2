import NIOCore

/// One guest in a GUESTS or GUESTS_LIKE answer: `str name, f32 score, list<str> episode_ids`.
public struct GuestHit: Sendable, Hashable, WireElement {
    /// The guest's name (a person; hosts of a show are not guests).
    public var name: String
    /// Cosine similarity in the model's space, in [-1, 1]; guests come best first.
    public var score: Float
    /// The guest's episodes that earned the score, best first.
    public var episodeIDs: [String]

    public init(name: String, score: Float, episodeIDs: [String]) {
        self.name = name
        self.score = score
        self.episodeIDs = episodeIDs
    }

    static let minimumWireBytes = 4 + 4 + 4

    init(reading reader: inout BodyReader) throws(ProtocolError) {
        name = try reader.readString("name")
        score = try reader.readFloat("score")
        episodeIDs = try reader.readStrings("episode_ids")
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeWireString(name)
        buffer.writeWireFloat(score)
        buffer.writeWireStrings(episodeIDs)
    }
}

import NIOCore

/// One episode in a SIMILAR or SEARCH answer: `str id, f32 score, str show, str title`.
public struct EpisodeHit: Sendable, Hashable, WireElement {
    /// The episode's id.
    public var id: String
    /// Cosine similarity in the model's space, in [-1, 1]; hits come best first.
    public var score: Float
    /// The show the episode belongs to.
    public var show: String
    /// The episode's title.
    public var title: String

    public init(id: String, score: Float, show: String, title: String) {
        self.id = id
        self.score = score
        self.show = show
        self.title = title
    }

    static let minimumWireBytes = 4 + 4 + 4 + 4

    init(reading reader: inout BodyReader) throws(ProtocolError) {
        id = try reader.readString("id")
        score = try reader.readFloat("score")
        show = try reader.readString("show")
        title = try reader.readString("title")
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeWireString(id)
        buffer.writeWireFloat(score)
        buffer.writeWireString(show)
        buffer.writeWireString(title)
    }
}

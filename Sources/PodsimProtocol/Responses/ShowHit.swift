import NIOCore

/// One show in a SIMILAR_SHOWS answer: `str show, f32 score, u32 episodes, list<str> episode_ids`.
public struct ShowHit: Sendable, Hashable, WireElement {
    /// The show's name.
    public var show: String
    /// Cosine similarity of the two shows' vectors, in [-1, 1]; shows come best first.
    public var score: Float
    /// How many episodes the show has in the model.
    public var episodes: UInt32
    /// Up to 3 of the show's episodes that earned the score, best first.
    public var episodeIDs: [String]

    public init(show: String, score: Float, episodes: UInt32, episodeIDs: [String]) {
        self.show = show
        self.score = score
        self.episodes = episodes
        self.episodeIDs = episodeIDs
    }

    static let minimumWireBytes = 4 + 4 + 4 + 4

    init(reading reader: inout BodyReader) throws(ProtocolError) {
        show = try reader.readString("show")
        score = try reader.readFloat("score")
        episodes = try reader.readInteger("episodes")
        episodeIDs = try reader.readStrings("episode_ids")
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeWireString(show)
        buffer.writeWireFloat(score)
        buffer.writeInteger(episodes)
        buffer.writeWireStrings(episodeIDs)
    }
}

/// One episode in an answer: `similar`, `search`.
public struct EpisodeMatch: Sendable, Equatable, Codable {
    public var id: String
    /// Cosine similarity in the latent space, in [-1, 1].
    public var score: Float
    public var show: String
    public var title: String

    public init(id: String, score: Float, show: String, title: String) {
        self.id = id
        self.score = score
        self.show = show
        self.title = title
    }
}

/// One guest in an answer: `guests`, `guestsLike`.
public struct GuestMatch: Sendable, Equatable, Codable {
    public var name: String
    /// The guest's best episode cosine for the topic (see `Recommender.guests`).
    public var score: Float
    /// The guest's best matching episodes (cosine > 0), at most `GuestRanking.evidencePerGuest`
    /// (10), best first; the first earned `score`.
    public var episodes: [String]

    public init(name: String, score: Float, episodes: [String]) {
        self.name = name
        self.score = score
        self.episodes = episodes
    }
}

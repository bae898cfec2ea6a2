/// One show in a `similarShows` answer.
public struct ShowMatch: Sendable, Equatable, Codable {
    public var show: String
    /// Cosine similarity of the two shows' vectors (see `ShowIndex`), in [-1, 1].
    public var score: Float
    /// The show's episodes in the model.
    public var episodes: Int
    /// Up to 3 of the show's episodes nearest the asked show's vector, best first: the episodes
    /// that contributed most to the score.
    public var evidence: [String]

    public init(show: String, score: Float, episodes: Int, evidence: [String]) {
        self.show = show
        self.score = score
        self.episodes = episodes
        self.evidence = evidence
    }
}

/// How a show is compared with another (`Recommender.similarShows(to:k:aggregation:)`).
public enum ShowAggregation: String, Sendable, CaseIterable {
    /// The cosine of the two shows' centroids (the default: measured best, see `ShowIndex`).
    case centroid
    /// The asked show's centroid against every episode; a show scores its best episode's cosine.
    case bestEpisode = "best-episode"
}

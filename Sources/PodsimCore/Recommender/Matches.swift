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

/// One guest in an answer: `guests`, `guestsLike`.
public struct GuestMatch: Sendable, Equatable, Codable {
    public var name: String
    /// The guest's best episode cosine for the topic (see `Recommender.guests`).
    public var score: Float
    /// The guest's episodes that match (cosine > 0), best first; the first earned `score`.
    public var episodes: [String]

    public init(name: String, score: Float, episodes: [String]) {
        self.name = name
        self.score = score
        self.episodes = episodes
    }
}

/// A term two episodes share, and how much it adds to their TF-IDF cosine.
public struct SharedTerm: Sendable, Equatable, Codable {
    /// Readable form (`feature flags`), not the stem.
    public var term: String
    /// `w_a(t) · w_b(t)`: this term's share of the TF-IDF cosine of the two episodes.
    public var contribution: Float

    public init(term: String, contribution: Float) {
        self.term = term
        self.contribution = contribution
    }
}

/// Why two episodes are similar.
public struct Explanation: Sendable, Equatable, Codable {
    /// Cosine of the two episodes in the latent space (what `similar` ranks by).
    public var latentCosine: Float
    /// Cosine of their TF-IDF vectors: the sum of every shared term's contribution.
    public var termCosine: Float
    /// The shared terms that contribute most, largest first.
    public var terms: [SharedTerm]
}

/// The top terms of one latent dimension (`podsim topics`).
public struct Topic: Sendable, Equatable, Codable {
    public var dimension: Int
    public var singularValue: Double
    /// Terms with the largest positive weight in this dimension, largest first.
    public var terms: [String]
}

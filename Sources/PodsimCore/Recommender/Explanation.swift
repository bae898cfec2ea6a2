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

/// How an answer's score combines the latent cosine (the SVD space) with the lexical cosine
/// (the TF-IDF rows themselves, `LexicalRows`).
///
/// The latent space joins episodes that share a theme in different words; the TF-IDF cosine
/// keeps what a 24- or 128-dimensional space blurs: rare names, products, bigrams. The fused
/// score is the convex combination `(1 − w)·latent + w·lexical`, still a cosine-like value in
/// [−1, 1]. The weight was chosen by sweeping it on both labelled sets (`Tests/Labels`; the sweep
/// is in docs/HOW-IT-WORKS.md): every weight from 0.35 to 0.9 ranked at least as well as the
/// latent score alone, 0.8 best overall. Reciprocal-rank fusion was not kept: in a prototype it
/// lost on the seeds (MRR 0.714 against 0.756 for the latent score alone).
///
/// Candidates are the `pool` best rows by latent score (every row when the model has no more):
/// each is rescored, then ranked by fused score with ties broken by id. A row outside the pool
/// is not rescored — at 1M episodes that keeps the cost to `pool` sparse dot products.
public struct ScoreFusion: Sendable, Equatable {
    /// Weight `w` of the lexical cosine, in [0, 1]; 0 ranks by the latent cosine alone.
    /// Default 0.8 (chosen on `Tests/Labels`: docs/HOW-IT-WORKS.md).
    public var lexicalWeight: Float
    /// Latent candidates rescored per query, in rows. Default 200.
    public var pool: Int

    public init(lexicalWeight: Float = 0.8, pool: Int = 200) {
        self.lexicalWeight = lexicalWeight
        self.pool = pool
    }

    /// The default: lexical weight 0.8, 200 candidates.
    public static let standard = ScoreFusion()
    /// The latent cosine alone (podsim before fusion).
    public static let latentOnly = ScoreFusion(lexicalWeight: 0)

    /// The fused score of one candidate.
    @inlinable
    public func combine(latent: Float, lexical: Float) -> Float {
        (1 - lexicalWeight) * latent + lexicalWeight * lexical
    }

    /// Refuses a weight outside [0, 1] or a pool below 1.
    public func validated() throws -> ScoreFusion {
        guard lexicalWeight >= 0 && lexicalWeight <= 1 else {
            throw PodsimError(.invalidArgument, "the lexical weight must be between 0 and 1, got \(lexicalWeight)")
        }
        guard pool >= 1 else { throw PodsimError(.invalidArgument, "the fusion pool must hold at least 1 row, got \(pool)") }
        return self
    }
}

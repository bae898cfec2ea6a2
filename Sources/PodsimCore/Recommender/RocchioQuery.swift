/// RECOMMEND's query vector: a Rocchio-style weighted centroid in the latent space (Rocchio
/// 1971; the weights of Manning, Raghavan & Schütze, *Introduction to Information Retrieval*
/// §9.1.1):
///
///     q = α·t + β·mean(liked) − γ·mean(unliked),  then scaled to unit length
///
/// with t the unit fold-in of the text (left out when there is none), α = 1, β = 0.75,
/// γ = 0.15. Why these: the text is the listener's explicit ask, so it leads; the liked
/// episodes pull almost as hard, and their mean (not sum) keeps ten liked episodes from drowning
/// the text; "less like that" is a weak push (γ = β / 5) because a disliked episode says less
/// about what is wanted than a liked one — Salton & Buckley (1990) found negative feedback worth
/// far less than positive, and a strong γ drags the query toward the opposite of the disliked
/// topic rather than toward anything wanted. Every vector is unit length, so each part is
/// weighed by its weight alone, not by the length of its text.
struct RocchioQuery {
    /// Weight of the text, α. Default 1.
    static let textWeight: Float = 1
    /// Weight of the liked episodes' mean, β. Default 0.75.
    static let likedWeight: Float = 0.75
    /// Weight of the unliked episodes' mean, γ. Default 0.15.
    static let unlikedWeight: Float = 0.15

    /// The unit query, or nil when the parts cancel out or are all empty.
    static func vector(text: [Float]?, liked: [Int], unliked: [Int], index: VectorIndex) -> [Float]? {
        var q = [Float](repeating: 0, count: index.dimensions)
        if let text { for j in q.indices { q[j] += textWeight * text[j] } }
        add(liked, weight: likedWeight, to: &q, index: index)
        add(unliked, weight: -unlikedWeight, to: &q, index: index)
        let norm = q.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0, norm.isFinite else { return nil }
        return q.map { $0 / norm }
    }

    /// Adds `weight × mean of rows' vectors` to `q`.
    private static func add(_ rows: [Int], weight: Float, to q: inout [Float], index: VectorIndex) {
        guard !rows.isEmpty else { return }
        let scale = weight / Float(rows.count)
        for row in rows {
            let vector = index.vector(row)
            for j in q.indices { q[j] += scale * vector[j] }
        }
    }
}

/// Maximal marginal relevance (Carbonell & Goldstein, SIGIR 1998): picks results one at a time,
/// each maximising `(1 − d)·relevance − d·(highest similarity to a result already picked)`, so the
/// top k is not ten near-duplicates of one episode.
///
/// `d` is the diversity weight in [0, 1] (MMR's λ is `1 − d`): 0 is plain relevance order, 1
/// ignores relevance beyond the candidate pool. Candidates come from the `poolSize(k:)` most
/// relevant episodes, so diversity never pulls in episodes that do not match at all. Reported
/// scores stay the episodes' cosine with the query.
struct MaximalMarginalRelevance {
    let diversity: Float

    /// Candidates considered: 5 per result asked for, at least 50 (cheap: `k·pool` dot products).
    static func poolSize(k: Int) -> Int { max(50, 5 * k) }

    func select(k: Int, from pool: [ScoredRow], similarity: (Int, Int) -> Float) -> [ScoredRow] {
        var remaining = pool
        var picked: [ScoredRow] = []
        // Highest similarity of each remaining candidate to anything picked so far.
        var redundancy = [Float](repeating: -.infinity, count: remaining.count)
        while picked.count < k && !remaining.isEmpty {
            var best = 0
            var bestValue = -Float.infinity
            for (i, candidate) in remaining.enumerated() {
                let penalty = picked.isEmpty ? 0 : redundancy[i]
                let value = (1 - diversity) * candidate.score - diversity * penalty
                // Ties go to the earlier candidate, which ranks higher (score, then id).
                if value > bestValue {
                    bestValue = value
                    best = i
                }
            }
            let chosen = remaining.remove(at: best)
            redundancy.remove(at: best)
            picked.append(chosen)
            for (i, candidate) in remaining.enumerated() {
                redundancy[i] = max(redundancy[i], similarity(candidate.row, chosen.row))
            }
        }
        return picked
    }
}

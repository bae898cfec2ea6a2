/// The one ranking pipeline of `similar`, `search` and `recommend` (see `RankingOptions`).
extension Recommender {
    /// The answer for `query`: scored, filtered by `allowed` and the exclusions, cut by min
    /// score and per-show cap, re-ranked for diversity, then paged.
    func rank(
        _ query: [Float], k: Int, allowed: RowFilter?, diversity: Float, ranking: RankingOptions, lexical: LexicalQuery? = nil
    ) -> [EpisodeMatch] {
        rankedRows(query, k: k, allowed: allowed, diversity: diversity, ranking: ranking, lexical: lexical).map { match($0) }
    }

    func rankedRows(
        _ query: [Float], k: Int, allowed: RowFilter?, diversity: Float, ranking: RankingOptions, lexical: LexicalQuery? = nil
    ) -> [ScoredRow] {
        let filter = Self.excluding(ranking.excludeIDs.compactMap { model.episodes.row(of: $0) }, from: allowed)
        let wanted = ranking.offset + k
        // Diversity picks from a pool of candidates; without it the pool is the answer.
        let poolSize = diversity > 0 ? MaximalMarginalRelevance.poolSize(k: wanted) : wanted
        let pool = candidates(query, count: poolSize, where: filter, ranking: ranking, lexical: lexical)
        let rows = diversity > 0
            ? MaximalMarginalRelevance(diversity: diversity).select(k: wanted, from: pool) { model.index.score($0, $1) }
            : pool
        if ranking.offset == 0 && rows.count <= k { return rows }
        return Array(rows.dropFirst(ranking.offset).prefix(k))
    }

    /// The first `count` rows of the list ranked by final score (ties by row), after min score
    /// and per-show cap. Over-fetches: the per-show cap can drop any number of the best rows, so
    /// the scan asks for more (×4 each round) until `count` survive or every allowed row was
    /// seen. The cap keeps each show's best rows, so the survivors of a longer list begin with
    /// the survivors of a shorter one — which is what makes pages agree.
    func candidates(
        _ query: [Float], count: Int, where filter: RowFilter?, ranking: RankingOptions, lexical: LexicalQuery? = nil
    ) -> [ScoredRow] {
        let total = model.index.count
        let source = CandidateSource(recommender: self, query: query, filter: filter, recency: ranking.recency)
        source.lexical = lexical
        // Neither a floor nor a cap: the scan's list is the answer.
        if ranking.minScore == nil && ranking.maxPerShow == nil { return source.top(min(count, total)) }
        var fetch = min(ranking.maxPerShow == nil ? count : 2 * count, total)
        while true {
            let top = source.top(fetch)
            var kept: [ScoredRow] = []
            kept.reserveCapacity(min(count, top.count))
            var perShow: [Int: Int] = [:]
            var belowFloor = false
            for candidate in top {
                if let minScore = ranking.minScore, candidate.score < minScore {
                    belowFloor = true  // the rest rank lower still
                    break
                }
                if let cap = ranking.maxPerShow {
                    let show = model.episodes.showNumber(candidate.row)
                    guard perShow[show, default: 0] < cap else { continue }
                    perShow[show, default: 0] += 1
                }
                kept.append(candidate)
                if kept.count == count { return kept }
            }
            if belowFloor || top.count < fetch || fetch >= total { return kept }
            fetch = min(fetch * 4, total)
        }
    }

    /// `allowed`, and never one of `rows`.
    static func excluding(_ rows: [Int], from allowed: RowFilter?) -> RowFilter? {
        guard !rows.isEmpty else { return allowed }
        let excluded = Set(rows)
        return { row in !excluded.contains(row) && (allowed?(row) ?? true) }
    }

    /// Recency-weighted scores (`RankingOptions.Recency`) of every row, in row order: the full
    /// scan the weighting needs, since a lower raw score can end up higher.
    func recencyScores(_ query: [Float], _ recency: RankingOptions.Recency, lexical: LexicalQuery? = nil) -> [Float] {
        let latent = model.index.scores(query)
        var scores = fused(latent, rows: Array(latent.indices), lexical: lexical)
        let ages = derived.ages.days
        for row in scores.indices { scores[row] *= recency.factor(ageDays: ages[row]) }
        return scores
    }
}

/// The best rows for one query by final score: the index's own top-k search, or with recency a
/// weighted full score array (computed once, then selected from as often as the over-fetch asks).
private final class CandidateSource {
    let recommender: Recommender
    let query: [Float]
    let filter: RowFilter?
    let recency: RankingOptions.Recency?
    /// The query's TF-IDF vector for the fused score; nil ranks by the latent cosine alone.
    var lexical: LexicalQuery?
    private var weighted: [Float]?

    init(recommender: Recommender, query: [Float], filter: RowFilter?, recency: RankingOptions.Recency?) {
        self.recommender = recommender
        self.query = query
        self.filter = filter
        self.recency = recency
    }

    func top(_ n: Int) -> [ScoredRow] {
        // The fusion hook (`Recommender+Fusion`): latent candidates rescored with the lexical cosine.
        guard let recency, recency.weight > 0 else { return recommender.fusedNearest(query, lexical: lexical, k: n, where: filter) }
        let scores = weighted ?? recommender.recencyScores(query, recency, lexical: lexical)
        weighted = scores
        var selector = TopKSelector(k: n)
        for (row, score) in scores.enumerated() where score >= selector.threshold {
            if let filter, !filter(row) { continue }
            selector.insert(row: row, score: score)
        }
        return selector.sorted()
    }
}

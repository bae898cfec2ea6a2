/// The one place where latent and lexical scores meet (`ScoreFusion`): every ranked answer
/// goes through `fusedNearest` (episodes) or `fusedScores` (guests).
extension Recommender {
    /// The top `k` rows for `query` by fused score, ties by id: the `fusion.pool` best rows by
    /// latent score (`nearest`, along whichever search path `options` choose), each rescored
    /// with its lexical cosine to `lexical`. Latent order alone when fusion is off, the model
    /// has no lexical rows, or the query has no lexical side.
    func fusedNearest(_ query: [Float], lexical: LexicalQuery?, k: Int, where allowed: RowFilter?) -> [ScoredRow] {
        guard let lexical, let rows = model.lexical, fusion.lexicalWeight > 0 else {
            return nearest(query, k: k, where: allowed)
        }
        let pool = nearest(query, k: min(max(k, fusion.pool), model.index.count), where: allowed)
        var fused = pool.map { candidate in
            ScoredRow(row: candidate.row, score: fusion.combine(latent: candidate.score, lexical: rows.score(candidate.row, lexical)))
        }
        fused.sort { $0.ranksAbove($1) }
        return Array(fused.prefix(k))
    }

    /// Every row's score for `query`: the latent cosine, fused with the lexical cosine for the
    /// `fusion.pool` best rows by latent score; a row outside the pool counts a lexical score
    /// of 0 (it is scaled like the others, so scores stay comparable).
    func fusedScores(_ query: [Float], lexical: LexicalQuery?) -> [Float] {
        var scores = model.index.scores(query)
        guard let lexical, let rows = model.lexical, fusion.lexicalWeight > 0 else { return scores }
        var best = TopKSelector(k: min(fusion.pool, scores.count))
        for (row, score) in scores.enumerated() { best.insert(row: row, score: score) }
        for row in scores.indices { scores[row] = fusion.combine(latent: scores[row], lexical: 0) }
        for candidate in best.sorted() {
            scores[candidate.row] = fusion.combine(latent: candidate.score, lexical: rows.score(candidate.row, lexical))
        }
        return scores
    }

    /// The lexical side of a free-text query; nil when no word of it is in the vocabulary.
    func lexicalQuery(text: String) -> LexicalQuery? {
        LexicalQuery(model.features.transform(text))
    }
}

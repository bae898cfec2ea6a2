/// The one place where latent and lexical scores meet (`ScoreFusion`): every ranked answer
/// goes through `fusedNearest` (episodes, and a guest ranking's candidates) and guest evidence
/// through `fused`.
extension Recommender {
    /// The top `k` rows for `query` by fused score, ties by id: the `fusion.pool` best rows by
    /// latent score (`nearest`, along whichever search path `options` choose), each rescored
    /// with its lexical cosine to `lexical`. Latent order alone when fusion is off, the model
    /// has no lexical rows, or the query has no lexical side.
    func fusedNearest(_ query: [Float], lexical: LexicalQuery?, k: Int, where allowed: RowFilter?) -> [ScoredRow] {
        guard let lexical, let rows = model.lexical, fusion.lexicalWeight > 0 else {
            return nearest(query, k: k, where: allowed)
        }
        let pool = nearest(query, k: fusionPoolSize(k: k), where: allowed)
        return fusedTop(pool, lexical: lexical, rows: rows, k: k)
    }

    /// How many of the best rows by latent score `fusedNearest` rescores for `k` answers.
    func fusionPoolSize(k: Int) -> Int { min(max(k, fusion.pool), model.index.count) }

    /// The best `k` of `pool` (rows with their latent scores) by fused score, ties by row: the
    /// second half of `fusedNearest`, shared with the guest ranking's reference.
    func fusedTop(_ pool: [ScoredRow], lexical: LexicalQuery, rows: LexicalRows, k: Int) -> [ScoredRow] {
        var fused: [ScoredRow]
        if let (pairs, source) = keptPairs(for: lexical) {
            // The kept row read in place: no list of rows, no list of scores.
            fused = pairs.withScores(source: source, query: lexical) { scores in
                pool.map { ScoredRow(row: $0.row, score: fusion.combine(latent: $0.score, lexical: scores[$0.row])) }
            }
        } else {
            let scores = rows.scores(pool.map(\.row), lexical)
            fused = zip(pool, scores).map { candidate, score in
                ScoredRow(row: candidate.row, score: fusion.combine(latent: candidate.score, lexical: score))
            }
        }
        fused.sortBestFirst()
        if fused.count > k { fused.removeSubrange(k...) }
        return fused
    }

    /// `latent[i]`, the latent cosine of `rows[i]`, fused with that row's lexical cosine to
    /// `lexical` (guest evidence is scored exactly, every row of it); unchanged when fusion is off.
    func fused(_ latent: [Float], rows: [Int], lexical: LexicalQuery?) -> [Float] {
        guard let lexical, let stored = model.lexical, fusion.lexicalWeight > 0 else { return latent }
        return zip(latent, lexicalScores(rows, lexical, stored)).map { fusion.combine(latent: $0, lexical: $1) }
    }

    /// `stored.scores(rows, lexical)`, read from the pairs kept for a small catalogue
    /// (`LexicalPairs`) when the query is an episode's own row.
    func lexicalScores(_ rows: [Int], _ lexical: LexicalQuery, _ stored: LexicalRows) -> [Float] {
        if let (pairs, source) = keptPairs(for: lexical) {
            return pairs.scores(rows, source: source, query: lexical)
        }
        return stored.scores(rows, lexical)
    }

    /// The kept pairs and the episode whose row `lexical` is, when a small catalogue keeps pairs
    /// and the query is an episode's own row: then its scores are read, not computed.
    private func keptPairs(for lexical: LexicalQuery) -> (LexicalPairs, Int)? {
        guard let source = lexical.sourceRow, let pairs = derived.lexicalPairs else { return nil }
        return (pairs, source)
    }

    /// Episode `row`'s own row as a query (SIMILAR's, a one-episode RECOMMEND's): made once per
    /// episode in a small catalogue (`LexicalPairs.query(row:)`), copied from the model otherwise.
    func lexicalQuery(row: Int) -> LexicalQuery? {
        if let pairs = derived.lexicalPairs { return pairs.query(row: row) }
        return model.lexicalQuery(row: row)
    }

    /// The lexical side of a free-text query; nil when no word of it is in the vocabulary.
    func lexicalQuery(text: String) -> LexicalQuery? {
        LexicalQuery(model.features.queryTransform(text))
    }
}

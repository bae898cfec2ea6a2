import Foundation

/// An episode's lexical scores against every episode of a small catalogue, computed the first
/// time that episode is SIMILAR's (or a one-episode RECOMMEND's) query and kept: later queries
/// from the same episode read the pool's scores instead of scoring each candidate's TF-IDF row.
///
/// Why: in a small catalogue every row of the fusion pool is scored against the episode's own
/// row, and since character grams (catalogues under 1,000 episodes) that row holds over a
/// thousand terms — a thousand gathers per candidate, the largest part of what SIMILAR does on
/// the seed model. The score of a pair never changes while the model is loaded, and at these
/// sizes all of them fit in a few megabytes.
///
/// Same bits: a cached row is `LexicalRows.scores` of every episode against the same query — the
/// very call an uncached query makes for its pool, and each row's score depends on that row and
/// the query alone. Lives as long as the `Recommender` (`DerivedTables`), so a RELOAD or ADD
/// starts empty.
final class LexicalPairs: @unchecked Sendable {
    // @unchecked: `cached[r]` and `queries[r]` are written once, under `lock`, and never
    // changed after.
    private let rows: LexicalRows
    private let lock = NSLock()
    private var cached: [[Float]?]
    /// Each episode's own row as a query, made the first time it is asked for: with character
    /// grams a row holds over a thousand terms, and copying it out of the model for every query
    /// was 9 % of an in-process SIMILAR on the seed model. Outer nil: not made yet; inner nil: an
    /// empty row (no lexical score).
    private var queries: [LexicalQuery??]

    /// Catalogues up to this many episodes keep pairs: at most 2,048² floats (16 MB) if every
    /// episode is queried; each cached row costs one scoring of every episode, once.
    static let maxEpisodes = 2_048

    /// Nil above `maxEpisodes` episodes.
    init?(_ rows: LexicalRows, maxEpisodes: Int = LexicalPairs.maxEpisodes) {
        guard rows.rows <= maxEpisodes else { return nil }
        self.rows = rows
        cached = Array(repeating: nil, count: rows.rows)
        queries = Array(repeating: nil, count: rows.rows)
    }

    /// Episode `row`'s own TF-IDF row as a query — `PodsimModel.lexicalQuery(row:)`, made once.
    func query(row: Int) -> LexicalQuery? {
        if let made = lock.withLock({ queries[row] }) { return made }
        let made = rows.nonEmptyQuery(row: row)
        return lock.withLock {
            if let kept = queries[row] { return kept }
            queries[row] = .some(made)
            return made
        }
    }

    /// The lexical score of each of `candidates` against episode `source`'s own row (`query`,
    /// which must be that row: `LexicalQuery.sourceRow == source`), in order.
    func scores(_ candidates: [Int], source: Int, query: LexicalQuery) -> [Float] {
        withScores(source: source, query: query) { all in candidates.map { all[$0] } }
    }

    /// `body` with every episode's score against `source`'s row, indexed by row.
    func withScores<R>(source: Int, query: LexicalQuery, _ body: ([Float]) -> R) -> R {
        body(row(source, query))
    }

    private func row(_ source: Int, _ query: LexicalQuery) -> [Float] {
        if let hit = lock.withLock({ cached[source] }) { return hit }
        // Scored outside the lock; two threads racing on one episode compute the same bits and
        // the first to finish is kept.
        let computed = rows.scores(Array(0..<rows.rows), query)
        return lock.withLock {
            if let kept = cached[source] { return kept }
            cached[source] = computed
            return computed
        }
    }
}

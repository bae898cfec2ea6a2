/// Candidates from the int8 scan, kept for exact rescoring with `DotProduct` so the final answer
/// obeys the ranking contract exactly: the `keep` best by approximate score are rescored (a
/// heuristic whose recall is measured, not guaranteed).
struct RescoringPool: CandidateSink, Sendable {
    private var selector: TopKSelector

    init(keep: Int) {
        selector = TopKSelector(k: keep)
    }

    var entryThreshold: Float { selector.threshold }

    mutating func offer(row: Int, score: Float) {
        selector.insert(row: row, score: score)
    }

    /// Combines another part's pool (threads scan parts of the rows).
    mutating func merge(_ other: RescoringPool) {
        selector.merge(other.selector)
    }

    /// Rows to rescore.
    var finalists: [Int] { selector.sorted().map(\.row) }

    /// The exact top `k` of the finalists; `exactScores` gives the exact score of each row.
    func finish(k: Int, exactScores: ([Int]) -> [Float]) -> [ScoredRow] {
        let rows = finalists
        var best = TopKSelector(k: min(k, rows.count))
        for (row, score) in zip(rows, exactScores(rows)) { best.insert(row: row, score: score) }
        return best.sorted()
    }
}

/// Candidates from an approximate scan (BLAS `sgemm` scores, int8 scores), kept for exact
/// rescoring with `DotProduct` so the final answer obeys the ranking contract exactly.
///
/// Two ways to use it:
/// - `margin` 0 and `keep` = R: the R best by approximate score are rescored (the quantized
///   path: a heuristic whose recall is measured, not guaranteed).
/// - `margin` m > 0 and `keep` = k: every row whose approximate score came within m of the k-th
///   best is rescored. When m bounds |approximate − exact| twice over, the answer is exactly the
///   plain loop's (the BLAS path: see `VectorIndex.rescoringMargin`). Proof: the exact k-th score
///   is at least A − m/2, where A is the final k-th approximate score, and a row above it has an
///   approximate score above A − m; the threshold only rises, so no such row was dropped.
struct RescoringPool: CandidateSink, Sendable {
    private var selector: TopKSelector
    private var candidates: [ScoredRow] = []
    let margin: Float

    init(keep: Int, margin: Float) {
        selector = TopKSelector(k: keep)
        self.margin = margin
    }

    var entryThreshold: Float { selector.threshold - margin }

    mutating func offer(row: Int, score: Float) {
        selector.insert(row: row, score: score)
        guard margin > 0 else { return }
        candidates.append(ScoredRow(row: row, score: score))
        // Drop what fell out of reach; amortised O(1) per candidate.
        if candidates.count >= 2 * selector.k + 1_024 {
            let threshold = entryThreshold
            candidates.removeAll { $0.score < threshold }
        }
    }

    /// Combines another part's pool (threads scan parts of the rows).
    mutating func merge(_ other: RescoringPool) {
        selector.merge(other.selector)
        candidates += other.candidates
    }

    /// Rows to rescore.
    var finalists: [Int] {
        guard margin > 0 else { return selector.sorted().map(\.row) }
        let threshold = entryThreshold
        return candidates.filter { !($0.score < threshold) }.map(\.row)
    }

    /// The exact top `k` of the finalists; `exactScores` gives the exact score of each row.
    func finish(k: Int, exactScores: ([Int]) -> [Float]) -> [ScoredRow] {
        let rows = finalists
        var best = TopKSelector(k: min(k, rows.count))
        for (row, score) in zip(rows, exactScores(rows)) { best.insert(row: row, score: score) }
        return best.sorted()
    }
}

/// Several SIMILAR queries at once: one pass over the rows (`VectorIndex.search(batch:)`) finds
/// the nearest rows of every query's episode, then each query is answered by the ordinary
/// single-query code with its scan taken from the batch (`nearest` asks `nearestFromBatch`
/// first). Ranking, filters, fusion and the answer are the single-query code, so a batched answer
/// is the one-by-one answer, bit for bit — on the exact path only: `batchesExactly` is false when
/// the model is searched through its int8 codes or a graph, whose candidates a batch would not
/// reproduce.
extension Recommender {
    /// The nearest rows of one query's episode, from a batch; hand it back to `withNearest`.
    public struct BatchedNearest: Sendable {
        let rows: [ScoredRow]
    }

    /// The latent nearest rows of the query being answered, taken from a batch; nil outside one.
    @TaskLocal static var batchedNearest: BatchedNearest?

    /// Whether batches answer exactly what single queries do: the model is searched exactly.
    public var batchesExactly: Bool {
        quantized == nil && !graphAnswers
    }

    /// For each SIMILAR query (episode id, k), its episode's nearest rows, deep enough for the
    /// query's latent pool (`fusedNearest`) and the episode itself; nil for an unknown id. All nil
    /// when the model does not batch exactly or fewer than `options.batchFrom` ids are known.
    public func nearestRows(ofEpisodes queries: [(id: String, k: Int)]) -> [BatchedNearest?] {
        let rows = queries.map { model.episodes.row(of: $0.id) }
        let found = rows.compactMap { $0 }
        guard batchesExactly, found.count >= options.batchFrom, let deepest = queries.map(\.k).max() else {
            return queries.map { _ in nil }
        }
        // Plus one: each episode is its own nearest row, and `similar` leaves it out.
        let depth = min(model.index.count, max(deepest, fusion.pool) + 1)
        guard depth > 0 else { return queries.map { _ in nil } }
        let pools = model.index.search(batch: found.map { model.index.vector($0) }, k: depth, options: options)
        var next = 0
        return rows.map { row in
            guard row != nil else { return nil }
            defer { next += 1 }
            return BatchedNearest(rows: pools[next])
        }
    }

    /// Runs `body` (one query's answer) with its scan taken from `batched` where that suffices.
    public static func withNearest<R>(_ batched: BatchedNearest?, _ body: () throws -> R) rethrows -> R {
        try $batchedNearest.withValue(batched, operation: body)
    }

    /// The top `k` rows `allowed` lets through, from the batch's rows for this query when they
    /// hold that many. The batch's rows are the first of the whole ranking, so the allowed ones
    /// among them are the first allowed rows of the whole ranking: exactly what a scan returns.
    /// Nil when there is no batch or too few of its rows are allowed (the caller scans).
    func nearestFromBatch(k: Int, where allowed: RowFilter?) -> [ScoredRow]? {
        guard let pool = Self.batchedNearest?.rows else { return nil }
        var kept: [ScoredRow] = []
        kept.reserveCapacity(k)
        for candidate in pool where allowed?(candidate.row) ?? true {
            if kept.count == k { break }
            kept.append(candidate)
        }
        return kept.count == k || pool.count >= model.index.count ? kept : nil
    }
}

import PodsimLinearAlgebra

extension VectorIndex {
    /// Rows scored per `sgemm` call in a batch. Default 2,048 rows: with 128 dimensions a block of
    /// vectors is 1 MB and its scores for 64 queries 512 KB, both at home in L2.
    static let batchBlockRows = 2_048

    /// The top `k` for each of `queries`, each answer exactly what `search` gives alone.
    ///
    /// From `options.batchFrom` queries on, all queries are scored against a block of rows at once
    /// by BLAS (`sgemm`: C = Q·Xᵀ), which reads each row once per batch instead of once per query
    /// and runs at the CPU's arithmetic speed instead of memory speed. BLAS sums in its own order
    /// (with fused multiply-adds), so its scores differ from `DotProduct`'s in the last bits; every
    /// row within `rescoringMargin` of the k-th best is rescored exactly, which restores the
    /// canonical scores and the tie order. OpenBLAS runs `sgemm` on `OPENBLAS_NUM_THREADS` threads.
    public func search(
        batch queries: [[Float]], k: Int, where isAllowed: RowFilter? = nil, options: SearchOptions = .standard
    ) throws -> [[ScoredRow]] {
        queries.forEach(checkDimensions)
        guard queries.count >= options.batchFrom else {
            return queries.map { search($0, k: k, where: isAllowed, options: options) }
        }
        let k = min(k, count)
        guard k > 0 else { return queries.map { _ in [] } }
        let scanQueries = queries.map(ScanQuery.init)
        var pools = scanQueries.map { RescoringPool(keep: k, margin: Self.rescoringMargin(queryNorm: $0.norm, dimensions: dimensions)) }
        let blockRows = Self.batchBlockRows
        var scores = [Float](repeating: 0, count: queries.count * min(blockRows, count))
        let flat = queries.flatMap { $0 }
        try withUnsafeVectors { vectors in
            try flat.withUnsafeBufferPointer { queryBlock in
                for start in stride(from: 0, to: count, by: blockRows) {
                    let rows = min(blockRows, count - start)
                    let rowBlock = UnsafeBufferPointer(rebasing: vectors[(start * dimensions)..<((start + rows) * dimensions)])
                    try scores.withUnsafeMutableBufferPointer { all in
                        let block = UnsafeMutableBufferPointer(rebasing: all[0..<(queries.count * rows)])
                        do {
                            try LAPACK.sgemm(queryBlock, rowBlock, into: block, m: queries.count, n: rows, k: dimensions, transposeB: true)
                        } catch let error as LinearAlgebraError {
                            throw PodsimError(.linearAlgebra, "batch scoring of \(queries.count) queries failed: \(error.message)")
                        }
                    }
                    for query in pools.indices {
                        for offset in 0..<rows {
                            RowScan.offer(start + offset, scores[query * rows + offset], isAllowed, &pools[query])
                        }
                    }
                }
            }
        }
        return zip(pools, scanQueries).map { pool, query in pool.finish(k: k) { exactScores(query, rows: $0, kernel: options.kernel) } }
    }

    /// How far two Float computations of one dot product can disagree, doubled for safety: each
    /// is within γ_d·‖q‖·‖x‖ of the true value (Higham, Accuracy and Stability of Numerical
    /// Algorithms, §3.1: any summation order, with or without FMA), γ_d = d·u/(1 − d·u),
    /// u = 2⁻²⁴. Stored rows are unit vectors (‖x‖ ≤ 1.001 allows for normalisation rounding).
    /// At 128 dimensions and ‖q‖ = 1 it is 3·10⁻⁵ — a handful of candidates to rescore.
    static func rescoringMargin(queryNorm: Double, dimensions: Int) -> Float {
        let unitRoundoff = 0x1p-24
        let gamma = Double(dimensions) * unitRoundoff / (1 - Double(dimensions) * unitRoundoff)
        return Float(2 * (2 * gamma * queryNorm * 1.001))
    }
}

import CPodsimKernels

extension VectorIndex {
    /// Rows per block kernel call in a batch. Default 512: each query's 512 scores (2 KB) are
    /// still in L1 or L2 when they are skimmed for candidates right after the call.
    static let batchBlockRows = 512

    /// The top `k` for each of `queries`, each answer exactly what `search` gives alone.
    ///
    /// From `options.batchFrom` queries on, one pass over the rows scores every query
    /// (`ScanKernel.floatBlock`): a single-query scan is bound by memory (a 1M × 128 index is
    /// 512 MB a query), so reading each row once for the whole batch makes a batch of eight cost
    /// little more than one scan. The kernel sums in the canonical order, so its scores are the
    /// plain loop's bits and no rescoring is needed. One thread; the server's parallelism is its
    /// workers. (Until December 2026 this was a BLAS `sgemm` per block with exact rescoring: at
    /// these shapes OpenBLAS packed every block and ran at a fifth of the kernel's speed.)
    public func search(
        batch queries: [[Float]], k: Int, where isAllowed: RowFilter? = nil, options: SearchOptions = .standard
    ) -> [[ScoredRow]] {
        queries.forEach(checkDimensions)
        guard queries.count >= options.batchFrom else {
            return queries.map { search($0, k: k, where: isAllowed, options: options) }
        }
        let k = min(k, count)
        guard k > 0 else { return queries.map { _ in [] } }
        let stride = DotProduct.paddedCount(dimensions)
        // The queries are read from L1 once per row and query, the row once per row: at 64-byte
        // alignment no query load straddles two cache lines (a Swift array's 16-byte alignment
        // cost a third of the kernel's speed with 64 queries).
        let queryBlock = UnsafeMutableBufferPointer<Float>(
            start: UnsafeMutableRawPointer.allocate(byteCount: queries.count * stride * MemoryLayout<Float>.stride, alignment: 64)
                .bindMemory(to: Float.self, capacity: queries.count * stride),
            count: queries.count * stride)
        defer { queryBlock.deallocate() }
        queryBlock.initialize(repeating: 0)
        for (number, query) in queries.enumerated() {
            _ = UnsafeMutableBufferPointer(rebasing: queryBlock[(number * stride)...]).initialize(from: query)
        }
        var selectors = queries.map { _ in TopKSelector(k: k) }
        let blockRows = min(Self.batchBlockRows, count)
        let kernel = options.kernel.floatBlock
        withUnsafeVectors { vectors in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: queries.count * blockRows) { scores in
                for start in Swift.stride(from: 0, to: count, by: blockRows) {
                    let rows = min(blockRows, count - start)
                    kernel(
                        queryBlock.baseAddress!, queries.count, stride, vectors.baseAddress!, dimensions, start, rows,
                        scores.baseAddress!)
                    for query in selectors.indices {
                        RowScan.offerPassing(scores.baseAddress! + query * rows, count: rows, firstRow: start, isAllowed, &selectors[query])
                    }
                }
            }
        }
        return selectors.map { $0.sorted() }
    }
}

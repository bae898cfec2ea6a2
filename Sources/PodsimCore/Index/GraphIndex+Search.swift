extension GraphIndex {
    /// The top `k` rows for `query` (unit length), best first, ties broken by row, `isAllowed`
    /// honoured — `VectorIndex.search`'s contract, approximately: the graph proposes candidates,
    /// and each is rescored exactly (`DotProduct`'s order, the scan kernels), so every score and
    /// tie is the exact path's; only a row the graph never proposes can be missed.
    ///
    /// Filters keep their meaning. The filter's share of rows is estimated from
    /// `options.graph.filterSample` evenly spaced rows; under `exactBelowShare` the exact scan
    /// answers. Otherwise the graph is asked for ef / share candidates (a filter passing a fifth of
    /// the rows needs five times as many to leave ef allowed ones), doubled until k allowed ones
    /// come back or `maximumEF` is passed, when the exact scan answers — so a filtered query
    /// returns k hits whenever k rows pass the filter.
    public func search(
        _ query: [Float], k: Int, where isAllowed: RowFilter? = nil, options: SearchOptions = .standard
    ) -> [ScoredRow] {
        exact.checkDimensions(query)
        let k = min(k, count)
        guard k > 0 else { return [] }
        let tuning = options.graph
        var ef = max(tuning.ef(rows: count), k)
        if let isAllowed {
            let share = Self.share(of: isAllowed, rows: count, sample: tuning.filterSample)
            guard share >= tuning.exactBelowShare, share > 0 else {
                return exact.search(query, k: k, where: isAllowed, options: options)
            }
            ef = Int((Double(ef) / share).rounded(.up))
        }
        let padded = ScanQuery(query)
        while true {
            let asked = min(ef, count)
            var rows = candidates(padded, ef: asked)
            if let isAllowed { rows = rows.filter(isAllowed) }
            if rows.count >= k || asked == count && isAllowed == nil {
                return Self.rescored(rows, k: k, query: padded, exact: exact, kernel: options.kernel)
            }
            // Too few allowed rows among the candidates (or the graph found fewer than asked).
            guard asked < count, ef < tuning.maximumEF else {
                return exact.search(query, k: k, where: isAllowed, options: options)
            }
            ef = min(tuning.maximumEF, ef * 2)
        }
    }

    /// The `k` best of `rows` by their exact scores, ties by row.
    static func rescored(_ rows: [Int], k: Int, query: ScanQuery, exact: VectorIndex, kernel: ScanKernel) -> [ScoredRow] {
        let scores = exact.exactScores(query, rows: rows, kernel: kernel)
        var selector = TopKSelector(k: k)
        for (row, score) in zip(rows, scores) { selector.insert(row: row, score: score) }
        return selector.sorted()
    }

    /// The share of `sample` evenly spaced rows (all rows when fewer) that `isAllowed` passes.
    static func share(of isAllowed: RowFilter, rows: Int, sample: Int) -> Double {
        let taken = min(rows, sample)
        guard taken > 0 else { return 0 }
        var passed = 0
        for i in 0..<taken where isAllowed(i * rows / taken) { passed += 1 }
        return Double(passed) / Double(taken)
    }
}

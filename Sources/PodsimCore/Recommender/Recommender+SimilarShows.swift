extension Recommender {
    /// Evidence episodes listed per show hit: 3.
    public static let showEvidence = 3

    /// Shows like `show` (its exact name), best first, never `show` itself; ties by show name
    /// order. Each hit lists up to 3 of its episodes nearest `show`'s vector.
    /// - Throws: `.unknownEpisode` for a show the model does not hold (suggesting a close name).
    public func similarShows(to show: String, k: Int, aggregation: ShowAggregation = .centroid) throws -> [ShowMatch] {
        let shows = derived.showIndex
        guard let asked = shows.numbers[show] else {
            var message = "unknown show '\(show)'"
            if let suggestion = NameSuggestion.closest(to: show, among: model.episodes.shows) {
                message += " (did you mean '\(suggestion)'?)"
            }
            throw PodsimError(.unknownEpisode, message)
        }
        let k = try Self.checked(k: k, available: max(shows.count - 1, 1))
        let query = Array(shows.centroid(asked))
        var selector = TopKSelector(k: k)
        switch aggregation {
        case .centroid:
            for other in 0..<shows.count where other != asked && shows.offsets[other + 1] > shows.offsets[other] {
                selector.insert(row: other, score: Self.dot(query, shows.centroid(other)))
            }
        case .bestEpisode:
            let scores = model.index.scores(query)
            for other in 0..<shows.count where other != asked {
                guard let best = shows.rows(of: other).map({ scores[Int($0)] }).max() else { continue }
                selector.insert(row: other, score: best)
            }
        }
        // Show numbers follow the sorted show names, so ties by number are ties by name.
        return selector.sorted().map { hit in
            ShowMatch(
                show: model.episodes.shows[hit.row], score: hit.score, episodes: shows.rows(of: hit.row).count,
                evidence: evidence(query, rows: shows.rows(of: hit.row)))
        }
    }

    /// The `showEvidence` rows of `rows` nearest `query`, best first, as ids.
    private func evidence(_ query: [Float], rows: ArraySlice<Int32>) -> [String] {
        let list = rows.map(Int.init)
        var selector = TopKSelector(k: Self.showEvidence)
        for (row, score) in zip(list, model.index.exactScores(ScanQuery(query), rows: list)) {
            selector.insert(row: row, score: score)
        }
        return selector.sorted().map { model.episodes.id($0.row) }
    }

    /// `DotProduct`'s canonical sum of two vectors of the same length.
    static func dot(_ a: [Float], _ b: ArraySlice<Float>) -> Float {
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in DotProduct.plain(x.baseAddress!, y.baseAddress!, count: min(x.count, y.count)) }
        }
    }

    /// Builds the tables the v1.1 queries use (show vectors, publication ages) now rather than
    /// on first use: a server calls it once per model it loads.
    public func prepareDerivedTables() {
        _ = derived.showIndex
        _ = derived.ages
    }
}

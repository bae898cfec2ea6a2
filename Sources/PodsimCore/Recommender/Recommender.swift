import PodsimEpisodes
/// Answers "more like this" questions over a loaded model. A value type over an immutable model,
/// so it is free to copy and share between threads.
///
/// Every ranked answer is ordered by score, highest first, with ties broken by episode id
/// (row order) — unless diversity is asked for, which re-orders by maximal marginal relevance.
public struct Recommender: Sendable {
    public let model: PodsimModel
    /// Which scan answers queries (plain, SIMD, threads, int8 quantized), chosen by model size.
    public let options: SearchOptions
    /// The int8 copy of the vectors, when `options` send a model of this size through it.
    public let quantized: QuantizedIndex?
    /// How latent and lexical scores combine (`Recommender+Fusion`).
    public let fusion: ScoreFusion
    /// Show vectors and publication ages, built once for this model (`DerivedTables`).
    let derived: DerivedTables

    /// - Parameter options: search paths by size. The default is exact; with `.serving` a model
    ///   from `SearchOptions.quantizedFrom` episodes on is quantized here, once (one pass over the
    ///   vectors; the codes take a quarter of the vector bytes) — unless its HNSW graph answers
    ///   instead: the graph's fallback is the exact scan, so codes there would be built and never
    ///   read (at 1M episodes 0.18 s of a server's start and 128 MB).
    ///   - fusion: the lexical weight and pool (`ScoreFusion.standard` by default).
    public init(model: PodsimModel, options: SearchOptions = .standard, fusion: ScoreFusion = .standard) {
        self.model = model
        self.options = options
        self.fusion = fusion
        quantized = options.usesQuantized(rows: model.index.count) && !Self.graphAnswers(model, options)
            ? QuantizedIndex(model.index, threads: options.threads) : nil
        derived = DerivedTables(model)
    }

    /// Whether nearest-neighbour queries go through the model's HNSW graph.
    public var graphAnswers: Bool { Self.graphAnswers(model, options) }

    static func graphAnswers(_ model: PodsimModel, _ options: SearchOptions) -> Bool {
        options.graph.enabled && model.graph != nil
    }

    // MARK: - Episodes

    /// Episodes most similar to episode `id` (never `id` itself).
    /// - Parameters:
    ///   - excludeSameShow: leave out episodes of the same show as `id`.
    ///   - diversity: 0 (default) ranks by similarity alone; up to 1 trades similarity for
    ///     variety (MMR, see `MaximalMarginalRelevance`).
    ///   - ranking: exclusions, paging, score floor, per-show cap, recency (`RankingOptions`).
    public func similar(
        to id: String, k: Int, excludeSameShow: Bool = false, filter: EpisodeFilter = .none, diversity: Float = 0,
        ranking: RankingOptions = .none
    ) throws -> [EpisodeMatch] {
        let k = try Self.checked(k: k, available: model.index.count)
        try Self.validate(diversity: diversity)
        try ranking.validate()
        let row = try self.row(of: id)
        let show = model.episodes.showNumber(row)
        let filterPredicate = filter.predicate(for: model)
        let episodes = model.episodes
        let allowed: RowFilter = { candidate in
            candidate != row
                && !(excludeSameShow && episodes.showNumber(candidate) == show)
                && (filterPredicate?(candidate) ?? true)
        }
        return rank(model.index.vector(row), k: k, allowed: allowed, diversity: diversity, ranking: ranking, lexical: lexicalQuery(row: row))
    }

    /// Episodes most similar to free text ("more like this" for text that is not in the catalogue).
    /// Empty when no word of `text` is in the model's vocabulary.
    public func search(
        _ text: String, k: Int, filter: EpisodeFilter = .none, diversity: Float = 0, ranking: RankingOptions = .none
    ) throws -> [EpisodeMatch] {
        let k = try Self.checked(k: k, available: model.index.count)
        try Self.validate(diversity: diversity)
        try ranking.validate()
        let weights = model.features.queryTransform(text)
        guard let query = model.foldIn(weights) else { return [] }
        return rank(query, k: k, allowed: filter.predicate(for: model), diversity: diversity, ranking: ranking, lexical: LexicalQuery(weights))
    }

    /// Episode `id` with its metadata and guests.
    public func episode(_ id: String) throws -> Episode {
        model.episode(at: try row(of: id))
    }

    /// The top `k` rows for `query` along the path `options` choose for this model.
    func nearest(_ query: [Float], k: Int, where allowed: RowFilter?) -> [ScoredRow] {
        // Inside a SIMILAR batch (`Recommender+Batch`) the scan is done already.
        if let batched = nearestFromBatch(k: k, where: allowed) { return batched }
        if graphAnswers, let graph = model.graph { return graph.search(query, k: k, where: allowed, options: options) }
        if let quantized { return quantized.search(query, k: k, where: allowed, options: options) }
        return model.index.search(query, k: k, where: allowed, options: options)
    }

    func match(_ scored: ScoredRow) -> EpisodeMatch {
        let table = model.episodes
        if let strings = derived.hitStrings {
            return EpisodeMatch(
                id: strings.ids[scored.row], score: scored.score, show: table.show(scored.row), title: strings.titles[scored.row])
        }
        return EpisodeMatch(
            id: table.id(scored.row), score: scored.score, show: table.show(scored.row), title: table.title(scored.row))
    }

    // MARK: - Lookup and validation

    /// The row of `id`, or an `.unknownEpisode` error that suggests the closest id.
    func row(of id: String) throws -> Int {
        if let row = model.episodes.row(of: id) { return row }
        var message = "unknown episode id '\(id)'"
        if let suggestion = IDSuggestion.closest(to: id, in: model.episodes) {
            message += " (did you mean '\(suggestion)'?)"
        }
        throw PodsimError(.unknownEpisode, message)
    }

    /// `k`, checked to be at least 1 and capped at `available` (no answer can hold more). The
    /// core sets no upper limit of its own: a server's limit is its `ProtocolLimits.maxK`.
    static func checked(k: Int, available: Int) throws -> Int {
        guard k >= 1 else { throw PodsimError(.invalidArgument, "k must be at least 1, got \(k)") }
        return min(k, max(available, 1))
    }

    static func validate(diversity: Float) throws {
        guard diversity >= 0 && diversity <= 1 else {
            throw PodsimError(.invalidArgument, "diversity must be between 0 and 1, got \(diversity)")
        }
    }
}

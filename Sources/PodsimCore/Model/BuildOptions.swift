import PodsimText

/// Parameters of a model build. The same catalogue and options give the same model.
public struct BuildOptions: Sendable, Equatable, Codable {
    /// Seed of the randomized SVD's Gaussian test matrix. Default 42.
    public var seed: UInt64
    /// Latent dimensions asked for (k); capped at the TF-IDF matrix's rank. Default 128.
    public var dimensions: Int
    /// Extra random directions p in each block of the Krylov SVD (k + p columns). Default 10.
    public var oversampling: Int
    /// Krylov iterations q of the SVD (q + 1 blocks, 2q + 3 passes over the matrix). Default 4.
    public var powerIterations: Int
    /// How text is tokenised, stemmed and pruned.
    public var analyzer: AnalyzerConfiguration
    /// Whether to add the HNSW graph index; nil (default): from `GraphParameters.automaticFrom`
    /// episodes. Its M and ef_construction are `GraphParameters`' defaults, its seed `seed`.
    public var graphIndex: GraphChoice?
    /// Episodes a streaming build (`StreamingModelBuilder`) fits the vocabulary, idf and SVD on,
    /// a seeded sample; nil: `StreamingModelBuilder.defaultFitSample`. The in-memory build fits
    /// on every episode and ignores it. (Absent from the encoded options when nil, so the
    /// digest of builds that never name it is unchanged.)
    public var fitSample: Int?

    public init(
        seed: UInt64 = 42, dimensions: Int = 128, oversampling: Int = 10, powerIterations: Int = 4,
        analyzer: AnalyzerConfiguration = AnalyzerConfiguration()
    ) {
        self.seed = seed
        self.dimensions = dimensions
        self.oversampling = oversampling
        self.powerIterations = powerIterations
        self.analyzer = analyzer
    }
}

extension BuildOptions {
    /// Catalogues smaller than this keep terms found in a single episode.
    public static let smallCatalogueEpisodes = 1_000

    /// The minimum document frequency to use when the user names none: 1 below
    /// `smallCatalogueEpisodes` episodes — in a small catalogue a word found once is often the only
    /// word about that episode's topic (`DNS` in the seeds: a search for it would otherwise find
    /// nothing) — and 2 from there on, where words found once are mostly typos and one-off names,
    /// and pruning them keeps the vocabulary and the term projection within memory bounds.
    public static func defaultMinDocumentFrequency(episodes: Int) -> Int {
        episodes < smallCatalogueEpisodes ? 1 : 2
    }

    /// The vocabulary cap to use when the user names none: the 200,000 terms found in the most
    /// episodes. gensim's `filter_extremes` keeps 100,000 by default for the same reason: terms
    /// past that are found in a handful of episodes each and add little to a latent space, while
    /// every term costs a row of the term projection (512 bytes at 128 dimensions). At 1M
    /// synthetic episodes an uncapped vocabulary had 2M terms and a 1 GB projection.
    public static let defaultMaxTerms = 200_000

    /// Character grams (`CharacterGrams`' defaults) when the user chooses neither way: on below
    /// `smallCatalogueEpisodes` episodes, off from there. A small catalogue gives the SVD too few
    /// episodes to learn which words go together, and the grams are what lets related names meet
    /// (similar-episode MRR 0.796 → 0.868 on the seeds, 0.664 → 0.736 on the labelled feeds); a
    /// large one learns that from its own co-occurrences, and there the grams cost 9.6× the
    /// non-zeros and 4× the fit time at 100k (docs/PERFORMANCE.md) and lost 2.7 points of
    /// same-section agreement on 8,000 Debian packages (docs/HOW-IT-WORKS.md).
    public static func defaultCharacterGrams(episodes: Int) -> CharacterGrams? {
        episodes < smallCatalogueEpisodes ? CharacterGrams() : nil
    }

    /// The options `podsim build` uses for a catalogue of `episodes` episodes when given only a
    /// seed and a dimension count: the analyzer defaults with the size-dependent minimum document
    /// frequency and character grams, and the vocabulary cap above.
    public static func defaults(episodes: Int, seed: UInt64 = 42, dimensions: Int = 128) -> BuildOptions {
        var options = BuildOptions(seed: seed, dimensions: dimensions)
        options.analyzer.minDocumentFrequency = defaultMinDocumentFrequency(episodes: episodes)
        options.analyzer.characterGrams = defaultCharacterGrams(episodes: episodes)
        options.analyzer.maxFeatures = defaultMaxTerms
        return options
    }
}

/// What a build did, for `podsim build` to print.
public struct BuildReport: Sendable {
    public var info: ModelInfo
    /// Wall-clock seconds per phase, in order (`analyse + TF-IDF`, `SVD`, `index`, `write`).
    public var phases: [(name: String, seconds: Double)]
    /// Size of the written file in bytes.
    public var fileBytes: Int
    /// Temporary files of killed writers removed before writing (`StaleTemporaryFiles`).
    public var removedStale: [StaleTemporaryFiles.Removed] = []
}

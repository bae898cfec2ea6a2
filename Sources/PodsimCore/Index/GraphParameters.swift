/// How the HNSW graph index is built (`GraphIndex`), and when a build makes one.
///
/// M and ef_construction are hnswlib's and the anchor's defaults (Malkov & Yashunin's paper
/// recommends M 12–48 and an ef_construction that reaches recall ≈ 0.95 during construction).
public struct GraphParameters: Sendable, Equatable, Codable {
    /// Links per node on the upper layers (twice as many on the bottom layer). Default 16.
    public var m: Int
    /// Candidate list while linking a new node; more gives a better graph, built more slowly.
    /// Default 200.
    public var efConstruction: Int
    /// Seed of hnswlib's level generator. Default: the build's seed.
    public var seed: UInt64

    public init(m: Int = 16, efConstruction: Int = 200, seed: UInt64 = 42) {
        self.m = m
        self.efConstruction = efConstruction
        self.seed = seed
    }

    /// From this many episodes `podsim build` adds the graph on its own (`--index` overrides):
    /// 100,000. Below it an exact scan is about a millisecond and a query needs no graph; the
    /// graph costs build time (docs/PERFORMANCE.md) and about
    /// 140 bytes per episode in the model file.
    public static let automaticFrom = 100_000
}

/// Whether `podsim build` adds the graph index.
public enum GraphChoice: String, Sendable, Equatable, Codable, CaseIterable {
    /// Always.
    case hnsw
    /// Never (`--index none`; not named `none`, which an optional choice would confuse with nil).
    case disabled = "none"
}

/// How a query uses the graph index (`SearchOptions.graph`).
public struct GraphSearchOptions: Sendable, Equatable {
    /// Whether a model's graph answers queries at all (false: always the scans). Default true.
    public var enabled: Bool
    /// Candidates the graph search keeps (hnswlib's ef), rescored exactly; at least k. nil (the
    /// default) chooses by the graph's size, `ef(rows:)`.
    public var ef: Int?

    /// A filtered query whose filter passes less than this share of rows (estimated from
    /// `filterSample` rows) takes the exact scan: the graph would have to visit about k / share
    /// candidates. Default 0.02.
    public var exactBelowShare: Double
    /// Rows sampled, evenly spaced, to estimate a filter's share. Default 512.
    public var filterSample: Int
    /// The most candidates a filtered graph search may ask for before it gives up and scans.
    /// Default 4,096.
    public var maximumEF: Int

    public init(enabled: Bool = true, ef: Int? = nil, exactBelowShare: Double = 0.02, filterSample: Int = 512, maximumEF: Int = 4_096) {
        self.enabled = enabled
        self.ef = ef.map { max(1, $0) }
        self.exactBelowShare = exactBelowShare
        self.filterSample = max(1, filterSample)
        self.maximumEF = max(1, maximumEF)
    }

    /// From this many rows the default ef is 256, below it 128.
    public static let largeGraphFrom = 500_000

    /// The ef a search of a graph over `rows` rows uses: `ef` when set, else the smallest power of
    /// two that reached recall@10 ≥ 0.98 on LSA vectors of that size (`Benchmarks/ann-vs-hnswlib.sh`,
    /// docs/PERFORMANCE.md): 128 at 200,000 episodes (0.985; 64 gave 0.924) and 256 at 1,000,000
    /// (0.988; 128 gave 0.945). Recall at a fixed ef falls as the graph grows.
    public func ef(rows: Int) -> Int {
        ef ?? (rows >= Self.largeGraphFrom ? 256 : 128)
    }
}

extension BuildOptions {
    /// Whether a build of `episodes` episodes adds the graph index: as `graphIndex` says, or by
    /// size from `automaticFrom` episodes when it says nothing.
    public func buildsGraph(episodes: Int, automaticFrom: Int = GraphParameters.automaticFrom) -> Bool {
        switch graphIndex {
        case .some(.hnsw): true
        case .some(.disabled): false
        case nil: episodes >= automaticFrom
        }
    }

    /// The graph's parameters: `GraphParameters`' defaults, seeded with the build's seed.
    public var graphParameters: GraphParameters { GraphParameters(seed: seed) }
}

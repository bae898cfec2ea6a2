import PodsimText

/// What a model file says about itself (the `META` section, JSON with sorted keys so the same
/// build gives the same bytes). Nothing here depends on when or where the model was built,
/// except `fit` of a model fitted elsewhere (on Spark), which records where and when.
public struct ModelInfo: Codable, Sendable, Equatable {
    /// Content hash of the model (`podsim-` + 16 hex digits of XXH64 over vectors, projection,
    /// ids and terms): two files with the same id answer the same.
    public var modelID: String
    /// podsim release that wrote the file.
    public var podsimVersion: String
    /// `PodsimVersion.pipeline` of the writer (see there).
    public var pipelineVersion: Int
    /// XXH64 (hex) of the build inputs (source bytes, options, pipeline version): `build --if-stale`
    /// skips the build when it is unchanged.
    public var sourceDigest: String
    /// Seed of the randomized SVD.
    public var seed: UInt64
    /// Dimensions asked for, and kept (capped at the matrix rank).
    public var requestedDimensions: Int
    public var dimensions: Int
    /// Why `dimensions` is below `requestedDimensions`, if it is.
    public var dimensionNote: String?
    public var oversampling: Int
    public var powerIterations: Int
    /// Singular values of the TF-IDF matrix, descending (one per dimension).
    public var singularValues: [Double]
    /// Σσᵢ² / ‖A‖²_F: the share of the TF-IDF matrix's variance the latent space keeps.
    public var explainedVarianceRatio: Double
    /// How text is analysed — queries are analysed exactly like the corpus was.
    public var analyzer: AnalyzerConfiguration
    /// Documents the idf was computed over.
    public var documentCount: Int
    public var episodes: Int
    public var guests: Int
    public var terms: Int
    /// Hosts per show (never counted as guests).
    public var hosts: [String: [String]]
    /// Episodes folded in by `podsim add` since the last fit (absent: none).
    public var addedEpisodes: Int?
    /// Episodes replaced by an upsert (`podsim add --replace`, UPSERT) since the last fit
    /// (absent: none; files written before v1.1 never have it).
    public var replacedEpisodes: Int?
    /// Episodes deleted (`podsim delete`, DELETE) since the last fit (absent: none).
    public var deletedEpisodes: Int?

    /// Episodes added, replaced and deleted since the last fit, together: what `refit_due`
    /// weighs against `documentCount` (`ModelUpdater.changeForRefit`).
    public var changedSinceFit: Int { (addedEpisodes ?? 0) + (replacedEpisodes ?? 0) + (deletedEpisodes ?? 0) }

    /// Where the TF-IDF and SVD were fitted when not in this process (absent: a local build).
    public var fit: FitProvenance?
    /// Episodes a streaming build fitted the vocabulary, idf and SVD on when that was a sample,
    /// fewer than `episodes` (`StreamingModelBuilder`; absent: all of them).
    public var fitSample: Int?
}

/// Where and when an external fit ran (`podsim build --spark`).
public struct FitProvenance: Codable, Sendable, Equatable {
    /// `spark` for `build --spark`.
    public var engine: String
    /// The engine's version (`SparkContext.version`).
    public var version: String
    /// The Spark master URL the job ran on (`local[2]`, `spark://host:7077`, `yarn`).
    public var master: String
    /// When the job started and finished, ISO 8601 in UTC.
    public var started: String
    public var finished: String
    /// How the truncated SVD was computed (`randomized block Krylov, seed 42, …`).
    public var svd: String

    public init(engine: String, version: String, master: String, started: String, finished: String, svd: String) {
        self.engine = engine
        self.version = version
        self.master = master
        self.started = started
        self.finished = finished
        self.svd = svd
    }
}

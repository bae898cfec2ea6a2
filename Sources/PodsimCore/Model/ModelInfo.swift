import PodsimText

/// What a model file says about itself (the `META` section, JSON with sorted keys so the same
/// build gives the same bytes). Nothing here depends on when or where the model was built.
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
}

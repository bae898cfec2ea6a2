import PodsimEpisodes

/// Where a streaming build (`StreamingModelBuilder`) reads its episodes from: every call of
/// `forEachBatch` must deliver the same episodes in the same order (the build reads them twice
/// and checks that it does). The command line reads catalogue files one at a time
/// (`CatalogueLoader.stream`), so no more than one file's episodes are in memory at once.
public protocol EpisodeBatches {
    /// Calls `body` with consecutive batches of episodes, in catalogue order.
    func forEachBatch(_ body: ([Episode]) throws -> Void) throws
}

/// Batches cut from an array: for tests, and for callers that hold the episodes already.
public struct EpisodeArrayBatches: EpisodeBatches {
    public let episodes: [Episode]
    /// Episodes per batch (≥ 1).
    public let batchSize: Int

    public init(_ episodes: [Episode], batchSize: Int = 65_536) {
        self.episodes = episodes
        self.batchSize = max(1, batchSize)
    }

    public func forEachBatch(_ body: ([Episode]) throws -> Void) throws {
        for start in stride(from: 0, to: episodes.count, by: batchSize) {
            try body(Array(episodes[start..<min(episodes.count, start + batchSize)]))
        }
    }
}

import Foundation
import PodsimCatalogue
import PodsimCore
import PodsimEpisodes
import PodsimWorkbench

/// Inputs shared by the benchmarks, built in their setup (not measured).
enum Fixtures {
    /// The repository root (this file is Benchmarks/Benchmarks/PodsimBenchmarks/Fixtures.swift).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The seed model committed at Models/episodes.podsim (30 episodes).
    static var seedModelPath: String { repository.appendingPathComponent("Models/episodes.podsim").path }

    /// `count` synthetic episodes (seed 1, 64 topics): what `podsim synth` writes.
    static func episodes(_ count: Int) throws -> [Episode] {
        try SyntheticCatalogue(SyntheticConfiguration(episodes: count)).episodes(0..<count)
    }

    /// An index of `count` clustered synthetic vectors × `dimensions`, and `queries` query rows.
    static func index(_ count: Int, dimensions: Int = 128, queries: Int = 64) -> (VectorIndex, [[Float]]) {
        let index = VectorIndex(
            normalizing: SyntheticVectors.clustered(count: count, dimensions: dimensions, seed: 7), dimensions: dimensions)
        let rows = (0..<queries).map { ($0 * 7_919 + 13) % count }
        return (index, rows.map(index.vector))
    }
}

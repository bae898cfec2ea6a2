import PodsimWorkbench
@testable import PodsimCore
import PodsimTestSupport

/// `SyntheticVectors.clustered`, the shape the index tests use.
func clusteredVectors(
    count: Int, dimensions: Int, clusters: Int = 12, noise: Float = 0.35, duplicateEvery: Int = 7, seed: UInt64
) -> [Float] {
    SyntheticVectors.clustered(
        count: count, dimensions: dimensions, clusters: clusters, noise: noise, duplicateEvery: duplicateEvery, seed: seed)
}

/// Queries near the data: stored rows, perturbed, normalised.
func nearbyQueries(_ index: VectorIndex, count: Int, seed: UInt64) -> [[Float]] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { _ in
        let row = Int(random.next() % UInt64(index.count))
        let perturbed = index.vector(row).map { $0 + 0.05 * random.unit() }
        return VectorIndex(normalizing: perturbed, dimensions: index.dimensions).vector(0)
    }
}

/// A filter of the kind the recommender builds: not the asked-about row, and not every third row.
func sampleFilter(excluding asked: Int) -> RowFilter {
    { row in row != asked && row % 3 != 1 }
}

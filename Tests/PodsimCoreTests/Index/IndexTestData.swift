@testable import PodsimCore

/// Seeded vectors shaped like LSA episode vectors: `clusters` topic centres with decaying
/// per-dimension weight (leading dimensions carry more, as singular values do), each row a
/// centre plus noise, and every `duplicateEvery`-th row an exact copy of the row before it,
/// so that exact ties occur and must be broken by row.
func clusteredVectors(
    count: Int, dimensions: Int, clusters: Int = 12, noise: Float = 0.35, duplicateEvery: Int = 7, seed: UInt64
) -> [Float] {
    var random = TestRandom(state: seed)
    let weights = (0..<dimensions).map { 1 / (1 + Float($0) / 8) }
    let centres = (0..<clusters).map { _ in (0..<dimensions).map { random.unit() * weights[$0] } }
    var rows: [Float] = []
    rows.reserveCapacity(count * dimensions)
    for row in 0..<count {
        if row > 0 && row % duplicateEvery == 0 {
            rows.append(contentsOf: rows[((row - 1) * dimensions)..<(row * dimensions)])
            continue
        }
        let centre = centres[Int(random.next() % UInt64(clusters))]
        rows.append(contentsOf: (0..<dimensions).map { centre[$0] + noise * random.unit() * weights[$0] })
    }
    return rows
}

/// Queries near the data: stored rows, perturbed, normalised.
func nearbyQueries(_ index: VectorIndex, count: Int, seed: UInt64) -> [[Float]] {
    var random = TestRandom(state: seed)
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

import PodsimCore
import PodsimLinearAlgebra

/// Seeded vectors shaped like LSA episode vectors, for index benchmarks and tests at sizes where
/// building a model first would dominate: `clusters` topic centres whose dimensions weigh less
/// the later they come (as singular values decay), each row its centre plus noise, and every
/// `duplicateEvery`-th row an exact copy of the row before it, so exact ties occur and must be
/// broken by row. Row-major, `count × dimensions`, not normalised (`VectorIndex` does that).
public enum SyntheticVectors {
    public static func clustered(
        count: Int, dimensions: Int, clusters: Int = 12, noise: Float = 0.35, duplicateEvery: Int = 7, seed: UInt64
    ) -> [Float] {
        precondition(count >= 0 && dimensions > 0 && clusters > 0 && duplicateEvery > 0, "bad synthetic vector shape")
        var random = Xoshiro256StarStar(seed: seed)
        func unit() -> Float { Float(random.next() >> 40) / Float(1 << 24) * 2 - 1 }
        let weights = (0..<dimensions).map { 1 / (1 + Float($0) / 8) }
        let centres = (0..<clusters).map { _ in (0..<dimensions).map { unit() * weights[$0] } }
        var rows = [Float](repeating: 0, count: count * dimensions)
        rows.withUnsafeMutableBufferPointer { out in
            for row in 0..<count {
                let base = row * dimensions
                if row > 0 && row % duplicateEvery == 0 {
                    for j in 0..<dimensions { out[base + j] = out[base - dimensions + j] }
                    continue
                }
                let centre = centres[Int(random.next() % UInt64(clusters))]
                for j in 0..<dimensions { out[base + j] = centre[j] + noise * unit() * weights[j] }
            }
        }
        return rows
    }
}

import Testing
@testable import PodsimLinearAlgebra

/// The randomized SVD against the exact reference: LAPACK dgesdd of the densified matrix.
@Suite struct RandomizedSVDTests {
    private func exact(_ a: SparseMatrix) throws -> (u: DenseMatrix, sigma: [Double], v: DenseMatrix) {
        let (u, sigma, vt) = try LAPACK.dgesdd(TestMatrices.dense(a))
        return (u, sigma, vt.transposed())
    }

    private func expectRelativelyClose(_ actual: [Double], _ expected: [Double], within tolerance: Double) {
        #expect(actual.count == expected.count)
        for (x, y) in zip(actual, expected) {
            #expect(abs(x - y) <= tolerance * abs(y), "σ \(x) vs exact \(y)")
        }
    }

    /// Orthonormal columns, canonical signs, descending positive σ, and A·V = U·Σ (the identity
    /// `documentVectors()` relies on) within `tolerance` relative to σ₁.
    private func expectWellFormed(_ svd: TruncatedSVD, of a: SparseMatrix, tolerance: Double) throws {
        #expect(TestMatrices.orthonormalityError(svd.u) < 1e-10)
        #expect(TestMatrices.orthonormalityError(svd.v) < 1e-10)
        #expect(zip(svd.singularValues, svd.singularValues.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(svd.singularValues.allSatisfy { $0 > 0 })
        for j in 0..<svd.rank {
            let column = (0..<svd.u.rows).map { svd.u[$0, j] }
            // The first row holding the largest magnitude.
            let largest = column.map(abs).max()!
            let pivot = column.firstIndex { abs($0) == largest }!
            #expect(column[pivot] > 0, "column \(j): the largest-magnitude entry must be positive")
        }
        let documents = svd.documentVectors()
        let projected = try a.product(svd.v)  // A·V, m×k
        #expect(documents.count == a.rows * svd.rank)
        for i in 0..<a.rows {
            for j in 0..<svd.rank {
                #expect(abs(Double(documents[i * svd.rank + j]) - projected[i, j]) < tolerance * svd.singularValues[0])
            }
        }
        #expect(svd.termProjection() == svd.v.rowMajorFloats())
    }

    @Test func fullRankMatrixReproducesExactSingularValues() throws {
        let a = TestMatrices.randomSparse(rows: 40, columns: 25, density: 0.4, seed: 61)
        let reference = try exact(a)
        #expect(reference.sigma.last! > 1e-3, "the test matrix should have full rank 25")
        let svd = try RandomizedSVD(rank: 25, seed: 1).decompose(a)
        #expect(svd.rank == 25 && svd.requestedRank == 25 && svd.note == nil)
        expectRelativelyClose(svd.singularValues, reference.sigma, within: 1e-6)
        #expect(abs(svd.explainedVarianceRatio - 1) < 1e-9)
        try expectWellFormed(svd, of: a, tolerance: 1e-6)
    }

    @Test func rankDeficientMatrixAtItsRank() throws {
        let a = TestMatrices.integerLowRank(rows: 30, columns: 20, rank: 8, seed: 71)
        let reference = try exact(a)
        #expect(reference.sigma[7] > 1e-6 * reference.sigma[0] && reference.sigma[8] < 1e-12 * reference.sigma[0])
        let svd = try RandomizedSVD(rank: 8, seed: 2).decompose(a)
        #expect(svd.rank == 8 && svd.note == nil)
        expectRelativelyClose(svd.singularValues, Array(reference.sigma.prefix(8)), within: 1e-6)
        #expect(abs(svd.explainedVarianceRatio - 1) < 1e-9)
        try expectWellFormed(svd, of: a, tolerance: 1e-6)
    }

    @Test func requestAboveTheRankIsCappedWithANote() throws {
        let a = TestMatrices.integerLowRank(rows: 30, columns: 20, rank: 8, seed: 71)
        let svd = try RandomizedSVD(rank: 20, seed: 2).decompose(a)
        #expect(svd.rank == 8 && svd.requestedRank == 20)
        #expect(svd.note == "requested 20 dimensions but the 30×20 matrix has rank 8; using 8")
        expectRelativelyClose(svd.singularValues, Array(try exact(a).sigma.prefix(8)), within: 1e-6)
        try expectWellFormed(svd, of: a, tolerance: 1e-6)
    }

    @Test func requestAboveTheSmallerSideIsCappedWithANote() throws {
        let a = TestMatrices.randomSparse(rows: 12, columns: 30, density: 0.5, seed: 81)
        let svd = try RandomizedSVD(rank: 128, seed: 3).decompose(a)
        #expect(svd.rank == 12 && svd.u.columns == 12 && svd.v.rows == 30)
        #expect(svd.note == "requested 128 dimensions but a 12×30 matrix has at most 12; using 12")
        expectRelativelyClose(svd.singularValues, try exact(a).sigma, within: 1e-6)
    }

    @Test func leadingSubspaceAgreesBelowTheRank() throws {
        let a = try TestMatrices.decayingSpectrum(rows: 60, columns: 40, decay: 0.8, seed: 91)
        let reference = try exact(a)
        let k = 5
        let svd = try RandomizedSVD(rank: k, seed: 4).decompose(a)
        #expect(svd.rank == k && svd.note == nil)
        expectRelativelyClose(svd.singularValues, Array(reference.sigma.prefix(k)), within: 1e-6)
        // Cosines of the principal angles between the two k-dimensional subspaces.
        for (approximate, exactVectors) in [(svd.u, reference.u), (svd.v, reference.v)] {
            let overlap = try LAPACK.dgemm(approximate, exactVectors.leadingColumns(k), transposeA: true)
            let cosines = try LAPACK.dgesdd(overlap).singularValues
            #expect(cosines.allSatisfy { $0 > 1 - 1e-6 }, "cosines \(cosines)")
        }
        try expectWellFormed(svd, of: a, tolerance: 1e-6)
        let kept = reference.sigma.prefix(k).reduce(0) { $0 + $1 * $1 }
        #expect(abs(svd.explainedVarianceRatio - kept / a.squaredFrobeniusNorm) < 1e-9)
    }

    @Test func reconstructionErrorIsTheDiscardedEnergy() throws {
        let a = try TestMatrices.decayingSpectrum(rows: 50, columns: 35, decay: 0.75, seed: 101)
        let reference = try exact(a)
        let k = 6
        let svd = try RandomizedSVD(rank: k, seed: 5).decompose(a)
        var scaled = svd.u
        for j in 0..<k { for i in 0..<scaled.rows { scaled[i, j] *= svd.singularValues[j] } }
        let residual = try LAPACK.dgemm(scaled, svd.v, transposeB: true)
        let dense = TestMatrices.dense(a)
        let error = zip(dense.storage, residual.storage).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        // Eckart–Young: the best rank-k approximation leaves exactly Σ_{i>k} σᵢ².
        let discarded = reference.sigma.dropFirst(k).reduce(0) { $0 + $1 * $1 }
        #expect(abs(error - discarded) < 1e-6 * discarded, "‖A − UΣVᵀ‖² = \(error), Σ_{i>k} σᵢ² = \(discarded)")
    }

    @Test func sameSeedIsBitIdenticalAndOtherSeedsAgree() throws {
        let a = try TestMatrices.decayingSpectrum(rows: 45, columns: 30, decay: 0.8, seed: 111)
        let first = try RandomizedSVD(rank: 5, seed: 9).decompose(a)
        let second = try RandomizedSVD(rank: 5, seed: 9).decompose(a)
        #expect(first.singularValues.map(\.bitPattern) == second.singularValues.map(\.bitPattern))
        #expect(first.u.storage.map(\.bitPattern) == second.u.storage.map(\.bitPattern))
        #expect(first.v.storage.map(\.bitPattern) == second.v.storage.map(\.bitPattern))
        let other = try RandomizedSVD(rank: 5, seed: 10).decompose(a)
        #expect(other.u != first.u, "a different seed should take a different random path")
        expectRelativelyClose(other.singularValues, first.singularValues, within: 1e-8)
        // Canonical signs make the vectors themselves agree, not just the subspaces.
        #expect(TestMatrices.maxDifference(other.u, first.u) < 1e-6)
        #expect(TestMatrices.maxDifference(other.v, first.v) < 1e-6)
    }

    @Test func progressReportsEachPhase() throws {
        let a = TestMatrices.randomSparse(rows: 20, columns: 15, density: 0.5, seed: 121)
        var phases: [String] = []
        _ = try RandomizedSVD(rank: 3, oversampling: 0, powerIterations: 2).decompose(a) { phases.append($0) }
        #expect(phases.count == 5, "\(phases)")
        #expect(phases[0] == "Krylov block 1/3: 3 of at most 9 directions")
        #expect(phases[1] == "Krylov block 2/3: 6 of at most 9 directions")
        #expect(phases[2] == "Krylov block 3/3: 9 of at most 9 directions")
        #expect(phases[3] == "Rayleigh–Ritz: the best 3 of 9 directions")
        #expect(phases.last == "small SVD of a 20×3 matrix")
    }

    @Test func canonicalSignsFlipBothVectorsAndBreakTiesByLowestRow() {
        var u = DenseMatrix(rows: 3, columns: 2, storage: [0.5, -0.5, 0.1, -0.2, 0.6, -0.6])
        var v = DenseMatrix(rows: 2, columns: 2, storage: [1, 2, 3, 4])
        RandomizedSVD.canonicalizeSigns(u: &u, v: &v)
        // Column 0: |0.5| ties |−0.5|; row 0 wins and is positive, so nothing flips.
        #expect(u.storage[0..<3] == [0.5, -0.5, 0.1] && v.storage[0..<2] == [1, 2])
        // Column 1: |0.6| ties |−0.6|; row 1 (0.6) wins, so nothing flips either…
        #expect(u.storage[3..<6] == [-0.2, 0.6, -0.6] && v.storage[2..<4] == [3, 4])
        var w = DenseMatrix(rows: 2, columns: 1, storage: [-0.7, 0.7])
        var x = DenseMatrix(rows: 1, columns: 1, storage: [2])
        RandomizedSVD.canonicalizeSigns(u: &w, v: &x)
        // …whereas here row 0 (−0.7) wins the tie, so the pair flips together.
        #expect(w.storage == [0.7, -0.7] && x.storage == [-2])
    }
}

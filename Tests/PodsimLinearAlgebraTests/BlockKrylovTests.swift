import Foundation
import Testing
@testable import PodsimLinearAlgebra

/// What the block Krylov iteration adds over subspace iteration — accuracy on a flat spectrum —
/// and what it must keep: the same bits for any BLAS thread count, and a basis on the smaller side.
@Suite struct BlockKrylovTests {
    /// A rows×columns matrix whose singular values fall slowly, 1/(1 + j/20), like the long flat
    /// tail of a term-document matrix, with random singular vectors.
    private func flatSpectrum(rows: Int, columns: Int, seed: UInt64) throws -> (SparseMatrix, [Double]) {
        let r = min(rows, columns)
        let left = try LAPACK.thinQR(TestMatrices.gaussian(rows: rows, columns: r, seed: seed)).q
        let right = try LAPACK.thinQR(TestMatrices.gaussian(rows: columns, columns: r, seed: seed &+ 1)).q
        var scaled = left
        for j in 0..<r {
            for i in 0..<rows { scaled[i, j] /= 1 + Double(j) / 20 }
        }
        let a = TestMatrices.sparse(try LAPACK.dgemm(scaled, right, transposeB: true))
        return (a, try LAPACK.dgesdd(TestMatrices.dense(a)).singularValues)
    }

    /// On a flat spectrum (σ₃₀/σ₃₁ ≈ 1.02) the defaults put every σ₁…σ₃₀ far within 1 % of the
    /// exact values (10⁻⁶ measured), with a basis of 200 directions that does not fill R^400.
    /// One Krylov iteration is not enough (13 % off), so this checks that the blocks add up.
    @Test(arguments: [(600, 400), (400, 600)])
    func flatSpectrumWithinOnePercentAtTheDefaults(rows: Int, columns: Int) throws {
        let (a, exact) = try flatSpectrum(rows: rows, columns: columns, seed: 131)
        let svd = try RandomizedSVD(rank: 30, seed: 7).decompose(a)
        #expect(svd.rank == 30)
        let errors = zip(svd.singularValues, exact).map { abs($0 - $1) / $1 }
        #expect(errors.max()! < 1e-4, "relative errors \(errors)")
        let one = try RandomizedSVD(rank: 30, powerIterations: 1, seed: 7).decompose(a)
        #expect(zip(one.singularValues, exact).map { abs($0 - $1) / $1 }.max()! > 0.01)
        #expect(TestMatrices.orthonormalityError(svd.u) < 1e-10)
        #expect(TestMatrices.orthonormalityError(svd.v) < 1e-10)
        #expect(svd.u.rows == rows && svd.v.rows == columns)
    }

    /// Enough Krylov blocks to span the smaller side make the fit exact, wide or tall.
    @Test(arguments: [(60, 24), (24, 60)])
    func aBasisThatFillsTheSmallerSideIsExact(rows: Int, columns: Int) throws {
        let (a, exact) = try flatSpectrum(rows: rows, columns: columns, seed: 141)
        let svd = try RandomizedSVD(rank: 10, oversampling: 2, powerIterations: 3, seed: 8).decompose(a)
        for (value, reference) in zip(svd.singularValues, exact) {
            #expect(abs(value - reference) <= 1e-10 * reference, "σ \(value) vs exact \(reference)")
        }
    }

    /// One thread or two — for the sparse products and the blocked products with the basis —
    /// the fit is the same to the bit (large enough that the basis has several row blocks).
    @Test func threadCountChangesNoBit() throws {
        var generator = Xoshiro256StarStar(seed: 151)
        let (rows, columns) = (9_000, 2 * DenseMatrix.rowsPerBlock + 500)  // the basis lives on the 8,692 side
        let a = SparseMatrix(columns: columns, rows: (0..<rows).map { _ in
            (0..<12).map { _ in (Int(generator.next() % UInt64(columns)), Float(generator.nextUniform())) }
        })
        let one = try RandomizedSVD(rank: 12, powerIterations: 2, seed: 9, threads: 1).decompose(a)
        let two = try RandomizedSVD(rank: 12, powerIterations: 2, seed: 9, threads: 2).decompose(a)
        let many = try RandomizedSVD(rank: 12, powerIterations: 2, seed: 9, threads: 7).decompose(a)
        #expect(one.rank == 12)
        for other in [two, many] {
            #expect(one.singularValues.map(\.bitPattern) == other.singularValues.map(\.bitPattern))
            #expect(one.u.storage.map(\.bitPattern) == other.u.storage.map(\.bitPattern))
            #expect(one.v.storage.map(\.bitPattern) == other.v.storage.map(\.bitPattern))
        }
    }

    /// The blocked products agree with one BLAS call, and split a tall P into several blocks.
    @Test func blockedProductsMatchTheDirectOnes() throws {
        let p = TestMatrices.gaussian(rows: 2 * DenseMatrix.rowsPerBlock + 123, columns: 9, seed: 171)
        let w = TestMatrices.gaussian(rows: p.rows, columns: 5, seed: 172)
        let c = TestMatrices.gaussian(rows: 9, columns: 5, seed: 173)
        for threads in [1, 2] {
            #expect(TestMatrices.maxDifference(try p.blockedTransposedProduct(w, threads: threads),
                                               try LAPACK.dgemm(p, w, transposeA: true)) < 1e-9)
            #expect(TestMatrices.maxDifference(try p.blockedProduct(c, threads: threads), try LAPACK.dgemm(p, c)) < 1e-12)
        }
    }
}

import Testing
@testable import PodsimLinearAlgebra

/// CholeskyQR2 and the SVD of a tall matrix built on it: the same factorisation as LAPACK's
/// Householder QR and `dgesdd` to rounding, the same bits for any thread count, and the
/// Householder fallback where a Cholesky factorisation cannot be trusted.
@Suite struct CholeskyQRTests {
    /// Tall enough for three blocks of rows (`DenseMatrix.rowsPerBlock`), so the threads split it.
    private let tall = 2 * DenseMatrix.rowsPerBlock + 321

    @Test func choleskyQR2IsAnOrthonormalFactorisation() throws {
        let a = TestMatrices.gaussian(rows: tall, columns: 17, seed: 201)
        let (q, r) = try #require(try a.choleskyQR2(threads: 2))
        #expect(TestMatrices.orthonormalityError(q) < 1e-14)
        #expect(TestMatrices.maxDifference(try LAPACK.dgemm(q, r), a) < 1e-12)
        for j in 0..<r.columns {
            #expect(r[j, j] > 0)
            for i in (j + 1)..<r.rows { #expect(r[i, j] == 0) }
        }
        // Householder's Q and R agree up to the sign of each column (its R may have r_jj < 0).
        let householder = try LAPACK.thinQR(a)
        for j in 0..<r.columns {
            let sign: Double = householder.r[j, j] < 0 ? -1 : 1
            for i in 0..<q.rows { #expect(abs(q[i, j] - sign * householder.q[i, j]) < 1e-12) }
        }
    }

    @Test func threadCountChangesNoBit() throws {
        let a = TestMatrices.gaussian(rows: tall, columns: 9, seed: 202)
        let one = try #require(try a.choleskyQR2(threads: 1))
        for threads in [2, 7] {
            let other = try #require(try a.choleskyQR2(threads: threads))
            #expect(one.q.storage.map(\.bitPattern) == other.q.storage.map(\.bitPattern))
            #expect(one.r.storage.map(\.bitPattern) == other.r.storage.map(\.bitPattern))
        }
    }

    /// A matrix of rank 3 in 6 columns: no Cholesky factorisation to trust, so `choleskyQR2`
    /// declines and `tallQR` answers with Householder's orthonormal Q.
    @Test func rankDeficientMatrixFallsBackToHouseholder() throws {
        let a = TestMatrices.dense(TestMatrices.integerLowRank(rows: 500, columns: 6, rank: 3, seed: 203))
        #expect(try a.choleskyQR2(threads: 2) == nil)
        let (q, r) = try a.tallQR(threads: 2)
        #expect(TestMatrices.orthonormalityError(q) < 1e-12)
        #expect(TestMatrices.maxDifference(try LAPACK.dgemm(q, r), a) < 1e-10)
    }

    /// Columns whose scales differ by 10⁵ (condition about 10⁵): the first step loses
    /// orthogonality, the second restores it.
    @Test func illConditionedButFullRankStaysOrthonormal() throws {
        var a = TestMatrices.gaussian(rows: 2_000, columns: 8, seed: 204)
        for i in 0..<a.rows { a[i, 7] = a[i, 0] + 1e-5 * a[i, 7] }
        let (q, r) = try #require(try a.choleskyQR2(threads: 2))
        #expect(TestMatrices.orthonormalityError(q) < 1e-13)
        #expect(TestMatrices.maxDifference(try LAPACK.dgemm(q, r), a) < 1e-11)
    }

    @Test func gramMatchesTheDirectProduct() throws {
        let a = TestMatrices.gaussian(rows: tall, columns: 11, seed: 205)
        let gram = try a.blockedGram(threads: 2)
        #expect(TestMatrices.maxDifference(gram, try LAPACK.dgemm(a, a, transposeA: true)) < 1e-9)
        #expect(gram == gram.transposed())
    }

    @Test func choleskyRejectsAMatrixThatIsNotPositiveDefinite() {
        #expect(DenseMatrix.cholesky(DenseMatrix(rows: 2, columns: 2, storage: [1, 2, 2, 1])) == nil)
        let r = DenseMatrix.cholesky(DenseMatrix(rows: 2, columns: 2, storage: [4, 2, 2, 5]))
        #expect(r?.storage == [2, 0, 1, 2])
    }

    /// The tall SVD (CholeskyQR2, then `dgesdd` of R) against `dgesdd` of the whole matrix,
    /// and the fallback to it for a rank-deficient matrix.
    @Test func tallSVDMatchesLAPACK() throws {
        for a in [TestMatrices.gaussian(rows: 3_000, columns: 12, seed: 206),
                  TestMatrices.dense(TestMatrices.integerLowRank(rows: 400, columns: 12, rank: 5, seed: 207))] {
            let ours = try RandomizedSVD.tallSVD(a, threads: 2)
            let exact = try LAPACK.dgesdd(a)
            for (value, reference) in zip(ours.singularValues, exact.singularValues) {
                #expect(abs(value - reference) <= 1e-12 * exact.singularValues[0])
            }
            #expect(TestMatrices.orthonormalityError(ours.u) < 1e-12)
            var reconstructed = ours.u
            for j in 0..<reconstructed.columns {
                for i in 0..<reconstructed.rows { reconstructed[i, j] *= ours.singularValues[j] }
            }
            #expect(TestMatrices.maxDifference(try LAPACK.dgemm(reconstructed, ours.vt), a) < 1e-10)
        }
    }
}

import Testing
import PodsimLinearAlgebra

@Suite struct LAPACKTests {
    @Test(arguments: [(12, 5), (5, 12), (7, 7)])
    func thinQRIsOrthonormalAndReproducesA(rows: Int, columns: Int) throws {
        let a = TestMatrices.gaussian(rows: rows, columns: columns, seed: 3)
        let (q, r) = try LAPACK.thinQR(a)
        let thin = min(rows, columns)
        #expect(q.rows == rows && q.columns == thin)
        #expect(r.rows == thin && r.columns == columns)
        #expect(TestMatrices.orthonormalityError(q) < 1e-12)
        #expect(TestMatrices.maxDifference(TestMatrices.naiveProduct(q, r), a) < 1e-12)
        for j in 0..<columns {
            for i in (j + 1)..<max(j + 1, thin) { #expect(r[i, j] == 0, "R must be upper triangular") }
        }
    }

    @Test(arguments: [(9, 4), (4, 9)])
    func dgesddReproducesAWithOrderedSingularValues(rows: Int, columns: Int) throws {
        let a = TestMatrices.gaussian(rows: rows, columns: columns, seed: 5)
        let (u, sigma, vt) = try LAPACK.dgesdd(a)
        let thin = min(rows, columns)
        #expect(sigma.count == thin && u.columns == thin && vt.rows == thin)
        #expect(zip(sigma, sigma.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(TestMatrices.orthonormalityError(u) < 1e-12)
        #expect(TestMatrices.orthonormalityError(vt.transposed()) < 1e-12)
        var scaled = u
        for j in 0..<thin { for i in 0..<rows { scaled[i, j] *= sigma[j] } }
        #expect(TestMatrices.maxDifference(TestMatrices.naiveProduct(scaled, vt), a) < 1e-12)
        // ‖A‖F² = Σσᵢ² is a property of A alone, so it checks σ independently of U and V.
        let energy = sigma.reduce(0) { $0 + $1 * $1 }
        #expect(abs(energy - a.squaredFrobeniusNorm) < 1e-10 * a.squaredFrobeniusNorm)
    }

    @Test func dgesddReportsNaNInputAsLAPACKFailureNamingTheRoutine() throws {
        var a = TestMatrices.gaussian(rows: 4, columns: 3, seed: 1)
        a[2, 1] = .nan
        let error = try #require(throws: LinearAlgebraError.self) { try LAPACK.dgesdd(a) }
        #expect(error.code == .lapackFailure)
        #expect(error.routine == "dgesdd")
        #expect(error.info == -4)
        #expect(error.message == "LAPACK dgesdd failed with info = -4: the matrix contains NaN")
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func dgemmMatchesNaiveLoops(transposeA: Bool, transposeB: Bool) throws {
        // op(A) is 6×4 and op(B) is 4×5 whichever way each is stored.
        let a = TestMatrices.gaussian(rows: transposeA ? 4 : 6, columns: transposeA ? 6 : 4, seed: 7)
        let b = TestMatrices.gaussian(rows: transposeB ? 5 : 4, columns: transposeB ? 4 : 5, seed: 8)
        let c = try LAPACK.dgemm(a, b, transposeA: transposeA, transposeB: transposeB)
        let expected = TestMatrices.naiveProduct(
            transposeA ? a.transposed() : a, transposeB ? b.transposed() : b)
        #expect(c.rows == 6 && c.columns == 5)
        #expect(TestMatrices.maxDifference(c, expected) < 1e-12)
    }

    @Test func dgemmRejectsMismatchedInnerDimensions() throws {
        let a = DenseMatrix(rows: 3, columns: 4), b = DenseMatrix(rows: 5, columns: 2)
        let error = try #require(throws: LinearAlgebraError.self) { try LAPACK.dgemm(a, b) }
        #expect(error.code == .dimensionMismatch)
        #expect(error.message.contains("3×4") && error.message.contains("5×2"))
    }

    /// Element (i, j) of an r×c matrix stored in `layout`.
    private func element(_ x: [Float], _ i: Int, _ j: Int, rows: Int, columns: Int, _ layout: LAPACK.Layout) -> Double {
        Double(layout == .rowMajor ? x[i * columns + j] : x[i + j * rows])
    }

    private func randomFloats(_ count: Int, seed: UInt64) -> [Float] {
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in Float(generator.nextGaussian()) }
    }

    @Test(arguments: [LAPACK.Layout.rowMajor, .columnMajor], [false, true])
    func sgemmMatchesNaiveLoops(layout: LAPACK.Layout, transposeA: Bool) throws {
        // The index's case: C (q×n) = A (q×d) · Bᵀ with B stored n×d, plus op(A) = Aᵀ.
        let (m, n, k) = (3, 7, 5)
        let a = randomFloats(m * k, seed: 11), b = randomFloats(n * k, seed: 12)
        let c = try LAPACK.sgemm(
            a, b, m: m, n: n, k: k, transposeA: transposeA, transposeB: true, layout: layout)
        for i in 0..<m {
            for j in 0..<n {
                var expected = 0.0
                for p in 0..<k {
                    let aip = transposeA
                        ? element(a, p, i, rows: k, columns: m, layout)
                        : element(a, i, p, rows: m, columns: k, layout)
                    expected += aip * element(b, j, p, rows: n, columns: k, layout)
                }
                #expect(abs(element(c, i, j, rows: m, columns: n, layout) - expected) < 1e-5)
            }
        }
    }

    @Test func sgemmRejectsBuffersThatDoNotMatchTheirShape() throws {
        let error = try #require(throws: LinearAlgebraError.self) {
            try LAPACK.sgemm([Float](repeating: 1, count: 6), [Float](repeating: 1, count: 5), m: 2, n: 2, k: 3)
        }
        #expect(error.code == .dimensionMismatch)
        #expect(error.message.contains("B holds 5 floats"))
        #expect(throws: LinearAlgebraError.self) { try LAPACK.sgemm([], [], m: -1, n: 0, k: 0) }
    }
}

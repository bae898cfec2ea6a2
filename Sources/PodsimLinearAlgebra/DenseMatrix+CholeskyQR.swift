import Foundation

/// QR of a tall matrix (d×w, d ≫ w) by CholeskyQR2, with Householder as the fallback.
///
/// Algorithm — CholeskyQR2: Fukaya, Nakatsukasa, Yanagisawa & Yamamoto, "CholeskyQR2: a simple
/// and communication-avoiding algorithm for computing a tall-skinny QR factorization", ScalA
/// 2014; Yamamoto et al., ETNA 44 (2015). One step is G = AᵀA, G = RᵀR (Cholesky), Q = A·R⁻¹;
/// the second step repeats it on Q, whose columns are then orthonormal to rounding, and
/// R = R₂·R₁. Every product is a level-3 BLAS call over a block of rows
/// (`DenseMatrix+Chunked`: fixed blocks of rows, partial sums in block order), so it runs on
/// every core with the same bits for any thread count — where LAPACK's Householder QR
/// (`dgeqrf` + `dorgqr`) spends most of its time in single-threaded level-2 updates (`dlarf`:
/// a quarter of the Debian fit's CPU before this file).
///
/// When it fails: one step squares A's condition number, so the first step is only accurate
/// while cond(A) ≲ 10⁷ (rank-deficient blocks, an invariant subspace reached early, a degenerate
/// test matrix). The check is direct: the Gram matrix of the first step's Q must be within
/// `choleskyQRGramTolerance` (Frobenius) of the identity, which bounds cond(Q) ≤ √3 so the second
/// step is exact to rounding, and the residual ‖A − Q·R‖ is then O(ε‖A‖) as for Householder.
/// Otherwise — or when a Cholesky pivot is not positive — the Householder QR answers.
extension DenseMatrix {
    /// ‖Q₁ᵀQ₁ − I‖F above which the first CholeskyQR step is not trusted. Default 0.5.
    static let choleskyQRGramTolerance = 0.5

    /// A = Q·R with Q d×w (orthonormal columns) and R w×w upper triangular; d ≥ w required.
    /// The first j columns of Q span the first j columns of A, as with Householder.
    func tallQR(threads: Int) throws -> (q: DenseMatrix, r: DenseMatrix) {
        precondition(rows >= columns, "a tall QR needs at least as many rows as columns")
        if let factors = try choleskyQR2(threads: threads) { return factors }
        return try LAPACK.thinQR(self)
    }

    /// CholeskyQR2, or nil when A is too ill-conditioned for it (see the type's comment).
    func choleskyQR2(threads: Int) throws -> (q: DenseMatrix, r: DenseMatrix)? {
        var q = self
        guard let r1 = try q.choleskyQRStep(threads: threads, requireNearlyOrthonormal: false),
            let r2 = try q.choleskyQRStep(threads: threads, requireNearlyOrthonormal: true)
        else { return nil }
        return (q, try LAPACK.dgemm(r2, r1))
    }

    /// One CholeskyQR step in place: self = self·R⁻¹ with RᵀR = selfᵀ·self; returns R, or nil
    /// (self unchanged) when a pivot is not positive or, with `requireNearlyOrthonormal`, when
    /// the Gram matrix is not within `choleskyQRGramTolerance` of the identity — the condition
    /// under which one step alone leaves the columns orthonormal to rounding.
    mutating func choleskyQRStep(threads: Int, requireNearlyOrthonormal: Bool) throws -> DenseMatrix? {
        guard columns > 0, rows >= columns else { return nil }
        let gram = try blockedGram(threads: threads)
        if requireNearlyOrthonormal && !(Self.distanceFromIdentity(gram) <= Self.choleskyQRGramTolerance) { return nil }
        guard let r = Self.cholesky(gram) else { return nil }
        try solveUpperFromTheRight(r, threads: threads)
        return r
    }

    /// The upper triangular R with RᵀR = G (the upper triangle of G is read), or nil when a pivot
    /// is not positive and finite. w³/3 flops: 0.9 M at w = 138, so a plain loop.
    static func cholesky(_ g: DenseMatrix) -> DenseMatrix? {
        let n = g.columns
        var r = DenseMatrix(rows: n, columns: n)
        for j in 0..<n {
            // Column j of R: R[k, j] for k ≤ j, from G[·, j] less the columns already known.
            for i in 0...j {
                var sum = g[i, j]
                for k in 0..<i { sum -= r[k, i] * r[k, j] }
                if i < j {
                    r[i, j] = sum / r[i, i]
                } else {
                    guard sum > 0, sum.isFinite else { return nil }
                    r[j, j] = sum.squareRoot()
                }
            }
        }
        return r
    }

    /// ‖G − I‖F; NaN compares false, so a non-finite G is never trusted.
    static func distanceFromIdentity(_ g: DenseMatrix) -> Double {
        var sum = 0.0
        for j in 0..<g.columns {
            for i in 0..<g.rows {
                let difference = g[i, j] - (i == j ? 1 : 0)
                sum += difference * difference
            }
        }
        return sum.isNaN ? .infinity : sum.squareRoot()
    }
}

/// Randomized truncated SVD of a sparse matrix: the k leading singular triplets of A (m×n).
///
/// Algorithm — Halko, Martinsson & Tropp, "Finding structure with randomness: probabilistic
/// algorithms for constructing approximate matrix decompositions", SIAM Review 53(2), 2011:
/// Algorithm 4.4 (randomized subspace iteration) to find an orthonormal basis Q of A's dominant
/// range, then Algorithm 5.1 (direct SVD) to factor A within it. With l = min(k + p, m, n):
///
///     Ω  = n×l Gaussian (seeded xoshiro256**, so the fit is reproducible)
///     Y  = A·Ω
///     q times:  Q = qr(Y),  Z = qr(Aᵀ·Q),  Y = A·Z
///     Q  = qr(Y)                                      (m×l, orthonormal)
///     B  = Qᵀ·A, computed as (Aᵀ·Q)ᵀ                  (l×n, small)
///     B  = Ũ·Σ·Vᵀ  by LAPACK dgesdd;   U = Q·Ũ
///
/// Re-orthonormalising after every product (rather than forming (AAᵀ)^q·A·Ω directly) keeps the
/// small singular directions from drowning in rounding error: in double precision the plain
/// power scheme loses everything below σ₁·ε^(1/(2q+1)).
///
/// Memory: O((m + n)·l) doubles for Ω, Y, Q, Z and B, plus one transposed copy of A (as many
/// non-zeros as A). A itself is never densified — at 100k documents × 100k terms a dense copy
/// would need 80 GB of doubles. Time: 2q + 2 sparse passes, O(non-zeros · l) each, plus
/// O((m + n)·l²) for the QRs and the small SVD.
///
/// Why these defaults: p = 10 extra samples make the probability that the basis misses the
/// leading k-space negligible (Halko §10.2: the expected error exceeds the optimum by a factor
/// that falls quickly with p; 5–10 is their recommendation). q = 4 because term-document spectra
/// decay slowly — the tail of small σ's is long and flat — and each power iteration sharpens the
/// gap by a factor (σ_{k+1}/σ_k)²; scikit-learn's `randomized_svd` uses 4 to 7 for the same
/// reason. Each iteration costs two sparse passes, cheap next to the text pipeline.
public struct RandomizedSVD: Sendable, Equatable {
    /// The number of singular triplets k wanted (latent dimensions); at least 1. The result may
    /// have fewer when A's numerical rank or smaller side is below k (see `TruncatedSVD.note`).
    public var rank: Int
    /// Extra random directions p sampled beyond k, in columns; default 10.
    public var oversampling: Int
    /// Power (subspace) iterations q, each two sparse passes with a QR after each; default 4.
    public var powerIterations: Int
    /// Seed of the Gaussian test matrix Ω; the same seed and input give bit-identical results
    /// on the same machine and BLAS. Default 0.
    public var seed: UInt64

    public init(rank: Int, oversampling: Int = 10, powerIterations: Int = 4, seed: UInt64 = 0) {
        self.rank = rank
        self.oversampling = oversampling
        self.powerIterations = powerIterations
        self.seed = seed
    }

    /// Computes the truncated SVD of `a`. `progress`, when given, is called on this thread with a
    /// short line as each phase starts (range finder, power iteration i/q, small SVD).
    public func decompose(
        _ a: SparseMatrix, progress: ((String) -> Void)? = nil
    ) throws -> TruncatedSVD {
        let totalVariance = try validate(a)
        let (m, n) = (a.rows, a.columns)
        let k = min(rank, m, n)
        let l = k + min(oversampling, min(m, n) - k)  // min(k + p, m, n) without overflow

        progress?("range finder: A·Ω with a \(n)×\(l) Gaussian Ω")
        var generator = Xoshiro256StarStar(seed: seed)
        let omega = DenseMatrix(
            rows: n, columns: l, storage: (0..<(n * l)).map { _ in generator.nextGaussian() })
        let aTransposed = a.transposed()
        var y = try a.product(omega)
        for iteration in 0..<powerIterations {
            progress?("power iteration \(iteration + 1)/\(powerIterations)")
            let q = try LAPACK.thinQR(y).q
            let z = try LAPACK.thinQR(aTransposed.product(q)).q
            y = try a.product(z)
        }
        let q = try LAPACK.thinQR(y).q

        progress?("small SVD of a \(l)×\(n) matrix")
        let b = try aTransposed.product(q).transposed()
        let small = try LAPACK.dgesdd(b)

        // Numerical rank as in numpy's matrix_rank: σ's below σ₁·max(m, n)·ε are rounding noise,
        // and their vectors would be arbitrary directions, not structure.
        let tolerance = small.singularValues[0] * Double(max(m, n)) * Double.ulpOfOne
        let numericalRank = small.singularValues.prefix { $0 > tolerance }.count
        let kept = min(k, numericalRank)

        var u = try LAPACK.dgemm(q, small.u.leadingColumns(kept))
        var v = small.vt.transposed().leadingColumns(kept)
        Self.canonicalizeSigns(u: &u, v: &v)
        let sigma = Array(small.singularValues.prefix(kept))
        return TruncatedSVD(
            singularValues: sigma, u: u, v: v,
            explainedVarianceRatio: sigma.reduce(0) { $0 + $1 * $1 } / totalVariance,
            requestedRank: rank,
            note: note(kept: kept, rows: m, columns: n, numericalRank: numericalRank))
    }

    /// Checks the configuration and the input; returns ‖A‖F², which must be positive.
    private func validate(_ a: SparseMatrix) throws -> Double {
        guard rank >= 1 else {
            throw LinearAlgebraError(.invalidArgument, "the SVD rank must be at least 1 (got \(rank))")
        }
        guard oversampling >= 0, powerIterations >= 0 else {
            throw LinearAlgebraError(
                .invalidArgument,
                "oversampling (\(oversampling)) and power iterations (\(powerIterations)) must not be negative")
        }
        guard a.rows > 0, a.columns > 0 else {
            throw LinearAlgebraError(
                .emptyMatrix, "cannot decompose a \(a.rows)×\(a.columns) matrix: it has no entries")
        }
        if let bad = a.values.firstIndex(where: { !$0.isFinite }) {
            let row = a.rowStart.lastIndex { $0 <= bad }!  // the row whose range holds `bad`
            throw LinearAlgebraError(
                .nonFiniteValue,
                "entry (row \(row), column \(a.columnIndices[bad])) is \(a.values[bad]); all entries must be finite")
        }
        let totalVariance = a.squaredFrobeniusNorm
        guard totalVariance > 0 else {
            throw LinearAlgebraError(
                .emptyMatrix, "cannot decompose a \(a.rows)×\(a.columns) matrix whose entries are all zero")
        }
        return totalVariance
    }

    /// The user-facing reason for returning fewer than `rank` dimensions, or nil.
    private func note(kept: Int, rows: Int, columns: Int, numericalRank: Int) -> String? {
        guard kept < rank else { return nil }
        if kept == numericalRank && kept < min(rows, columns) {
            return "requested \(rank) dimensions but the \(rows)×\(columns) matrix has rank \(kept); using \(kept)"
        }
        return "requested \(rank) dimensions but a \(rows)×\(columns) matrix has at most \(kept); using \(kept)"
    }

    /// Flips each pair (uⱼ, vⱼ) so that the entry of uⱼ with the largest magnitude is positive
    /// (the first such row on ties), as scikit-learn's `svd_flip`: the SVD fixes each pair only
    /// up to a joint sign, and a model should not change when only the sign convention does.
    static func canonicalizeSigns(u: inout DenseMatrix, v: inout DenseMatrix) {
        for j in 0..<u.columns {
            var pivot = 0
            for i in 0..<u.rows where abs(u[i, j]) > abs(u[pivot, j]) { pivot = i }
            guard u[pivot, j] < 0 else { continue }
            for i in 0..<u.rows { u[i, j] = -u[i, j] }
            for i in 0..<v.rows { v[i, j] = -v[i, j] }
        }
    }
}

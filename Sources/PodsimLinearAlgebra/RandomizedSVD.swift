import Foundation

/// Randomized truncated SVD of a sparse matrix: the k leading singular triplets of A (m×n).
///
/// Algorithm — randomized block Krylov iteration: Musco & Musco, "Randomized block Krylov
/// methods for stronger and faster approximate singular value decomposition", NeurIPS 2015
/// (Algorithm 2), run on the smaller side of A and finished by a Rayleigh–Ritz step and the
/// direct SVD of Halko, Martinsson & Tropp, SIAM Review 53(2), 2011 (Algorithm 5.1).
/// Let X be A when n ≤ m, else Aᵀ, so X is D×d with d = min(m, n); l = min(k + p, d):
///
///     P₀ = qr(Ω),  Ω a d×l Gaussian (seeded xoshiro256**, so the fit is reproducible)
///     for i = 0…q:  Wᵢ = Xᵀ·(X·Pᵢ)                       (two sparse passes)
///                   Pᵢ₊₁ = the part of Wᵢ orthogonal to P₀…Pᵢ, orthonormalised   (i < q)
///     P = [P₀ … P_q]   (d×s, s ≤ (q + 1)·l, an orthonormal basis of the Krylov space)
///     T = Pᵀ·XᵀX·P     (s×s, gathered from the Wᵢ for free; see `KrylovBasis`)
///     T = S·Λ·Sᵀ;  V_l = P·S[:, 1…l]                       (Rayleigh–Ritz: the best l directions)
///     B = X·V_l = Ũ·Σ·Wᵀ  by CholeskyQR2 + dgesdd of R      (one more sparse pass, D×l)
///     left vectors of X: Ũ;  right vectors of X: V_l·W
///
/// Why Krylov rather than subspace (power) iteration: subspace iteration keeps only the last
/// block, (XᵀX)^q·Ω, and converges at the rate (σ_{k+1}/σ_k)^(2q) — slow on term-document
/// spectra, whose tail is long and flat (with q = 4 the old fit had σ₁₂₈ 5 % low on the Debian
/// catalogue). The Krylov space keeps every block, so it contains every polynomial of degree q in
/// XᵀX applied to Ω, among them Chebyshev polynomials that separate σ_k from σ_{k+1} with a gap
/// of only √(gap) per pass (Musco & Musco, Theorems 1 and 13); the extra blocks also act as
/// (q·l)-fold oversampling for the Ritz values. It costs the same 2q + 2 sparse passes as
/// subspace iteration, plus one for B; the price is memory and dense work on the small side:
/// d·s doubles for P and O(d·s²) flops of Gram–Schmidt.
///
/// Rounding: T holds σ² rather than σ, which would blur the small singular values, so T is
/// used only to choose directions; the singular values and vectors come from the SVD of B,
/// which is as accurate as the direct method (Halko §5.1) and lets the numerical rank be read
/// at the ε·σ₁ level. For the same reason the 2q + 2 Krylov passes may read P in Float
/// (`SparseMatrix.rowMajorProduct`, half the memory traffic) while B's pass stays in Double.
///
/// Memory: d·s for P, plus D·l for B and the products, plus one transposed copy of A (as many
/// non-zeros as A). A itself is never densified. Threads: the sparse products (each output row
/// owned by one thread) and the products with P (fixed blocks of rows, `DenseMatrix+Chunked`)
/// run on `threads` threads and give the same bits for any count; so do the QRs (CholeskyQR2,
/// `DenseMatrix+CholeskyQR`, rather than LAPACK's single-threaded Householder QR, which was a
/// quarter of the Debian fit's CPU). The BLAS itself runs on one
/// thread throughout: OpenBLAS's results change with its thread count, and its threads spin
/// while they wait, which cost a 61-episode fit 6 s instead of 0.03 s on a busy machine.
///
/// Why these defaults: p = 10 extra directions and q = 4 (five Krylov blocks, s = 690 at
/// k = 128) put every one of σ₁…σ₁₂₈ within 1 % of a converged run on the Debian catalogue
/// (worst 0.84 %, docs/PERFORMANCE.md), where subspace iteration with as many passes was 5.2 % off.
public struct RandomizedSVD: Sendable, Equatable {
    /// The number of singular triplets k wanted (latent dimensions); at least 1. The result may
    /// have fewer when A's numerical rank or smaller side is below k (see `TruncatedSVD.note`).
    public var rank: Int
    /// Extra random directions p beyond k in each Krylov block, in columns; default 10.
    public var oversampling: Int
    /// Krylov iterations q: the basis has q + 1 blocks of k + p columns, each costing two sparse
    /// passes; default 4.
    public var powerIterations: Int
    /// Seed of the Gaussian start block Ω; the same seed and input give bit-identical results
    /// on the same machine and BLAS, for any thread count. Default 0.
    public var seed: UInt64
    /// Threads for the sparse products and the products with the Krylov basis; the result is
    /// the same to the bit for any count. Default: every core.
    public var threads: Int

    public init(
        rank: Int, oversampling: Int = 10, powerIterations: Int = 4, seed: UInt64 = 0,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.rank = rank
        self.oversampling = oversampling
        self.powerIterations = powerIterations
        self.seed = seed
        self.threads = max(1, threads)
    }

    /// Computes the truncated SVD of `a`. `progress`, when given, is called on this thread with a
    /// short line as each phase starts (Krylov block i/q + 1, Rayleigh–Ritz, small SVD).
    public func decompose(
        _ a: SparseMatrix, progress: ((String) -> Void)? = nil
    ) throws -> TruncatedSVD {
        let totalVariance = try validate(a)
        let (m, n) = (a.rows, a.columns)
        let k = min(rank, m, n)
        let d = min(m, n)
        let l = k + min(oversampling, d - k)  // min(k + p, d) without overflow
        let blocks = min(powerIterations, (d + l - 1) / l) + 1  // no more than can fill R^d (+ 1)
        return try BLASThreads.with(1) {
            // X is D×d with d the smaller side, so the basis costs d·s doubles.
            let aTransposed = a.transposed()
            let (x, xt) = n <= m ? (a, aTransposed) : (aTransposed, a)
            let (leftOfX, sigma, rightOfX, numericalRank) = try krylov(x: x, xt: xt, width: l, blocks: blocks, progress: progress)
            let kept = min(k, numericalRank)
            var (u, v) = n <= m ? (leftOfX, rightOfX) : (rightOfX, leftOfX)
            u = u.leadingColumns(kept)
            v = v.leadingColumns(kept)
            Self.canonicalizeSigns(u: &u, v: &v)
            let values = Array(sigma.prefix(kept))
            return TruncatedSVD(
                singularValues: values, u: u, v: v,
                explainedVarianceRatio: values.reduce(0) { $0 + $1 * $1 } / totalVariance,
                requestedRank: rank,
                note: note(kept: kept, rows: m, columns: n, numericalRank: numericalRank))
        }
    }

    /// The block Krylov iteration and its Rayleigh–Ritz step on X (D×d, d ≤ D): l singular
    /// triplets of X (left D×l, σ descending, right d×l) and X's numerical rank.
    private func krylov(
        x: SparseMatrix, xt: SparseMatrix, width l: Int, blocks: Int, progress: ((String) -> Void)?
    ) throws -> (left: DenseMatrix, sigma: [Double], right: DenseMatrix, numericalRank: Int) {
        let d = x.columns
        var generator = Xoshiro256StarStar(seed: seed)
        let omega = DenseMatrix(rows: d, columns: l, storage: (0..<(d * l)).map { _ in generator.nextGaussian() })
        var basis = KrylovBasis(rows: d, threads: threads, capacity: blocks * l)
        basis.append(try omega.tallQR(threads: threads).q)
        // The passes' buffers, reused by every block: P_i and X·P_i row-major in Float, W_i row-major.
        var pRows = [Float](repeating: 0, count: d * l)
        var yRows = [Float](repeating: 0, count: x.rows * l)
        var wRows = [Double](repeating: 0, count: d * l)
        for block in 0..<blocks {
            progress?("Krylov block \(block + 1)/\(blocks): \(basis.columns) of at most \(blocks * l) directions")
            // W = XᵀX·P_block (d × width); the D × width intermediate stays row-major, never transposed.
            let width = basis.width(ofBlock: block)
            pRows.withUnsafeMutableBufferPointer { basis.writeRowMajorFloats(ofBlock: block, into: $0) }
            pRows.withUnsafeBufferPointer { p in
                yRows.withUnsafeMutableBufferPointer { y in
                    x.rowMajorProduct(UnsafeBufferPointer(rebasing: p[..<(d * width)]), width: width, threads: threads,
                                      into: UnsafeMutableBufferPointer(rebasing: y[..<(x.rows * width)]))
                }
            }
            yRows.withUnsafeBufferPointer { y in
                wRows.withUnsafeMutableBufferPointer { w in
                    xt.rowMajorProduct(UnsafeBufferPointer(rebasing: y[..<(x.rows * width)]), width: width, threads: threads,
                                       into: UnsafeMutableBufferPointer(rebasing: w[..<(d * width)]))
                }
            }
            var w = DenseMatrix(rows: d, columns: width)
            wRows.withUnsafeBufferPointer { source in
                w.storage.withUnsafeMutableBufferPointer {
                    DenseMatrix.transpose(source.baseAddress!, rows: width, columns: d, into: $0.baseAddress!)
                }
            }
            let limit = block + 1 < blocks ? l : 0
            if let next = try basis.absorb(w, nextWidth: limit) { basis.append(next) } else { break }
        }
        (pRows, yRows, wRows) = ([], [], [])

        progress?("Rayleigh–Ritz: the best \(l) of \(basis.columns) directions")
        let ritz = try LAPACK.dgesdd(basis.projectedMatrix())  // T is symmetric PSD: U = V = S
        let directions = try basis.matrix.blockedProduct(ritz.u.leadingColumns(min(l, basis.columns)), threads: threads)
        basis = KrylovBasis(rows: 0, threads: 1)  // free P (d·s doubles) before B is formed

        progress?("small SVD of a \(x.rows)×\(directions.columns) matrix")
        let small = try Self.tallSVD(try x.product(directions, threads: threads), threads: threads)
        // Numerical rank as in numpy's matrix_rank: σ's below σ₁·max(m, n)·ε are rounding noise,
        // and their vectors would be arbitrary directions, not structure.
        let tolerance = small.singularValues[0] * Double(max(x.rows, d)) * Double.ulpOfOne
        let numericalRank = small.singularValues.prefix { $0 > tolerance }.count
        let right = try directions.blockedProduct(small.vt.transposed(), threads: threads)
        return (small.u, small.singularValues, right, numericalRank)
    }

    /// The thin SVD of a tall B (D×l, D ≥ l): B = Q·R by CholeskyQR2 on every core, then
    /// R = U_R·Σ·Vᵀ by `dgesdd` on the small l×l matrix, and U = Q·U_R — the direct SVD of
    /// Halko et al. §5.1 with its QR split across threads (a `dgesdd` of all of B runs its QR on
    /// one thread). Q is orthonormal and ‖B − Q·R‖ = O(ε‖B‖) whenever CholeskyQR2 is trusted, so
    /// σ is as accurate as B's own `dgesdd`, which answers when it is not (a rank-deficient B).
    static func tallSVD(_ b: DenseMatrix, threads: Int) throws -> (u: DenseMatrix, singularValues: [Double], vt: DenseMatrix) {
        guard b.rows >= b.columns, let (q, r) = try b.choleskyQR2(threads: threads) else { return try LAPACK.dgesdd(b) }
        let core = try LAPACK.dgesdd(r)
        return (try q.blockedProduct(core.u, threads: threads), core.singularValues, core.vt)
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

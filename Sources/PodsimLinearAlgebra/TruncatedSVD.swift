/// The leading singular triplets of a matrix A (m×n): A ≈ U·diag(σ)·Vᵀ, as produced by
/// `RandomizedSVD`. Columns of U and V are orthonormal; signs are canonical (in each column of
/// U the entry of largest magnitude is positive, the lowest row winning ties), so the same fit
/// always gives the same vectors, not just the same subspace.
public struct TruncatedSVD: Sendable, Equatable {
    /// σ₁ ≥ σ₂ ≥ … ≥ σ_k > 0, one per returned dimension.
    public let singularValues: [Double]
    /// Left singular vectors, m×k (one row per row of A — per document).
    public let u: DenseMatrix
    /// Right singular vectors, n×k (one row per column of A — per term).
    public let v: DenseMatrix
    /// Σσᵢ² / ‖A‖F²: the share of A's variance (squared Frobenius norm) the k dimensions keep,
    /// in [0, 1].
    public let explainedVarianceRatio: Double
    /// The number of dimensions asked for.
    public let requestedRank: Int
    /// Why fewer dimensions than requested were returned (the matrix's numerical rank or its
    /// smaller side), phrased for the user; nil when the request was met.
    public let note: String?

    /// The number of dimensions returned, k ≤ `requestedRank`.
    public var rank: Int { singularValues.count }

    public init(
        singularValues: [Double], u: DenseMatrix, v: DenseMatrix,
        explainedVarianceRatio: Double, requestedRank: Int, note: String?
    ) {
        precondition(u.columns == singularValues.count && v.columns == singularValues.count,
                     "U and V need one column per singular value")
        self.singularValues = singularValues
        self.u = u
        self.v = v
        self.explainedVarianceRatio = explainedVarianceRatio
        self.requestedRank = requestedRank
        self.note = note
    }

    /// U·Σ as row-major Float, m×k: row i (at `[i*k ..< (i+1)*k]`) is row i of A (a document)
    /// in the latent space. It equals A·V up to the approximation error, so these rows and new
    /// rows mapped by `termProjection()` live in the same space and are directly comparable.
    public func documentVectors() -> [Float] {
        u.rowMajorFloats(columnScales: singularValues)
    }

    /// V as row-major Float, n×k: row j (at `[j*k ..< (j+1)*k]`) is the latent direction of
    /// column j (a term). A new row x (1×n, e.g. a query's TF-IDF vector) maps to x·V.
    public func termProjection() -> [Float] {
        v.rowMajorFloats()
    }
}

/// An orthonormal basis P (d×s) of a block Krylov subspace of XᵀX, grown one block at a time,
/// together with the projected matrix T = Pᵀ·XᵀX·P that the Rayleigh–Ritz step factors.
///
/// Layout: column-major like `DenseMatrix`, d rows, block after block (block i at columns
/// `offsets[i] ..< offsets[i] + widths[i]`). Only the small side of the matrix lives here: d is
/// min(documents, terms), so the basis costs d·s doubles (63,681 × 690 × 8 B = 350 MB for the
/// Debian catalogue at the defaults), never the large side.
///
/// T is collected without any extra pass over the data: when W_i = XᵀX·P_i is formed, Pᵀ·W_i
/// (which block Gram–Schmidt needs anyway) is T's column block i for the rows of blocks 0…i;
/// the rows of later blocks follow from T's symmetry when their own W is formed.
struct KrylovBasis {
    let rows: Int
    /// Threads for the products with P (`DenseMatrix+Chunked`); the bits do not depend on it.
    let threads: Int
    private(set) var storage: [Double] = []
    private(set) var offsets: [Int] = []
    private(set) var widths: [Int] = []
    /// (Pᵀ·W_i) for each block i, (offsets[i] + widths[i]) × widths[i]: T's column block i.
    private var projections: [DenseMatrix] = []

    /// An empty basis of R^rows with room for `capacity` columns reserved up front (growing a
    /// 350 MB array by doubling would copy it several times).
    init(rows: Int, threads: Int, capacity: Int = 0) {
        self.rows = rows
        self.threads = threads
        storage.reserveCapacity(rows * min(rows, capacity))
    }

    /// Columns so far (s).
    var columns: Int { storage.count / max(1, rows) }

    /// The whole basis as a matrix (shares storage until either side changes).
    var matrix: DenseMatrix { DenseMatrix(rows: rows, columns: columns, storage: storage) }

    /// Columns of block `i`.
    func width(ofBlock i: Int) -> Int { widths[i] }

    /// Block `i` (d × widths[i]) written row-major in Float into `target` (d·widths[i] values),
    /// the operand of the sparse passes (`SparseMatrix.rowMajorProduct`).
    func writeRowMajorFloats(ofBlock i: Int, into target: UnsafeMutableBufferPointer<Float>) {
        precondition(target.count >= rows * widths[i], "the target holds one block")
        storage.withUnsafeBufferPointer { source in
            DenseMatrix.transpose(source.baseAddress! + offsets[i] * rows, rows: rows, columns: widths[i], into: target.baseAddress!)
        }
    }

    /// Appends a block whose columns are orthonormal and orthogonal to the basis.
    mutating func append(_ block: DenseMatrix) {
        precondition(block.rows == rows && columns + block.columns <= rows, "a basis of R^d has at most d columns")
        offsets.append(columns)
        widths.append(block.columns)
        storage.append(contentsOf: block.storage)
    }

    /// Records W = XᵀX·P_last (d × width of the last block) for T and returns its component
    /// orthogonal to the basis, orthonormalised: the next block, at most `limit` columns wide.
    /// Returns nil when the basis already spans R^d or `limit` is 0.
    ///
    /// Orthogonalisation is block classical Gram–Schmidt run twice ("twice is enough", Giraud,
    /// Langou & Rozložník 2005), each pass followed by a QR of the block: the second pass also
    /// makes directions that the first QR invented for a rank-deficient W (an invariant subspace
    /// reached early) orthogonal to the basis, so P stays orthonormal to rounding.
    ///
    /// The QRs are single CholeskyQR steps (`DenseMatrix+CholeskyQR`, level-3 products on every
    /// core): the first only needs to leave a well-conditioned block for the second pass, and
    /// the second pass's step is checked to start from a nearly orthonormal block, which makes
    /// one step exact to rounding (BCGS2 with CholeskyQR: Barlow & Smoktunowicz, "Reorthogonalized
    /// block classical Gram–Schmidt", Numer. Math. 123, 2013). When that check fails (W too
    /// ill-conditioned for a Cholesky factorisation) both passes are redone with Householder QRs.
    mutating func absorb(_ w: DenseMatrix, nextWidth limit: Int) throws -> DenseMatrix? {
        let basis = matrix
        let projection = try basis.blockedTransposedProduct(w, threads: threads)  // Pᵀ·W, s × width
        projections.append(projection)
        let width = min(limit, w.columns, rows - columns)
        guard width > 0 else { return nil }
        var orthogonal = w
        try orthogonal.subtractBlockedProduct(basis, projection, threads: threads)
        var next = orthogonal
        if try next.choleskyQRStep(threads: threads, requireNearlyOrthonormal: false) != nil {
            next = next.leadingColumns(width)
            try next.subtractBlockedProduct(basis, try basis.blockedTransposedProduct(next, threads: threads), threads: threads)
            if try next.choleskyQRStep(threads: threads, requireNearlyOrthonormal: true) != nil { return next }
        }
        next = try LAPACK.thinQR(orthogonal).q.leadingColumns(width)
        try next.subtractBlockedProduct(basis, try basis.blockedTransposedProduct(next, threads: threads), threads: threads)
        return try LAPACK.thinQR(next).q
    }

    /// T = Pᵀ·XᵀX·P (s×s, symmetric) from the recorded projections; every block must have been
    /// absorbed. Each off-diagonal entry is recorded once (in the later block's projection) and
    /// mirrored; each diagonal block is recorded twice and averaged, so T is exactly symmetric.
    func projectedMatrix() -> DenseMatrix {
        precondition(projections.count == widths.count, "every block's W must be absorbed first")
        let s = columns
        var t = DenseMatrix(rows: s, columns: s)
        for (block, c) in projections.enumerated() {
            let offset = offsets[block]
            for column in 0..<widths[block] {
                for row in 0..<offset {
                    t[row, offset + column] = c[row, column]
                    t[offset + column, row] = c[row, column]
                }
                for row in 0..<widths[block] {
                    t[offset + row, offset + column] = (c[offset + row, column] + c[offset + column, row]) / 2
                }
            }
        }
        return t
    }
}

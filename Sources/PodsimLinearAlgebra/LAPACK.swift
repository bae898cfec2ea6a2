import CLAPACK

/// The one door to BLAS and LAPACK: thin, safe wrappers that check shapes, query workspace and
/// turn a non-zero `info` into a `LinearAlgebraError`. This is the only file that imports
/// CLAPACK, so the Fortran calling convention (every argument by pointer, column-major storage,
/// a hidden trailing length after each CHARACTER argument, 32-bit integers) stays here.
///
/// At run time Debian's alternatives route both libraries to OpenBLAS, which is threaded.
public enum LAPACK {
    /// How a Float matrix handed to `sgemm` is laid out in memory.
    public enum Layout: Sendable {
        /// Element (i, j) of an r×c matrix at `x[i * c + j]` (FAISS style: one vector per row).
        case rowMajor
        /// Element (i, j) of an r×c matrix at `x[i + j * r]` (the LAPACK/`DenseMatrix` layout).
        case columnMajor
    }

    // MARK: - LAPACK

    /// Thin singular value decomposition A = U·diag(σ)·Vᵀ by divide and conquer (`dgesdd`,
    /// jobz = "S"). With r = min(m, n): U is m×r, Vᵀ is r×n, σ has r values, descending.
    /// A NaN entry makes dgesdd return info = −4, thrown as `.lapackFailure`.
    public static func dgesdd(_ a: DenseMatrix) throws -> (
        u: DenseMatrix, singularValues: [Double], vt: DenseMatrix
    ) {
        let r = min(a.rows, a.columns)
        var u = DenseMatrix(rows: a.rows, columns: r)
        var vt = DenseMatrix(rows: r, columns: a.columns)
        var sigma = [Double](repeating: 0, count: r)
        guard r > 0 else { return (u, sigma, vt) }
        var m = try fortranInt(a.rows), n = try fortranInt(a.columns)
        var lda = m, ldu = m, ldvt = try fortranInt(r)
        var jobz = CChar(UInt8(ascii: "S"))
        var iwork = [Int32](repeating: 0, count: 8 * r)  // size fixed by the routine: 8·min(m, n)
        var input = a.storage  // dgesdd destroys its input
        try input.withUnsafeMutableBufferPointer { aBuffer in
            try u.storage.withUnsafeMutableBufferPointer { uBuffer in
                try vt.storage.withUnsafeMutableBufferPointer { vtBuffer in
                    try withWorkspace("dgesdd") { work, lwork, info in
                        dgesdd_(
                            &jobz, &m, &n, aBuffer.baseAddress, &lda, &sigma, uBuffer.baseAddress,
                            &ldu, vtBuffer.baseAddress, &ldvt, work, lwork, &iwork, info, 1)
                    }
                }
            }
        }
        return (u, sigma, vt)
    }

    /// Thin QR factorisation A = Q·R by Householder reflections (`dgeqrf`, then `dorgqr` to form
    /// Q explicitly). With r = min(m, n): Q is m×r with orthonormal columns, R is r×n upper
    /// triangular. Q is what the randomized SVD needs; R comes almost free.
    public static func thinQR(_ a: DenseMatrix) throws -> (q: DenseMatrix, r: DenseMatrix) {
        let r = min(a.rows, a.columns)
        guard r > 0 else {
            return (DenseMatrix(rows: a.rows, columns: r), DenseMatrix(rows: r, columns: a.columns))
        }
        var m = try fortranInt(a.rows), n = try fortranInt(a.columns), k = try fortranInt(r)
        var lda = m
        var factors = a.storage
        var tau = [Double](repeating: 0, count: r)
        try factors.withUnsafeMutableBufferPointer { buffer in
            try withWorkspace("dgeqrf") { work, lwork, info in
                dgeqrf_(&m, &n, buffer.baseAddress, &lda, &tau, work, lwork, info)
            }
        }
        // R is the upper triangle of the first r rows, read before dorgqr overwrites it.
        var upper = DenseMatrix(rows: r, columns: a.columns)
        for j in 0..<a.columns {
            for i in 0...min(j, r - 1) { upper[i, j] = factors[i + j * a.rows] }
        }
        try factors.withUnsafeMutableBufferPointer { buffer in
            try withWorkspace("dorgqr") { work, lwork, info in
                dorgqr_(&m, &k, &k, buffer.baseAddress, &lda, &tau, work, lwork, info)
            }
        }
        let q = DenseMatrix(rows: a.rows, columns: r, storage: Array(factors[0..<(a.rows * r)]))
        return (q, upper)
    }

    // MARK: - BLAS level 3

    /// C = op(A)·op(B) in Double, column-major (`cblas_dgemm`), where op(X) is X or Xᵀ.
    public static func dgemm(
        _ a: DenseMatrix, _ b: DenseMatrix, transposeA: Bool = false, transposeB: Bool = false
    ) throws -> DenseMatrix {
        let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (bRows, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        guard k == bRows else {
            throw LinearAlgebraError(
                .dimensionMismatch,
                "dgemm: op(A) is \(m)×\(k) but op(B) is \(bRows)×\(n); inner dimensions differ")
        }
        var c = DenseMatrix(rows: m, columns: n)
        guard m > 0, n > 0, k > 0 else { return c }  // empty or all-zero product: nothing to call
        let dims = (try fortranInt(m), try fortranInt(n), try fortranInt(k))
        let lda = try fortranInt(a.rows), ldb = try fortranInt(b.rows), ldc = dims.0
        c.storage.withUnsafeMutableBufferPointer { cBuffer in
            cblas_dgemm(
                CblasColMajor, transpose(transposeA), transpose(transposeB), dims.0, dims.1, dims.2,
                1, a.storage, lda, b.storage, ldb, 0, cBuffer.baseAddress, ldc)
        }
        return c
    }

    /// C = op(A)·op(B) + beta·C in Double on raw column-major storage with explicit leading
    /// dimensions, so a caller can multiply blocks of rows in place (`DenseMatrix+Chunked`).
    /// op(A) is m×k, op(B) k×n, C m×n; the caller guarantees the buffers hold those shapes.
    /// C = alpha·op(A)·op(B) + beta·C (alpha −1, beta 1 subtracts a product in place).
    static func dgemm(
        _ a: UnsafePointer<Double>, lda: Int, _ b: UnsafePointer<Double>, ldb: Int,
        into c: UnsafeMutablePointer<Double>, ldc: Int, m: Int, n: Int, k: Int,
        transposeA: Bool = false, transposeB: Bool = false, alpha: Double = 1, beta: Double = 0
    ) throws {
        guard m > 0, n > 0, k > 0 else { return }
        cblas_dgemm(
            CblasColMajor, transpose(transposeA), transpose(transposeB), try fortranInt(m), try fortranInt(n),
            try fortranInt(k), alpha, a, try fortranInt(lda), b, try fortranInt(ldb), beta, c, try fortranInt(ldc))
    }

    /// The upper triangle of C = AᵀA (`cblas_dsyrk`), column-major: A is k×n with leading
    /// dimension lda, C n×n with ldc; C's strict lower triangle is left as it was. Half the
    /// flops of `dgemm` for a Gram matrix.
    static func dsyrkUpperTransposed(
        _ a: UnsafePointer<Double>, lda: Int, into c: UnsafeMutablePointer<Double>, ldc: Int, n: Int, k: Int
    ) throws {
        guard n > 0, k > 0 else { return }
        cblas_dsyrk(
            CblasColMajor, CblasUpper, CblasTrans, try fortranInt(n), try fortranInt(k), 1, a, try fortranInt(lda),
            0, c, try fortranInt(ldc))
    }

    /// B = B·R⁻¹ in place (`cblas_dtrsm`, right side, R upper triangular with a non-zero
    /// diagonal), column-major: B is m×n with leading dimension ldb, R n×n with ldr. Each row of
    /// B is solved on its own, so a caller may split B into blocks of rows.
    static func dtrsmRightUpper(
        _ r: UnsafePointer<Double>, ldr: Int, _ b: UnsafeMutablePointer<Double>, ldb: Int, m: Int, n: Int
    ) throws {
        guard m > 0, n > 0 else { return }
        cblas_dtrsm(
            CblasColMajor, CblasRight, CblasUpper, CblasNoTrans, CblasNonUnit, try fortranInt(m), try fortranInt(n),
            1, r, try fortranInt(ldr), b, try fortranInt(ldb))
    }

    /// C (m×n) = op(A)·op(B) in Float (`cblas_sgemm`), op(A) m×k and op(B) k×n, each buffer
    /// tightly packed in `layout`. For the nearest-neighbour scan, queries A (q×d) against stored
    /// vectors B (n×d), both row-major, give all dot products C = A·Bᵀ with `transposeB: true`,
    /// m = q, n = n, k = d. Buffers must hold exactly their shape's element count.
    public static func sgemm(
        _ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>,
        into c: UnsafeMutableBufferPointer<Float>, m: Int, n: Int, k: Int,
        transposeA: Bool = false, transposeB: Bool = false, layout: Layout = .rowMajor
    ) throws {
        guard m >= 0, n >= 0, k >= 0 else {
            throw LinearAlgebraError(
                .invalidArgument, "sgemm: dimensions must not be negative (m = \(m), n = \(n), k = \(k))")
        }
        for (name, count, needed) in [("A", a.count, m * k), ("B", b.count, k * n), ("C", c.count, m * n)]
        where count != needed {
            throw LinearAlgebraError(
                .dimensionMismatch,
                "sgemm: \(name) holds \(count) floats but its shape (m = \(m), n = \(n), k = \(k)) needs \(needed)")
        }
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            c.update(repeating: 0)  // an empty inner dimension sums nothing
            return
        }
        // Leading dimension = length of one stored row (row-major) or column (column-major) of
        // the matrix as stored, i.e. before op() is applied.
        func leading(_ rows: Int, _ columns: Int) throws -> Int32 {
            try fortranInt(max(1, layout == .rowMajor ? columns : rows))
        }
        let lda = try transposeA ? leading(k, m) : leading(m, k)
        let ldb = try transposeB ? leading(n, k) : leading(k, n)
        let ldc = try leading(m, n)
        cblas_sgemm(
            layout == .rowMajor ? CblasRowMajor : CblasColMajor,
            transpose(transposeA), transpose(transposeB), try fortranInt(m), try fortranInt(n),
            try fortranInt(k), 1, a.baseAddress, lda, b.baseAddress, ldb, 0, c.baseAddress, ldc)
    }

    /// Array form of `sgemm(_:_:into:m:n:k:transposeA:transposeB:layout:)`, returning C.
    public static func sgemm(
        _ a: [Float], _ b: [Float], m: Int, n: Int, k: Int,
        transposeA: Bool = false, transposeB: Bool = false, layout: Layout = .rowMajor
    ) throws -> [Float] {
        var c = [Float](repeating: 0, count: max(0, m) * max(0, n))  // bad shapes throw below
        try a.withUnsafeBufferPointer { aBuffer in
            try b.withUnsafeBufferPointer { bBuffer in
                try c.withUnsafeMutableBufferPointer { cBuffer in
                    try sgemm(
                        aBuffer, bBuffer, into: cBuffer, m: m, n: n, k: k,
                        transposeA: transposeA, transposeB: transposeB, layout: layout)
                }
            }
        }
        return c
    }

    // MARK: - Calling convention

    /// Runs a LAPACK routine twice: first with lwork = −1, which only writes the optimal
    /// workspace size (in doubles) into work[0], then for real with that much workspace.
    private static func withWorkspace(
        _ routine: String,
        _ call: (UnsafeMutablePointer<Double>, UnsafePointer<Int32>, UnsafeMutablePointer<Int32>) -> Void
    ) throws {
        var size = 0.0
        var lwork: Int32 = -1
        var info: Int32 = 0
        call(&size, &lwork, &info)
        guard info == 0 else { throw LinearAlgebraError.lapack(routine, info: Int(info)) }
        lwork = try fortranInt(max(1, Int(size.rounded(.up))))
        var work = [Double](repeating: 0, count: Int(lwork))
        work.withUnsafeMutableBufferPointer { call($0.baseAddress!, &lwork, &info) }
        guard info == 0 else { throw LinearAlgebraError.lapack(routine, info: Int(info)) }
    }

    /// BLAS and LAPACK (LP64 interface) count in 32-bit integers.
    private static func fortranInt(_ value: Int) throws -> Int32 {
        guard let narrow = Int32(exactly: value) else {
            throw LinearAlgebraError(
                .invalidArgument, "dimension \(value) exceeds the 32-bit BLAS/LAPACK interface limit")
        }
        return narrow
    }

    private static func transpose(_ flag: Bool) -> CBLAS_TRANSPOSE {
        flag ? CblasTrans : CblasNoTrans
    }
}

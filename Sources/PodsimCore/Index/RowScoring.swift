import CPodsimKernels

/// Scores rows of an index for one query: the inner kernel of a scan. Scans are generic over
/// it; each call scores a block of rows so that the C kernels (`ScanKernel`) can work on several
/// rows at once and the call costs nothing per row.
protocol RowScoring: Sendable {
    /// scores[i] = the score of row rows[i], for i < count.
    func score(rows: UnsafePointer<Int>, count: Int, into scores: UnsafeMutablePointer<Float>)
}

/// The exact Float kernel: `DotProduct`'s canonical sum of the padded query with each row.
/// Holds raw pointers, so it lives only inside the `withUnsafe…` call that made it.
struct FloatRowScoring: RowScoring, @unchecked Sendable {
    // @unchecked: it only reads memory nobody writes while a scan runs.
    let query: UnsafePointer<Float>
    let vectors: UnsafePointer<Float>
    let dimensions: Int
    let kernel: podsim_float_rows_fn

    init(query: UnsafeRawPointer, vectors: UnsafePointer<Float>, dimensions: Int, kernel: ScanKernel) {
        self.query = query.assumingMemoryBound(to: Float.self)
        self.vectors = vectors
        self.dimensions = dimensions
        self.kernel = kernel.floatRows
    }

    @inline(__always)
    func score(rows: UnsafePointer<Int>, count: Int, into scores: UnsafeMutablePointer<Float>) {
        kernel(query, vectors, dimensions, rows, count, scores)
    }
}

/// Scores one row of an index for one query: the inner kernel of a scan. Scans are generic
/// over it, so each kernel is specialised and inlined into the loop that calls it.
protocol RowScoring: Sendable {
    func score(_ row: Int) -> Float
}

/// The exact Float kernel: `DotProduct.simd` of the padded query with row `row`.
/// Holds raw pointers, so it lives only inside the `withUnsafe…` call that made it.
struct FloatRowScoring: RowScoring, @unchecked Sendable {
    // @unchecked: it only reads memory nobody writes while a scan runs.
    let query: UnsafeRawPointer
    let vectors: UnsafePointer<Float>
    let dimensions: Int

    @inline(__always)
    func score(_ row: Int) -> Float {
        DotProduct.simd(query, vectors + row * dimensions, count: dimensions)
    }
}

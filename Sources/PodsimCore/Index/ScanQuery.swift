/// A query laid out for the SIMD kernel: its Floats followed by zeros up to a whole number of
/// 16-Float steps (`DotProduct.paddedCount`), so the kernel's last step never reads past it.
struct ScanQuery: Sendable {
    /// The query, then zero padding.
    let padded: [Float]

    init(_ query: [Float]) {
        padded = query + [Float](repeating: 0, count: DotProduct.paddedCount(query.count) - query.count)
    }

    /// Euclidean norm, in Double so that it bounds rounding error safely.
    var norm: Double {
        padded.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
    }

    func withUnsafeBytes<R>(_ body: (UnsafeRawPointer) throws -> R) rethrows -> R {
        try padded.withUnsafeBytes { try body($0.baseAddress!) }
    }
}

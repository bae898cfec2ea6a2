/// The one definition of a score: the dot product of a query with a stored row, summed in one
/// fixed order, so that every search path — the plain loop, the SIMD scan, the threaded split,
/// and the BLAS and int8 paths after their exact rescoring — returns bit-identical scores and
/// therefore identical rankings, ties included.
///
/// Numerical note (as FAISS states its own): Float addition is not associative, so "the dot
/// product" is only defined together with a summation order. Ours is the order a 16-lane SIMD
/// register computes naturally: 16 partial sums, lane l accumulating q[j]·x[j] for the j ≡ l
/// (mod 16) in increasing j — a multiply, then an add, never a fused multiply-add — and then
/// the lanes folded by halves, 16 → 8 (lane l + lane l+8), 8 → 4, 4 → 2, 2 → 1. `plain` spells
/// this order out in scalar code; the scan kernels (`ScanKernel`: C, baseline SSE2, AVX2 and
/// AVX-512, one 16-lane accumulator per row in 4, 2 or 1 registers) compute it with vectors and
/// are tested against `plain` for equality, not closeness. The sequential sum it replaces was also
/// slower: its single chain of dependent adds is latency-bound (one add every 4 cycles).
enum DotProduct {
    /// Partial sums, and Floats per SIMD step (64 bytes: one cache line, one AVX-512 register).
    static let lanes = 16

    /// Floats a query must hold for the scan kernels: `dimensions` rounded up to whole SIMD steps.
    static func paddedCount(_ dimensions: Int) -> Int {
        (dimensions + lanes - 1) / lanes * lanes
    }

    /// The reference: Σⱼ q[j]·x[j] in the canonical order, one scalar at a time.
    static func plain(_ q: UnsafePointer<Float>, _ x: UnsafePointer<Float>, count: Int) -> Float {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: lanes) { partial in
            partial.initialize(repeating: 0)
            for j in 0..<count { partial[j % lanes] += q[j] * x[j] }
            var width = lanes / 2
            while width > 0 {
                for lane in 0..<width { partial[lane] = partial[lane] + partial[lane + width] }
                width /= 2
            }
            return partial[0]
        }
    }
}

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
/// this order out in scalar code; `simd` computes it with `SIMD16<Float>` and is tested against
/// `plain` for equality, not closeness. The sequential sum it replaces was also slower: its
/// single chain of dependent adds is latency-bound (one add every 4 cycles).
enum DotProduct {
    /// Partial sums, and Floats per SIMD step (64 bytes: one cache line, one AVX-512 register).
    static let lanes = 16

    /// Floats a query must hold for `simd`: `dimensions` rounded up to whole SIMD steps.
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

    /// The same sum with 16-lane SIMD. `q` must hold `paddedCount(count)` Floats, zero past
    /// `count` (a `ScanQuery`); `x` is read only up to `count`, so the last row of a mapped file
    /// is never overrun. Lanes past `count` in the last step add q·0 = +0, which leaves every
    /// partial sum equal to the plain loop's.
    @inline(__always)
    static func simd(_ q: UnsafeRawPointer, _ x: UnsafePointer<Float>, count: Int) -> Float {
        let row = UnsafeRawPointer(x)
        let whole = count / lanes
        var sum = SIMD16<Float>()
        var offset = 0
        for _ in 0..<whole {
            sum += q.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                * row.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            offset += MemoryLayout<SIMD16<Float>>.size
        }
        let rest = count - whole * lanes
        if rest > 0 {
            var tail = SIMD16<Float>()
            for lane in 0..<rest { tail[lane] = x[whole * lanes + lane] }
            sum += q.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self) * tail
        }
        return fold(sum)
    }

    /// 16 → 8 → 4 → 2 → 1 by halves: the fold `plain` performs.
    @inline(__always)
    static func fold(_ v: SIMD16<Float>) -> Float {
        let eight = v.lowHalf + v.highHalf
        let four = eight.lowHalf + eight.highHalf
        let two = four.lowHalf + four.highHalf
        return two.x + two.y
    }
}

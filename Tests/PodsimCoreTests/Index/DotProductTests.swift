import Testing

@testable import PodsimCore
import PodsimTestSupport

@Suite struct DotProductTests {
    /// The SIMD kernel must reproduce the plain loop's canonical order bit for bit, whatever the
    /// dimension count (whole SIMD steps, a partial last step, less than one step).
    @Test(arguments: [1, 5, 15, 16, 17, 24, 31, 32, 33, 64, 100, 128, 130])
    func simdEqualsPlainExactly(dimensions: Int) {
        var random = SplitMix64(seed: UInt64(dimensions))
        for _ in 0..<50 {
            let q = (0..<dimensions).map { _ in random.unit() }
            let x = (0..<dimensions).map { _ in random.unit() * 3 }
            let plain = q.withUnsafeBufferPointer { qp in
                x.withUnsafeBufferPointer { DotProduct.plain(qp.baseAddress!, $0.baseAddress!, count: dimensions) }
            }
            let simd = ScanQuery(q).withUnsafeBytes { qp in
                x.withUnsafeBufferPointer { DotProduct.simd(qp, $0.baseAddress!, count: dimensions) }
            }
            #expect(simd == plain)
            let exact = zip(q, x).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            #expect(abs(Double(plain) - exact) < 1e-4)
        }
    }

    @Test func canonicalOrderIsTheFoldByHalves() {
        // 2²⁴ + 1 rounds back to 2²⁴ in Float, so the order decides whether two 1s survive:
        // summed one by one they vanish; folded by halves they meet first (lanes 1 and 9 are
        // added at the 16 → 8 step) and 2²⁴ + 2 is representable.
        var x = [Float](repeating: 0, count: 16)
        x[0] = 0x1p24
        x[1] = 1
        x[9] = 1
        let q = [Float](repeating: 1, count: 16)
        let plain = q.withUnsafeBufferPointer { qp in
            x.withUnsafeBufferPointer { DotProduct.plain(qp.baseAddress!, $0.baseAddress!, count: 16) }
        }
        #expect(plain == 0x1p24 + 2)
        #expect(x.reduce(0, +) == 0x1p24, "a sequential sum loses both 1s")
        #expect(DotProduct.fold(SIMD16<Float>(x)) == plain)
    }

    @Test func paddedQueryHoldsWholeSteps() {
        #expect(DotProduct.paddedCount(1) == 16)
        #expect(DotProduct.paddedCount(16) == 16)
        #expect(DotProduct.paddedCount(24) == 32)
        let query = ScanQuery([1, 2, 3])
        #expect(query.padded == [1, 2, 3] + [Float](repeating: 0, count: 13))
        #expect(query.norm == Double(14).squareRoot())
    }
}

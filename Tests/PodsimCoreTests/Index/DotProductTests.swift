import Testing

@testable import PodsimCore
import PodsimTestSupport

@Suite struct DotProductTests {
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
        for kernel in ScanKernel.available {
            #expect(floatScores(kernel, query: q, rows: x, dimensions: 16) == [plain], "\(kernel)")
        }
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

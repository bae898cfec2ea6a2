import CPodsimKernels
import PodsimTestSupport
import Testing

@testable import PodsimCore

/// Every kernel level this CPU runs against the references: `DotProduct.plain` for the Float
/// kernel (equal bits, not closeness) and an Int32 sum for the int8 kernel. On the project's
/// AMD EPYC that is baseline, AVX2 and AVX-512; elsewhere, whatever the CPU has.
@Suite struct ScanKernelTests {
    static let dimensionCounts = [1, 5, 15, 16, 17, 24, 31, 32, 33, 48, 64, 100, 128, 130, 256]

    @Test func levelsThisCPURuns() {
        let available = ScanKernel.available
        #expect(available.first == .baseline, "the baseline runs everywhere")
        #expect(available.last == ScanKernel.best, "the best is the highest available")
        // Levels are cumulative: a CPU with AVX-512 runs the AVX2 kernels too.
        #expect(available == Array(ScanKernel.allCases.prefix(available.count)))
        #expect(SearchOptions().kernel == ScanKernel.best)
    }

    @Test(arguments: dimensionCounts)
    func floatKernelsEqualThePlainLoopExactly(dimensions: Int) {
        var random = SplitMix64(seed: UInt64(dimensions))
        // 37 rows: whole groups of 8, 4 and 2 rows plus single leftovers, listed out of order.
        let rowCount = 37
        let q = (0..<dimensions).map { _ in random.unit() }
        let x = (0..<(rowCount * dimensions)).map { _ in random.unit() * 3 }
        let order = (0..<rowCount).map { $0 * 7 % rowCount }
        let plain = q.withUnsafeBufferPointer { qp in
            x.withUnsafeBufferPointer { xp in
                order.map { DotProduct.plain(qp.baseAddress!, xp.baseAddress! + $0 * dimensions, count: dimensions) }
            }
        }
        for kernel in ScanKernel.available {
            let scores = floatScores(kernel, query: q, rows: x, dimensions: dimensions, order: order)
            #expect(scores.map(\.bitPattern) == plain.map(\.bitPattern), "\(kernel)")
        }
        let exact = zip(q, x.prefix(dimensions)).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        #expect(abs(Double(plain[0]) - exact) < 1e-4)
    }

    /// The block kernel (a batch's queries against a run of rows) gives each query the plain
    /// loop's bits: 1 to 11 queries (whole groups of 8, 4 and 2 and leftovers), a run that starts
    /// past row 0.
    @Test(arguments: [5, 16, 17, 31, 40, 128, 130])
    func blockKernelsEqualThePlainLoopExactly(dimensions: Int) {
        var random = SplitMix64(seed: 70 + UInt64(dimensions))
        let rowCount = 23
        let x = (0..<(rowCount * dimensions)).map { _ in random.unit() * 3 }
        let first = 3
        let count = rowCount - first
        for queryCount in 1...11 {
            let queries = (0..<queryCount).map { _ in (0..<dimensions).map { _ in random.unit() } }
            let plain = queries.map { q in
                q.withUnsafeBufferPointer { qp in
                    x.withUnsafeBufferPointer { xp in
                        (first..<rowCount).map { DotProduct.plain(qp.baseAddress!, xp.baseAddress! + $0 * dimensions, count: dimensions) }
                    }
                }
            }
            let stride = DotProduct.paddedCount(dimensions)
            let padded = queries.flatMap { ScanQuery($0).padded }
            for kernel in ScanKernel.available {
                let scores = padded.withUnsafeBufferPointer { q in
                    x.withUnsafeBufferPointer { xp in
                        [Float](unsafeUninitializedCapacity: queryCount * count) { out, initialized in
                            kernel.floatBlock(q.baseAddress!, queryCount, stride, xp.baseAddress!, dimensions, first, count, out.baseAddress!)
                            initialized = queryCount * count
                        }
                    }
                }
                #expect(scores.map(\.bitPattern) == plain.flatMap { $0 }.map(\.bitPattern), "\(kernel), \(queryCount) queries")
            }
        }
    }

    /// The batch's skip: the first score not below the threshold (NaN included), 16 at a time
    /// and in the leftovers, or the count.
    @Test func firstAtLeastFindsTheFirstScoreThatMayEnter() {
        for count in [0, 1, 15, 16, 17, 40] {
            let below = [Float](repeating: 0.25, count: count)
            #expect(podsim_first_at_least(below, count, 0.5) == count, "none in \(count)")
            for place in 0..<count {
                for value in [Float(0.5), 0.75, .nan, .infinity] {
                    var scores = below
                    scores[place] = value
                    if place + 1 < count { scores[place + 1] = 0.9 }  // a later one does not count
                    #expect(podsim_first_at_least(scores, count, 0.5) == place, "\(value) at \(place) of \(count)")
                }
            }
        }
        #expect(podsim_first_at_least([-.infinity, -1], 2, -.infinity) == 0, "at the threshold counts")
    }

    @Test func floatKernelsNeverFuseMultiplyAndAdd() {
        // Lane 0 holds −1, then adds (1 + 2⁻¹²)² = 1 + 2⁻¹¹ + 2⁻²⁴, which rounds to 1 + 2⁻¹¹ as a
        // Float (a tie, to even): the canonical multiply-then-add gives 2⁻¹¹, while a fused
        // multiply-add keeps the product exact and gives 2⁻¹¹ + 2⁻²⁴.
        let q: [Float] = [-1] + [Float](repeating: 0, count: 15) + [1 + 0x1p-12]
        let x: [Float] = [1] + [Float](repeating: 0, count: 15) + [1 + 0x1p-12]
        let plain = q.withUnsafeBufferPointer { qp in x.withUnsafeBufferPointer { DotProduct.plain(qp.baseAddress!, $0.baseAddress!, count: 17) } }
        #expect(plain == 0x1p-11)
        for kernel in ScanKernel.available {
            #expect(floatScores(kernel, query: q, rows: x, dimensions: 17) == [plain], "\(kernel)")
            let block = ScanQuery(q).padded.withUnsafeBufferPointer { qp in
                x.withUnsafeBufferPointer { xp in
                    [Float](unsafeUninitializedCapacity: 1) { out, initialized in
                        kernel.floatBlock(qp.baseAddress!, 1, qp.count, xp.baseAddress!, 17, 0, 1, out.baseAddress!)
                        initialized = 1
                    }
                }
            }
            #expect(block == [plain], "\(kernel) block")
        }
    }

    @Test(arguments: [16, 32, 48, 128, 144])
    func int8KernelsEqualTheIntegerSum(stride: Int) {
        var random = SplitMix64(seed: 90 + UInt64(stride))
        let rowCount = 29
        // The extremes the quantizer produces: ±32767 levels, ±127 codes.
        var levels = (0..<stride).map { _ in Int16(truncatingIfNeeded: Int(random.next() % 65_535) - 32_767) }
        levels[0] = .max
        levels[stride - 1] = -.max
        var codes = (0..<(rowCount * stride)).map { _ in Int8(truncatingIfNeeded: Int(random.next() % 255) - 127) }
        codes[0] = 127
        codes[stride - 1] = -127
        let scale: Float = 0.000_731
        let order = (0..<rowCount).map { $0 * 5 % rowCount }
        let reference = order.map { row in
            Float((0..<stride).reduce(Int32(0)) { $0 + Int32(levels[$1]) * Int32(codes[row * stride + $1]) }) * scale
        }
        for kernel in ScanKernel.available {
            let scores = levels.withUnsafeBytes { m in
                codes.withUnsafeBufferPointer { c in
                    order.withUnsafeBufferPointer { list in
                        [Float](unsafeUninitializedCapacity: rowCount) { out, initialized in
                            Int8RowScoring(query: m.baseAddress!, codes: c.baseAddress!, stride: stride, scale: scale, kernel: kernel)
                                .score(rows: list.baseAddress!, count: rowCount, into: out.baseAddress!)
                            initialized = rowCount
                        }
                    }
                }
            }
            #expect(scores == reference, "\(kernel)")
        }
    }

    @Test func everyKernelGivesTheSameSearchAnswers() {
        let index = VectorIndex(normalizing: clusteredVectors(count: 3_001, dimensions: 40, seed: 91), dimensions: 40)
        let quantized = QuantizedIndex(index, threads: 2)
        for (number, query) in nearbyQueries(index, count: 4, seed: 92).enumerated() {
            let filter: RowFilter? = number.isMultiple(of: 2) ? nil : sampleFilter(excluding: number)
            let plain = index.search(query, k: 20, where: filter, path: .plain)
            let int8 = quantized.search(query, k: 20, where: filter, options: SearchOptions(kernel: .baseline))
            for kernel in ScanKernel.available {
                #expect(index.search(query, k: 20, where: filter, path: .simd, kernel: kernel) == plain, "\(kernel)")
                #expect(index.search(query, k: 20, where: filter, path: .threads(3), kernel: kernel) == plain, "\(kernel)")
                #expect(quantized.search(query, k: 20, where: filter, options: SearchOptions(kernel: kernel)) == int8, "\(kernel)")
                #expect(index.scores(query, kernel: kernel) == index.scores(query, kernel: .baseline), "\(kernel)")
            }
        }
        let queries = nearbyQueries(index, count: 7, seed: 93)
        let alone = queries.map { index.search($0, k: 20, path: .plain) }
        for kernel in ScanKernel.available {
            let batch = index.search(batch: queries, k: 20, options: SearchOptions(batchFrom: 1, kernel: kernel))
            #expect(batch == alone, "\(kernel) batch")
        }
    }
}

/// The Float kernel's scores of `rows` (row-major, `dimensions` each) in `order` (all rows when nil).
func floatScores(_ kernel: ScanKernel, query: [Float], rows: [Float], dimensions: Int, order: [Int]? = nil) -> [Float] {
    let order = order ?? Array(0..<(rows.count / dimensions))
    return ScanQuery(query).withUnsafeBytes { q in
        rows.withUnsafeBufferPointer { x in
            order.withUnsafeBufferPointer { list in
                [Float](unsafeUninitializedCapacity: order.count) { out, initialized in
                    FloatRowScoring(query: q, vectors: x.baseAddress!, dimensions: dimensions, kernel: kernel)
                        .score(rows: list.baseAddress!, count: order.count, into: out.baseAddress!)
                    initialized = order.count
                }
            }
        }
    }
}

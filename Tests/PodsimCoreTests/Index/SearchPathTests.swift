import Testing

@testable import PodsimCore

/// Every fast path against the plain reference loop on seeded data with exact ties and filters.
@Suite struct SearchPathTests {
    static let shapes: [(rows: Int, dimensions: Int)] = [(1, 16), (7, 24), (300, 16), (1_000, 24), (2_053, 128)]

    @Test(arguments: shapes.indices)
    func simdAndThreadsEqualPlain(shape: Int) {
        let (rows, dimensions) = Self.shapes[shape]
        let index = VectorIndex(normalizing: clusteredVectors(count: rows, dimensions: dimensions, seed: UInt64(shape)), dimensions: dimensions)
        for (number, query) in nearbyQueries(index, count: 6, seed: 40 + UInt64(shape)).enumerated() {
            for k in [1, 10, 50] {
                let filter: RowFilter? = number % 2 == 0 ? nil : sampleFilter(excluding: number % rows)
                let plain = index.search(query, k: k, where: filter, path: .plain)
                #expect(plain == referenceTopK(index, query, k, filter: filter))
                for path in [ExactPath.simd, .threads(2), .threads(3)] {
                    #expect(index.search(query, k: k, where: filter, path: path) == plain, "\(path), k = \(k)")
                }
            }
        }
    }

    @Test func tiesSurviveEveryPath() {
        // Rows 0, 3, 4, 5 and 9 are one vector; all paths must return them in row order.
        var rows = clusteredVectors(count: 12, dimensions: 20, duplicateEvery: 100, seed: 5)
        for copy in [3, 4, 5, 9] { rows.replaceSubrange((copy * 20)..<((copy + 1) * 20), with: rows[0..<20]) }
        let index = VectorIndex(normalizing: rows, dimensions: 20)
        let query = index.vector(0)
        for path in [ExactPath.plain, .simd, .threads(2), .threads(5)] {
            #expect(index.search(query, k: 4, path: path).map(\.row) == [0, 3, 4, 5], "\(path)")
        }
        #expect(index.search(query, k: 4, where: { $0 != 3 }, path: .simd).map(\.row) == [0, 4, 5, 9])
    }

    @Test func scoresEqualThePlainScoreOfEachRow() {
        let index = VectorIndex(normalizing: clusteredVectors(count: 97, dimensions: 24, seed: 8), dimensions: 24)
        let query = index.vector(3)
        let scores = index.scores(query)
        #expect(scores.count == 97)
        for row in 0..<97 { #expect(scores[row] == index.score(3, row)) }
    }

    @Test func optionsChoosePathsBySize() {
        let options = SearchOptions(plainBelow: 100, parallelFrom: 1_000, threads: 2)
        #expect(options.exactPath(rows: 99) == .plain)
        #expect(options.exactPath(rows: 100) == .simd)
        #expect(options.exactPath(rows: 1_000) == .threads(2))
        #expect(SearchOptions(parallelFrom: 10, threads: 1).exactPath(rows: 5_000) == .simd)
        #expect(!SearchOptions.exact.usesQuantized(rows: 10_000_000))
        #expect(!SearchOptions.standard.usesQuantized(rows: 10_000_000), "exact unless asked")
        #expect(SearchOptions.serving.usesQuantized(rows: 524_288) && !SearchOptions.serving.usesQuantized(rows: 524_287))
        #expect(SearchOptions(quantizedFrom: 50).usesQuantized(rows: 50))
        #expect(SearchOptions(rescorePerResult: 8, rescoreMinimum: 100).rescoreCount(k: 10) == 100)
        #expect(SearchOptions(rescorePerResult: 8, rescoreMinimum: 100).rescoreCount(k: 50) == 400)
    }

    @Test func batchEqualsPlain() throws {
        let index = VectorIndex(normalizing: clusteredVectors(count: 5_000, dimensions: 40, seed: 11), dimensions: 40)
        let queries = nearbyQueries(index, count: 9, seed: 12) + [index.vector(14), index.vector(15)]  // 15 copies 14
        let filter = sampleFilter(excluding: 2)
        let together = SearchOptions(batchFrom: 1)
        for (k, isAllowed) in [(10, nil), (25, filter)] as [(Int, RowFilter?)] {
            let batch = index.search(batch: queries, k: k, where: isAllowed, options: together)
            let loop = index.search(batch: queries, k: k, where: isAllowed, options: SearchOptions(batchFrom: 100))
            #expect(batch.count == queries.count)
            for (answer, query) in zip(batch, queries) {
                #expect(answer == index.search(query, k: k, where: isAllowed, path: .plain))
            }
            #expect(loop == batch)
        }
    }

    @Test func emptyIndexAndZeroK() throws {
        let empty = VectorIndex(normalizing: [], dimensions: 4)
        for path in [ExactPath.plain, .simd, .threads(2)] { #expect(empty.search([1, 0, 0, 0], k: 3, path: path).isEmpty) }
        #expect(empty.search(batch: [[1, 0, 0, 0]], k: 3, options: SearchOptions(batchFrom: 1)) == [[]])
        #expect(empty.scores([1, 0, 0, 0]).isEmpty)
        let index = VectorIndex(normalizing: [1, 0, 0, 1], dimensions: 2)
        #expect(index.search([1, 0], k: 0, path: .simd).isEmpty)
    }
}

import Testing

@testable import PodsimCore

@Suite struct QuantizedIndexTests {
    @Test func codesReconstructWithinHalfAStep() {
        let index = VectorIndex(normalizing: clusteredVectors(count: 400, dimensions: 24, seed: 21), dimensions: 24)
        let quantized = QuantizedIndex(index, threads: 3)
        #expect(quantized.stride == 32)
        #expect(quantized.codeBytes == 400 * 32)
        for row in [0, 1, 199, 399] {
            let codes = quantized.codes(ofRow: row)
            let vector = index.vector(row)
            for j in 0..<24 {
                #expect(abs(Float(codes[j]) * quantized.scales[j] - vector[j]) <= quantized.scales[j] / 2 * 1.0001)
            }
            #expect(codes[24...].allSatisfy { $0 == 0 }, "padding codes are zero")
        }
        // Every scale is the largest magnitude of its dimension over 127, so ±127 is reached.
        for j in 0..<24 {
            let reached = (0..<400).contains { abs(quantized.codes(ofRow: $0)[j]) == 127 }
            #expect(reached)
        }
    }

    @Test func rescoringEverythingIsExact() {
        // With every row rescored the int8 scan only orders candidates: the answer is the plain one.
        let index = VectorIndex(normalizing: clusteredVectors(count: 700, dimensions: 32, seed: 22), dimensions: 32)
        let quantized = QuantizedIndex(index)
        let all = SearchOptions(parallelFrom: 300, threads: 2, rescoreMinimum: 700)
        for (number, query) in nearbyQueries(index, count: 5, seed: 23).enumerated() {
            let filter: RowFilter? = number.isMultiple(of: 2) ? sampleFilter(excluding: number) : nil
            #expect(quantized.search(query, k: 15, where: filter, options: all)
                == index.search(query, k: 15, where: filter, path: .plain))
        }
    }

    @Test func defaultRescoringRecallsTheExactTopTen() {
        let index = VectorIndex(normalizing: clusteredVectors(count: 6_000, dimensions: 64, seed: 24), dimensions: 64)
        let quantized = QuantizedIndex(index)
        var found = 0
        let queries = nearbyQueries(index, count: 40, seed: 25)
        for query in queries {
            let exact = Set(index.search(query, k: 10, path: .plain).map(\.row))
            let answer = quantized.search(query, k: 10)
            found += answer.filter { exact.contains($0.row) }.count
            // Whatever it returns carries exact scores in the contract's order.
            #expect(answer.map(\.score) == index.exactScores(ScanQuery(query), rows: answer.map(\.row)))
            #expect(zip(answer, answer.dropFirst()).allSatisfy { $0.ranksAbove($1) })
        }
        #expect(Double(found) / Double(10 * queries.count) >= 0.99)
    }

    @Test func filtersAndTiesAreHonoured() {
        var rows = clusteredVectors(count: 300, dimensions: 16, duplicateEvery: 1_000, seed: 26)
        for copy in [10, 11, 250] { rows.replaceSubrange((copy * 16)..<((copy + 1) * 16), with: rows[(5 * 16)..<(6 * 16)]) }
        let index = VectorIndex(normalizing: rows, dimensions: 16)
        let quantized = QuantizedIndex(index)
        let query = index.vector(5)
        #expect(quantized.search(query, k: 4).map(\.row) == [5, 10, 11, 250])
        let filter: RowFilter = { $0 != 10 && $0 != 5 }
        let filtered = quantized.search(query, k: 3, where: filter)
        #expect(filtered == index.search(query, k: 3, where: filter, path: .plain))
        #expect(filtered.prefix(2).map(\.row) == [11, 250])
        #expect(quantized.search(query, k: 0).isEmpty)
    }

    @Test func queryLevelsUseTheInt16Range() {
        let index = VectorIndex(normalizing: clusteredVectors(count: 50, dimensions: 8, seed: 27), dimensions: 8)
        let quantized = QuantizedIndex(index)
        let scaled = quantized.scaledQuery(index.vector(0))
        #expect(scaled.levels.count == 16)
        #expect(scaled.levels.map { abs(Int($0)) }.max() == Int(Int16.max))
        #expect(quantized.scaledQuery([Float](repeating: 0, count: 8)).step == 0)
    }
}

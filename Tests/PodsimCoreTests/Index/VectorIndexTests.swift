import Testing
@testable import PodsimCore
import PodsimTestSupport

/// Seeded test vectors, so the tests do not depend on the system RNG.
extension SplitMix64 {
    /// A uniform Float in [-1, 1) from the top 24 bits.
    mutating func unit() -> Float { Float(next() >> 40) / Float(1 << 24) * 2 - 1 }
    mutating func vectors(_ count: Int, _ dimensions: Int) -> [Float] {
        (0..<(count * dimensions)).map { _ in unit() }
    }
}

/// The obviously-correct reference: score everything, sort everything.
func referenceTopK(
    _ index: VectorIndex, _ query: [Float], _ k: Int, excluding: Set<Int> = [], filter: RowFilter? = nil
) -> [ScoredRow] {
    index.scores(query).enumerated()
        .filter { !excluding.contains($0.offset) && (filter?($0.offset) ?? true) }
        .map { ScoredRow(row: $0.offset, score: $0.element) }
        .sorted { $0.ranksAbove($1) }
        .prefix(k).map { $0 }
}

@Suite struct VectorIndexTests {
    @Test func rowsAreNormalised() {
        let index = VectorIndex(normalizing: [3, 4, 0, 0, 0, 0], dimensions: 3)
        #expect(index.count == 2)
        #expect(index.vector(0) == [0.6, 0.8, 0])
        #expect(index.vector(1) == [0, 0, 0], "an all-zero row stays zero")
        #expect(abs(index.score(0, 0) - 1) < 1e-6)
    }

    @Test(arguments: [1, 5, 10, 200, 1000])
    func topKMatchesFullSort(k: Int) {
        var random = SplitMix64(seed: UInt64(k))
        let index = VectorIndex(normalizing: random.vectors(500, 16), dimensions: 16)
        for _ in 0..<5 {
            let query = VectorIndex(normalizing: random.vectors(1, 16), dimensions: 16).vector(0)
            let expected = referenceTopK(index, query, k)
            #expect(index.search(query, k: k) == expected)
            #expect(index.search(query, k: k).count == min(k, 500))
        }
    }

    @Test func tiesAreBrokenByRow() {
        // Rows 1, 3 and 4 are the same vector: they tie and must come back in row order.
        let rows: [Float] = [0, 1, 1, 0, 0.5, 0.5, 1, 0, 1, 0]
        let index = VectorIndex(normalizing: rows, dimensions: 2)
        let hits = index.search([1, 0], k: 3)
        #expect(hits.map(\.row) == [1, 3, 4])
        let shuffledInsertion = [4, 1, 3].reduce(into: TopKSelector(k: 2)) { $0.insert(row: $1, score: 1) }
        #expect(shuffledInsertion.sorted().map(\.row) == [1, 3])
    }

    @Test func filterExcludesRows() {
        var random = SplitMix64(seed: 7)
        let index = VectorIndex(normalizing: random.vectors(50, 4), dimensions: 4)
        let query = index.vector(10)
        let hits = index.search(query, k: 5) { $0 != 10 }
        #expect(!hits.contains { $0.row == 10 })
        #expect(hits == referenceTopK(index, query, 5, excluding: [10]))
        #expect(index.search(query, k: 1).first?.row == 10, "unfiltered, a row is its own nearest neighbour")
    }

    @Test func zeroKAndEmptyIndex() {
        let index = VectorIndex(normalizing: [1, 0, 0, 1], dimensions: 2)
        #expect(index.search([1, 0], k: 0).isEmpty)
        let empty = VectorIndex(normalizing: [], dimensions: 2)
        #expect(empty.search([1, 0], k: 3).isEmpty)
    }

    @Test func mergingPartialSelectorsEqualsOneSelector() {
        var random = SplitMix64(seed: 99)
        let scores = (0..<300).map { _ in random.unit() }
        var whole = TopKSelector(k: 10)
        var left = TopKSelector(k: 10)
        var right = TopKSelector(k: 10)
        for (row, score) in scores.enumerated() {
            whole.insert(row: row, score: score)
            if row < 150 { left.insert(row: row, score: score) } else { right.insert(row: row, score: score) }
        }
        left.merge(right)
        #expect(left.sorted() == whole.sorted())
    }
}

import Testing

@testable import PodsimCore
import PodsimTestSupport

@Suite struct RescoringPoolTests {
    @Test func theBestKeptAreRescored() {
        var pool = RescoringPool(keep: 3)
        for (row, score) in [(0, 0.9), (1, 0.5), (2, 0.8), (3, 0.7), (4, 0.95)] as [(Int, Float)] {
            pool.offer(row: row, score: score)
        }
        #expect(pool.finalists.sorted() == [0, 2, 4])
        // Exact scores reorder the finalists; row 3 was not kept, so it cannot come back.
        let answer = pool.finish(k: 2) { rows in rows.map { [0: 0.1, 2: 0.99, 4: 0.5][$0]! } }
        #expect(answer == [ScoredRow(row: 2, score: 0.99), ScoredRow(row: 4, score: 0.5)])
    }

    @Test func mergedPartsEqualOnePool() {
        var random = SplitMix64(seed: 32)
        let scores = (0..<2_000).map { _ in random.unit() }
        var whole = RescoringPool(keep: 20)
        var left = RescoringPool(keep: 20)
        var right = RescoringPool(keep: 20)
        for (row, score) in scores.enumerated() {
            whole.offer(row: row, score: score)
            if row < 1_000 { left.offer(row: row, score: score) } else { right.offer(row: row, score: score) }
        }
        left.merge(right)
        let exact: ([Int]) -> [Float] = { rows in rows.map { scores[$0] } }
        #expect(left.finish(k: 20, exactScores: exact) == whole.finish(k: 20, exactScores: exact))
    }
}

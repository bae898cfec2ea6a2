import PodsimTestSupport
import Testing

@testable import PodsimCore

/// `sortBestFirst` (integer keys) gives the order and the values of sorting with `ranksAbove`.
@Suite struct ScoredRowSortTests {
    /// Same rows and same score bits as the closure sort, position by position.
    static func expectSameAsClosureSort(_ input: [ScoredRow], _ comment: Comment? = nil) {
        var fast = input
        fast.sortBestFirst()
        let reference = input.sorted { $0.ranksAbove($1) }
        #expect(fast.map(\.row) == reference.map(\.row), comment)
        #expect(fast.map(\.score.bitPattern) == reference.map(\.score.bitPattern), comment)
    }

    /// Scores drawn from a few values (so ties are common, broken by row) with both zeros, both
    /// infinities, subnormals, negatives and the largest row the keys hold.
    @Test func ordersAsRanksAbove() {
        var random = SplitMix64(seed: 11)
        let specials: [Float] = [0, -Float.zero, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                 .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1, -1, 0.5, -0.5]
        for count in [0, 1, 2, 3, 17, 60, 200, 1_000] {
            for round in 0..<20 {
                var rows = Array(0..<count).map { $0 * 3 + round }
                if count > 0 { rows[Int(random.next() % UInt64(count))] = (1 << 31) - 1 }
                let input = rows.shuffled(using: &random).map { row in
                    let score = random.next() % 3 == 0 ? specials[Int(random.next() % UInt64(specials.count))] : random.unit()
                    return ScoredRow(row: row, score: score)
                }
                Self.expectSameAsClosureSort(input, "count \(count), round \(round)")
            }
        }
    }

    /// −0 and +0 tie (broken by row) and each keeps its sign.
    @Test func zerosTieAndKeepTheirSign() {
        var rows = [ScoredRow(row: 5, score: 0), ScoredRow(row: 2, score: -Float.zero), ScoredRow(row: 9, score: -Float.zero), ScoredRow(row: 1, score: 0)]
        rows.sortBestFirst()
        #expect(rows.map(\.row) == [1, 2, 5, 9])
        #expect(rows.map { $0.score.sign } == [.plus, .minus, .plus, .minus])
    }

    /// Rows past the keys' 31 bits, or a NaN score, take the closure sort: same result as it.
    @Test func outsideTheKeysFallsBack() {
        Self.expectSameAsClosureSort([ScoredRow(row: 1 << 31, score: 0.5), ScoredRow(row: 3, score: 0.5), ScoredRow(row: 4, score: 0.9)])
        var withNaN = [ScoredRow(row: 3, score: 0.2), ScoredRow(row: 1, score: .nan), ScoredRow(row: 2, score: 0.7)]
        let reference = withNaN.sorted { $0.ranksAbove($1) }
        withNaN.sortBestFirst()
        #expect(withNaN.map(\.row) == reference.map(\.row))
    }
}

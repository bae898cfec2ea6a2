import Foundation
import PodsimLinearAlgebra
import PodsimTestSupport
import Synchronization
import Testing

@testable import PodsimCore

/// A small catalogue's episode-to-episode lexical scores, kept once asked for (`LexicalPairs`):
/// always the bits `LexicalRows.scores` gives for the same query.
@Suite struct LexicalPairsTests {
    static var model: PodsimModel { SeedModel.built.model }

    @Test func keptScoresAreTheScoredOnes() throws {
        let lexical = try #require(Self.model.lexical)
        let pairs = try #require(LexicalPairs(lexical))
        let all = Array(0..<lexical.rows)
        var random = Xoshiro256StarStar(seed: 7)
        for source in all {
            let query = lexical.query(row: source)
            #expect(query.sourceRow == source)
            let expected = lexical.scores(all, query).map(\.bitPattern)
            #expect(pairs.scores(all, source: source, query: query).map(\.bitPattern) == expected, "first ask, row \(source)")
            #expect(pairs.scores(all, source: source, query: query).map(\.bitPattern) == expected, "kept, row \(source)")
            // A fusion pool: some rows, any order, repeats.
            let pool = (0..<40).map { _ in Int(random.next() % UInt64(lexical.rows)) }
            #expect(pairs.scores(pool, source: source, query: query).map(\.bitPattern) == pool.map { expected[$0] })
        }
    }

    /// Eight threads asking for every episode at once, on a fresh table: the same bits each.
    @Test func concurrentAsksAgree() throws {
        let lexical = try #require(Self.model.lexical)
        let pairs = try #require(LexicalPairs(lexical))
        let all = Array(0..<lexical.rows)
        let expected = all.map { lexical.scores(all, lexical.query(row: $0)).map(\.bitPattern) }
        let agreed = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            // Half the threads from the first episode, half from the last: every row raced for.
            for source in all {
                let order = thread % 2 == 0 ? source : all.count - 1 - source
                if pairs.scores(all, source: order, query: lexical.query(row: order)).map(\.bitPattern) == expected[order] {
                    agreed.add(1, ordering: .relaxed)
                }
            }
        }
        #expect(agreed.load(ordering: .relaxed) == 8 * all.count)
    }

    /// Each episode's own query, made once: the model's (terms, weights, the episode, or nil as
    /// the model says), the same on a second ask.
    @Test func keptQueriesAreTheModels() throws {
        let model = Self.model
        let lexical = try #require(model.lexical)
        let pairs = try #require(LexicalPairs(lexical))
        for row in 0..<lexical.rows {
            let expected = model.lexicalQuery(row: row)
            for ask in ["first", "kept"] {
                let query = pairs.query(row: row)
                #expect(query == expected, "\(ask) ask, row \(row)")
                #expect(query?.sourceRow == expected?.sourceRow, "\(ask) ask, row \(row)")
            }
        }
        #expect((0..<lexical.rows).contains { pairs.query(row: $0) != nil }, "the seeds have lexical rows")
    }

    @Test func largerCataloguesKeepNone() throws {
        let lexical = try #require(Self.model.lexical)
        #expect(LexicalPairs(lexical, maxEpisodes: lexical.rows - 1) == nil)
        #expect(LexicalPairs(lexical, maxEpisodes: lexical.rows) != nil)
        #expect(lexical.rows <= LexicalPairs.maxEpisodes, "the seed model keeps pairs")
    }

    /// SIMILAR's fused candidates through the kept pairs (the query is the episode's own row)
    /// are those of the same query scored row by row (a query of the same terms and weights that
    /// names no episode), for every seed episode.
    @Test func fusedAnswersAreTheScoredOnes() throws {
        let model = Self.model
        let lexical = try #require(model.lexical)
        let recommender = Recommender(model: model)
        #expect(recommender.derived.lexicalPairs != nil)
        for source in 0..<lexical.rows {
            let own = lexical.query(row: source)
            let anonymous = LexicalQuery(terms: own.terms, weights: own.weights)
            #expect(anonymous.sourceRow == nil)
            #expect(anonymous == own, "where a query came from is not part of its value")
            let vector = model.index.vector(source)
            for _ in 0..<2 {
                let kept = recommender.fusedNearest(vector, lexical: own, k: 20, where: { $0 != source })
                let scored = recommender.fusedNearest(vector, lexical: anonymous, k: 20, where: { $0 != source })
                #expect(kept.map(\.row) == scored.map(\.row), "row \(source)")
                #expect(kept.map(\.score.bitPattern) == scored.map(\.score.bitPattern), "row \(source)")
            }
        }
    }

    /// A query past `maskedUpTo` terms keeps no mask (SIMILAR's own row would build it for
    /// nothing) and is still scored through it exactly, should anything ask.
    @Test func longQueriesKeepNoMask() throws {
        let lexical = try #require(Self.model.lexical)
        let long = try #require((0..<lexical.rows).map { lexical.query(row: $0) }.first { $0.terms.count > LexicalQuery.maskedUpTo })
        #expect(long.mask.isEmpty)
        let short = LexicalQuery(terms: Array(long.terms.prefix(LexicalQuery.maskedUpTo)), weights: Array(long.weights.prefix(LexicalQuery.maskedUpTo)))
        #expect(short.mask.count == LexicalQuery.maskWords)
        for row in 0..<lexical.rows {
            #expect(lexical.maskedScore(row, long).bitPattern == lexical.mergedScore(row, long).bitPattern)
        }
    }
}

import Foundation
import PodsimEpisodes
import PodsimTestSupport
import Synchronization
import Testing

@testable import PodsimCore

/// The lexical rows a model stores and the fused ranking built on them (`ScoreFusion`).
@Suite struct ScoreFusionTests {
    static var model: PodsimModel { SeedModel.built.model }

    /// A copy of `path` without the sections `dropping`, and with `replacing` in place of theirs.
    static func copyModel(
        _ path: String, to out: String, dropping: Set<SectionTag> = [], replacing: [SectionTag: [UInt64]] = [:]
    ) throws {
        let reader = try ModelFileReader(path: path)
        var writer = ModelFileWriter()
        for section in reader.sections where !dropping.contains(section.tag) {
            if let values = replacing[section.tag] {
                try writer.addArray(section.tag, values)
            } else {
                try writer.addSection(section.tag, kind: section.kind, bytes: Array(try reader.section(section.tag)))
            }
        }
        _ = try writer.write(to: out)
    }

    /// The masked score (short queries) and the prefetching batch — masked up to 64 terms, the
    /// dense scatter above — are the merge's, bit for bit: every row of the seed model against
    /// queries of 1 to 400 of its terms, including terms that share mask bits.
    @Test func theMaskedScoreIsTheMergedOne() throws {
        let model = Self.model
        let lexical = try #require(model.lexical)
        var random = SystemRandomNumberGenerator()
        let termCount = UInt32(model.features.termCount)
        var scored = 0
        for size in [1, 2, 5, 13, 40, 64, 65, 150, 400] {
            for _ in 0..<20 {
                // Half the terms from one row (so most rows share some), half drawn anywhere,
                // plus a term 4,096 above another (the same mask bit).
                let row = lexical.query(row: Int.random(in: 0..<lexical.rows, using: &random))
                var terms = Set(row.terms.shuffled(using: &random).prefix(size / 2 + 1))
                while terms.count < size { terms.insert(UInt32.random(in: 0..<termCount, using: &random)) }
                if let first = terms.first, first + 4_096 < termCount, terms.count < LexicalQuery.maskedUpTo { terms.insert(first + 4_096) }
                let sorted = terms.sorted()
                let query = LexicalQuery(terms: sorted, weights: sorted.map { _ in Float.random(in: 0.01...1, using: &random) })
                for candidate in 0..<lexical.rows {
                    let masked = lexical.maskedScore(candidate, query)
                    #expect(masked.bitPattern == lexical.mergedScore(candidate, query).bitPattern)
                    if masked > 0 { scored += 1 }
                }
                // The prefetching batch, rows in random order with repeats, as the fusion pool and
                // the guests' evidence call it.
                let order = (0..<(2 * lexical.rows)).map { _ in Int.random(in: 0..<lexical.rows, using: &random) }
                #expect(lexical.scores(order, query).map(\.bitPattern) == order.map { lexical.mergedScore($0, query).bitPattern })
            }
        }
        #expect(scored > 1_000, "queries that match: \(scored)")
    }

    /// The documented order (`LexicalSum`), written out plainly: the product of a row's i-th term
    /// in lane i mod 8, lanes summed in row order, then ((0+1)+(2+3))+((4+5)+(6+7)). Every path
    /// gives exactly these bits, for every pair of seed episodes and for short queries.
    @Test func scoresAreSummedInEightLanesOfRowOrder() throws {
        let lexical = try #require(Self.model.lexical)
        func reference(_ row: Int, _ query: LexicalQuery) -> Float {
            let terms = lexical.query(row: row)
            let weightOf = Dictionary(uniqueKeysWithValues: zip(query.terms, query.weights))
            var lanes = [Float](repeating: 0, count: 8)
            for (i, (term, weight)) in zip(terms.terms, terms.weights).enumerated() {
                if let q = weightOf[term] { lanes[i % 8] = lanes[i % 8] + weight * q }
            }
            return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]))
        }
        let all = Array(0..<lexical.rows)
        var multiLane = 0
        for queryRow in all {
            let own = lexical.query(row: queryRow)
            let short = LexicalQuery(terms: Array(own.terms.prefix(20)), weights: Array(own.weights.prefix(20)))
            for query in [own, short] {
                let expected = all.map { reference($0, query).bitPattern }
                #expect(lexical.scores(all, query).map(\.bitPattern) == expected, "query row \(queryRow)")
                #expect(all.map { lexical.score($0, query).bitPattern } == expected)
                #expect(all.map { lexical.mergedScore($0, query).bitPattern } == expected)
            }
            // The order matters: a one-chain sum differs in some pair (else this test could not fail).
            for row in all {
                let chain = zip(lexical.query(row: row).terms, lexical.query(row: row).weights).reduce(Float(0)) { sum, pair in
                    own.terms.firstIndex(of: pair.0).map { sum + pair.1 * own.weights[$0] } ?? sum
                }
                if chain.bitPattern != reference(row, own).bitPattern { multiLane += 1 }
            }
        }
        #expect(multiLane > 0, "no pair where the lane order and a single chain differ")
    }

    /// Every episode's own row as the query (SIMILAR's lexical side: the dense path), and the
    /// same with some weights negative and zero: the batch gives the merge's bits for every row.
    @Test func longQueriesScoreAsTheMerge() throws {
        let lexical = try #require(Self.model.lexical)
        let all = Array(0..<lexical.rows)
        var dense = 0
        for row in all {
            let own = lexical.query(row: row)
            dense += own.terms.count > LexicalQuery.maskedUpTo ? 1 : 0
            #expect(lexical.scores(all, own).map(\.bitPattern) == all.map { lexical.mergedScore($0, own).bitPattern })
            let signed = LexicalQuery(terms: own.terms, weights: own.weights.enumerated().map { i, w in i % 3 == 0 ? -w : i % 7 == 0 ? 0 : w })
            #expect(lexical.scores(all, signed).map(\.bitPattern) == all.map { lexical.mergedScore($0, signed).bitPattern })
        }
        #expect(dense > lexical.rows / 2, "rows long enough for the dense path: \(dense) of \(lexical.rows)")

        // Each thread has its own scratch: eight threads at once, each query its merge's bits.
        let expected = all.map { query in all.map { lexical.mergedScore($0, lexical.query(row: query)).bitPattern } }
        let agreed = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for query in all where lexical.scores(all, lexical.query(row: query)).map(\.bitPattern) == expected[query] {
                agreed.add(1, ordering: .relaxed)
            }
        }
        #expect(agreed.load(ordering: .relaxed) == 8 * all.count)
    }

    @Test func storedRowsAreEachEpisodesTFIDFRow() throws {
        let model = Self.model
        let lexical = try #require(model.lexical)
        #expect(lexical.rows == model.episodes.count)
        for row in 0..<model.episodes.count {
            let stored = lexical.query(row: row)
            let text = Episode.indexedText(title: model.episodes.title(row), description: model.episodes.description(row))
            let analysed = try #require(LexicalQuery(model.features.transform(text)))
            #expect(stored.terms == analysed.terms, "row \(row)")
            for (a, b) in zip(stored.weights, analysed.weights) { #expect(abs(a - b) < 1e-6, "row \(row)") }
            #expect(abs(lexical.score(row, stored) - 1) < 1e-5, "a unit row's cosine with itself is 1")
        }
    }

    @Test func latentOnlyIsTheLatentRanking() throws {
        let recommender = Recommender(model: Self.model, fusion: .latentOnly)
        let id = "devops-paradox-333"
        let row = try #require(Self.model.episodes.row(of: id))
        let answers = try recommender.similar(to: id, k: 29)
        let expected = Self.model.index.search(Self.model.index.vector(row), k: 29, where: { $0 != row })
        #expect(answers.map(\.id) == expected.map { Self.model.episodes.id($0.row) })
        #expect(answers.map(\.score) == expected.map(\.score))
    }

    /// Every answer's score is the documented combination of its two cosines, bit for bit, and
    /// the list is ordered by it with ties broken by id.
    @Test(arguments: ["devops-paradox-329", "platform-engineering-podcast-2025-02-26", "devops-paradox-324"])
    func fusedScoresAreTheConvexCombination(id: String) throws {
        let model = Self.model
        let fusion = ScoreFusion.standard
        let recommender = Recommender(model: model, fusion: fusion)
        let row = try #require(model.episodes.row(of: id))
        let query = try #require(model.lexicalQuery(row: row))
        let answers = try recommender.similar(to: id, k: 29)
        #expect(answers.count == 29 && !answers.contains { $0.id == id })
        for answer in answers {
            let other = try #require(model.episodes.row(of: answer.id))
            let latent = model.index.score(row, other)
            #expect(answer.score == fusion.combine(latent: latent, lexical: try #require(model.lexical).score(other, query)))
        }
        let scored = answers.map { ScoredRow(row: model.episodes.row(of: $0.id)!, score: $0.score) }
        #expect(zip(scored, scored.dropFirst()).allSatisfy { $0.ranksAbove($1) })
    }

    @Test func everySearchPathGivesTheSameFusedAnswers() throws {
        let exact = Recommender(model: Self.model, options: .exact)
        let quantized = Recommender(model: Self.model, options: SearchOptions(quantizedFrom: 0))
        for id in ["devops-paradox-329", "devops-paradox-335"] {
            #expect(try exact.similar(to: id, k: 10).map(\.id) == quantized.similar(to: id, k: 10).map(\.id))
        }
        #expect(try exact.search("kubernetes clusters", k: 10).map(\.id) == quantized.search("kubernetes clusters", k: 10).map(\.id))
    }

    /// A small pool still answers k: the pool never holds fewer than k rows.
    @Test func aPoolSmallerThanKStillAnswersK() throws {
        let recommender = Recommender(model: Self.model, fusion: ScoreFusion(lexicalWeight: 0.5, pool: 2))
        #expect(try recommender.similar(to: "devops-paradox-329", k: 8).count == 8)
        #expect(try recommender.guests(topic: "kubernetes", k: 3).count == 3)
    }

    @Test func guestScoresAreFusedToo() throws {
        let fused = try Recommender(model: Self.model).guests(topic: "feature flags experimentation", k: 5)
        let latent = try Recommender(model: Self.model, fusion: .latentOnly).guests(topic: "feature flags experimentation", k: 5)
        #expect(fused.first?.name == "Trevor Stuart" && latent.first?.name == "Trevor Stuart")
        #expect(fused.first?.score != latent.first?.score, "the lexical cosine moved the score")
    }

    @Test func aModelWithoutLexicalRowsRanksByTheLatentScoreAndGainsThemOnAdd() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let old = directory.file("old.podsim")
        try Self.copyModel(SeedModel.built.path, to: old, dropping: ["LXOF", "LXTM", "LXWT"])
        let loaded = try PodsimModel(contentsOf: old)
        #expect(loaded.lexical == nil)
        let answers = try Recommender(model: loaded).similar(to: "devops-paradox-329", k: 10)
        let latent = try Recommender(model: Self.model, fusion: .latentOnly).similar(to: "devops-paradox-329", k: 10)
        #expect(answers.map(\.id) == latent.map(\.id) && answers.map(\.score) == latent.map(\.score))

        let added = Episode(id: "zz-new-1", show: "New Show", title: "Vibe coding with agents",
                            published: nil, description: "Letting AI write the code: vibe coding in practice.", guests: [])
        _ = try ModelUpdater.add([added], to: loaded, writingTo: old)
        let grown = try PodsimModel(contentsOf: old)
        let lexical = try #require(grown.lexical)
        #expect(lexical.rows == Self.model.episodes.count + 1)
        for row in 0..<Self.model.episodes.count {
            #expect(lexical.query(row: row).terms == Self.model.lexical!.query(row: row).terms)
        }
        let newRow = try #require(grown.episodes.row(of: "zz-new-1"))
        #expect(lexical.query(row: newRow) == LexicalQuery(grown.features.transform(added.indexedText)))
    }

    @Test func someButNotAllLexicalSectionsAreRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("partial.podsim")
        try Self.copyModel(SeedModel.built.path, to: path, dropping: ["LXWT"])
        let error = #expect(throws: PodsimError.self) { _ = try PodsimModel(contentsOf: path) }
        #expect(error?.code == .modelFile)
        #expect(error?.message.contains(path) == true && error?.message.contains("LXOF, LXTM and LXWT") == true, "\(String(describing: error))")
    }

    @Test func offsetsThatDoNotFitTheEpisodesAreRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let short = directory.file("short.podsim")
        try Self.copyModel(SeedModel.built.path, to: short, replacing: ["LXOF": [0, 0]])
        let error = #expect(throws: PodsimError.self) { _ = try PodsimModel(contentsOf: short) }
        #expect(error?.message.contains("LXOF holds 2 offsets; 30 episodes need 31") == true, "\(String(describing: error))")

        let count = UInt64(Self.model.lexical!.terms.count)
        let backwards = directory.file("backwards.podsim")
        try Self.copyModel(SeedModel.built.path, to: backwards, replacing: ["LXOF": [0, count] + [UInt64](repeating: 1, count: 28) + [count]])
        let second = #expect(throws: PodsimError.self) { _ = try PodsimModel(contentsOf: backwards) }
        #expect(second?.message.contains("LXOF is not a non-decreasing run") == true, "\(String(describing: second))")
    }

    @Test(arguments: [(Float(-0.1), 200, "lexical weight"), (1.5, 200, "lexical weight"), (0.5, 0, "pool")])
    func badFusionSettingsAreRefused(weight: Float, pool: Int, fragment: String) {
        let error = #expect(throws: PodsimError.self) { _ = try ScoreFusion(lexicalWeight: weight, pool: pool).validated() }
        #expect(error?.code == .invalidArgument && error?.message.contains(fragment) == true)
    }
}

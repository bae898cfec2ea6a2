import Testing
@testable import PodsimCore

/// SIMILAR for several episodes with one `sgemm` batch (`Recommender+Batch`): each answer is the
/// one-by-one answer, bit for bit, and the batch's rows stand in for a scan only where they hold
/// every row the scan would return.
@Suite struct SimilarBatchTests {
    static let model = SeedModel.built.model
    static let ids = (0..<model.episodes.count).map { model.episodes.id($0) }

    static func expectSame(_ batched: Result<[EpisodeMatch], any Error>, _ alone: Result<[EpisodeMatch], any Error>, _ what: String) {
        switch (batched, alone) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(what)")
        case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)", "\(what)")
        default: Issue.record("\(what): batched \(batched), alone \(alone)")
        }
    }

    @Test("a batch answers exactly what each query answers alone", arguments: [200, 5, 1])
    func sameAsAlone(pool: Int) throws {
        let recommender = Recommender(model: Self.model, options: .exact, fusion: ScoreFusion(pool: pool))
        #expect(recommender.batchesExactly)
        let queries = Self.ids.map { (id: $0, k: 3) } + [(id: "no-such-episode", k: 3)] + Self.ids.prefix(5).map { (id: $0, k: 12) }
        let batches = recommender.nearestRows(ofEpisodes: queries)
        #expect(batches.compactMap { $0 }.count == Self.ids.count + 5, "every known id batched")
        // As the server answers a batch (`RecommenderService.answer(batch:)`): each query's own
        // code, its scan taken from the batch.
        for (query, nearest) in zip(queries, batches) {
            let batched = Recommender.withNearest(nearest) { Result { try recommender.similar(to: query.id, k: query.k) } }
            Self.expectSame(batched, Result { try recommender.similar(to: query.id, k: query.k) }, "\(query)")
        }
    }

    @Test("filters and options: from the batch where its rows suffice, by a scan where not")
    func withOptions() throws {
        let recommender = Recommender(model: Self.model, options: .exact, fusion: ScoreFusion(pool: 5))
        let queries = Self.ids.map { (id: $0, k: 3) }
        let batches = recommender.nearestRows(ofEpisodes: queries)
        for (query, batched) in zip(queries, batches) {
            let ranking = RankingOptions(maxPerShow: 2)
            let alone = Result { try recommender.similar(to: query.id, k: 8, excludeSameShow: true, diversity: 0.3, ranking: ranking) }
            let fromBatch = Recommender.withNearest(batched) {
                Result { try recommender.similar(to: query.id, k: 8, excludeSameShow: true, diversity: 0.3, ranking: ranking) }
            }
            Self.expectSame(fromBatch, alone, "\(query)")
        }
        // Depth max(3, pool 5) + 1 = 6 rows: 25 is more than the batch holds, so the caller scans.
        let query = Self.model.index.vector(0)
        #expect(Recommender.withNearest(batches[0]) { recommender.nearestFromBatch(k: 25, where: nil) } == nil)
        #expect(Recommender.withNearest(batches[0]) { recommender.nearestFromBatch(k: 4, where: { $0 != 0 }) }
            == Self.model.index.search(query, k: 4, where: { $0 != 0 }, options: .exact))
        #expect(recommender.nearestFromBatch(k: 4, where: nil) == nil, "no batch outside withNearest")
    }

    @Test("a model searched through int8 codes does not batch (its candidates differ from a batch's)")
    func quantizedDoesNotBatch() {
        let recommender = Recommender(model: Self.model, options: SearchOptions(quantizedFrom: 1))
        #expect(!recommender.batchesExactly)
        #expect(recommender.nearestRows(ofEpisodes: Self.ids.map { (id: $0, k: 3) }).allSatisfy { $0 == nil })
    }
}

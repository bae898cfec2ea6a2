import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PodsimCore
import PodsimProtocol
import Testing
@testable import PodsimServer

/// Scan queries that wait for a worker are answered in one batch per model snapshot
/// (`QueryBatcher`), and a podsim model's batched answers are its one-by-one answers, bit for bit.
@Suite("Queries waiting for a worker, answered in batches")
struct QueryBatcherTests {
    /// Answers SIMILAR with one hit named after the asked id and the model; records batch sizes.
    final class Recording: ModelService {
        let modelID: String
        let batches = NIOLockedValueBox<[Int]>([])
        init(_ modelID: String) { self.modelID = modelID }
        var summary: ModelSummary { ModelSummary(episodes: 1, guests: 0, terms: 1, dimensions: 1) }
        var queryCost: Int { 1_000_000 }
        func answer(_ query: ModelQuery) -> PodsimResponse {
            guard case .similar(let request) = query else { return .failure(ErrorResponse(status: .badRequest, message: "only SIMILAR")) }
            return .similar([EpisodeHit(id: request.episodeID, score: 1, show: modelID, title: "")])
        }
        func answer(batch queries: [ModelQuery]) -> [PodsimResponse] {
            batches.withLockedValue { $0.append(queries.count) }
            return queries.map(answer)
        }
    }

    static func similar(_ id: String) -> ModelQuery { .similar(SimilarRequest(episodeID: id, k: 1)) }

    @Test("queries that arrive while the worker is busy are answered together, by their own snapshot")
    func waitingQueriesShareABatch() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        let sizes = NIOLockedValueBox<[Int]>([])
        let batcher = QueryBatcher(workers: pool, threads: 1) { size in sizes.withLockedValue { $0.append(size) } }
        let first = Recording("first")
        let second = Recording("second")
        // Hold the only worker, so every query below waits in the batcher.
        let gate = group.next().makePromise(of: Void.self)
        let busy = pool.runIfActive(eventLoop: group.next()) { try gate.futureResult.wait() }
        let ids = (0..<10).map { "ep-\($0)" }
        let futures = ids.enumerated().map { index, id in
            batcher.answer(Self.similar(id), with: index % 5 == 4 ? second : first, on: group.next())
        }
        gate.succeed()
        try await busy.get()
        for (index, (id, future)) in zip(ids, futures).enumerated() {
            let expected = index % 5 == 4 ? "second" : "first"
            #expect(try await future.get() == .similar([EpisodeHit(id: id, score: 1, show: expected, title: "")]))
        }
        #expect(first.batches.withLockedValue { $0 } == [8], "the eight queries on the first model: one batch")
        #expect(second.batches.withLockedValue { $0 } == [2])
        #expect(batcher.counts.answered == 10)
        #expect(batcher.counts.batched == 10)
        #expect(sizes.withLockedValue { $0 } == [8, 2], "each batch told, oldest first")
        // Alone when nothing else waits: answered without a batch.
        #expect(try await batcher.answer(Self.similar("alone"), with: first, on: group.next()).get()
            == .similar([EpisodeHit(id: "alone", score: 1, show: "first", title: "")]))
        #expect(first.batches.withLockedValue { $0 } == [8])
        #expect(sizes.withLockedValue { $0 } == [8, 2], "a query answered alone is no batch")
        try await pool.shutdownGracefully()
        try await group.shutdownGracefully()
    }

    @Test("a podsim model's batch answers exactly what each query answers alone, unknown ids and options included")
    func recommenderBatchEqualsOneByOne() throws {
        let model = try PodsimModel(contentsOf: ModelFileSourceTests.seedModel)
        let service = RecommenderService(model: model, options: .exact)
        #expect(service.batchesQueries)
        let ids = (0..<model.episodes.count).map { model.episodes.id($0) }
        var queries: [ModelQuery] = ids.map { .similar(SimilarRequest(episodeID: $0, k: 5)) }
        queries.append(.similar(SimilarRequest(episodeID: "no-such-episode", k: 5)))
        queries.append(.similar(SimilarRequest(episodeID: ids[3], k: 25, flags: .excludeSameShow)))
        queries.append(.similar(SimilarRequest(episodeID: ids[7], k: 4, options: QueryOptions(diversity: 0.5))))
        queries.append(.search(SearchRequest(text: "kubernetes platform", k: 5)))
        let batched = service.answer(batch: queries)
        #expect(batched == queries.map(service.answer))
        #expect(!RecommenderService(model: model, options: SearchOptions(quantizedFrom: 1)).batchesQueries)
    }
}

import Foundation
import PodsimCatalogue
import PodsimCore
import PodsimProtocol
import Testing
@testable import PodsimServer

/// The search path a served model uses: the `.serving` preset unless `--exact` asks otherwise.
@Suite struct ModelFileSourceTests {
    static let seedModel = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Models/episodes.podsim").path

    @Test func servesWithTheServingPresetByDefault() throws {
        let service = try #require(try ModelFileSource(path: Self.seedModel, decodeEpisodes: { try JSONLCatalogue.decode(payload: $0) }).load() as? RecommenderService)
        #expect(service.recommender.options == .serving)
        // 30 episodes are far below the int8 threshold: the answers stay exact.
        #expect(service.recommender.quantized == nil)
    }

    @Test func exactIsKeptAcrossLoads() throws {
        let source = ModelFileSource(path: Self.seedModel, searchOptions: .exact, decodeEpisodes: { try JSONLCatalogue.decode(payload: $0) })
        for _ in 0..<2 {
            let service = try #require(try source.load() as? RecommenderService)
            #expect(service.recommender.options == .exact)
        }
    }

    /// `podsim serve --lexical-weight`: the weight reaches every answer, one by one and batched,
    /// and is kept across loads.
    @Test func theLexicalWeightIsTheOneAnswersUse() throws {
        let decode: ModelFileSource.EpisodeDecoder = { try JSONLCatalogue.decode(payload: $0) }
        let latent = ModelFileSource(path: Self.seedModel, fusion: .latentOnly, decodeEpisodes: decode)
        let standard = try #require(try ModelFileSource(path: Self.seedModel, decodeEpisodes: decode).load() as? RecommenderService)
        let query = ModelQuery.similar(SimilarRequest(episodeID: "devops-paradox-333", k: 5))
        for _ in 0..<2 {
            let service = try #require(try latent.load() as? RecommenderService)
            #expect(service.recommender.fusion == .latentOnly)
            let expected = try Recommender(model: service.recommender.model, fusion: .latentOnly)
                .similar(to: "devops-paradox-333", k: 5)
            guard case .similar(let hits) = service.answer(query) else {
                Issue.record("SIMILAR was not answered")
                return
            }
            #expect(hits.map(\.id) == expected.map(\.id) && hits.map(\.score) == expected.map(\.score))
            #expect(service.answer(batch: [query, query]) == [service.answer(query), service.answer(query)])
            #expect(service.answer(query) != standard.answer(query), "the fused scores differ from the latent ones")
        }
    }
}

import Foundation
import PodsimCatalogue
import PodsimCore
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
}

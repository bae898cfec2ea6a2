import Foundation
import PodsimCatalogue
import PodsimWorkbench
import Testing

@testable import PodsimCore

/// The recommender's answers along every path, on a model built from a synthetic catalogue.
@Suite struct RecommenderPathTests {
    /// One synthetic model for the suite (building it takes about a second).
    static let model: PodsimModel = {
        let catalogue = try! SyntheticCatalogue(SyntheticConfiguration(episodes: 1_500, seed: 11, topics: 12, wordsPerTopic: 100, backgroundWords: 1_500))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("podsim-paths-\(UUID().uuidString).podsim").path
        _ = try! ModelBuilder.build(episodes: catalogue.episodes(0..<1_500), hosts: [:], options: BuildOptions(dimensions: 24), sourceDigest: "test", to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try! PodsimModel(contentsOf: path)  // the mapping outlives the unlinked file
    }()

    static let paths: [(String, SearchOptions)] = [
        ("plain", SearchOptions(plainBelow: .max)),
        ("simd", SearchOptions(plainBelow: 0, parallelFrom: .max)),
        ("threads", SearchOptions(plainBelow: 0, parallelFrom: 0, threads: 2)),
        ("int8, all rescored", SearchOptions(parallelFrom: 700, quantizedFrom: 0, rescoreMinimum: 1_500)),
    ]

    @Test func everyPathGivesTheSameAnswers() throws {
        let model = Self.model
        let reference = Recommender(model: model, options: Self.paths[0].1)
        let ids = stride(from: 0, to: model.episodes.count, by: 97).map(model.episodes.id)
        let show = model.episodes.show(3)
        let filter = EpisodeFilter(shows: [show, model.episodes.show(4)], publishedFrom: "2010-03-01")
        for (name, options) in Self.paths.dropFirst() {
            let recommender = Recommender(model: model, options: options)
            #expect((recommender.quantized != nil) == (options.quantizedFrom != nil), "\(name)")
            for id in ids {
                #expect(try recommender.similar(to: id, k: 10) == reference.similar(to: id, k: 10), "\(name) \(id)")
                #expect(try recommender.similar(to: id, k: 5, excludeSameShow: true, filter: filter)
                    == reference.similar(to: id, k: 5, excludeSameShow: true, filter: filter), "\(name) \(id) filtered")
                #expect(try recommender.similar(to: id, k: 5, diversity: 0.5) == reference.similar(to: id, k: 5, diversity: 0.5))
            }
            let text = model.episodes.title(7)
            #expect(try recommender.search(text, k: 10) == reference.search(text, k: 10), "\(name) search")
        }
    }

    @Test func defaultRescoringFindsTheExactNeighbours() throws {
        let model = Self.model
        let exact = Recommender(model: model, options: .exact)
        let quantized = Recommender(model: model, options: SearchOptions(quantizedFrom: 0))
        var found = 0
        var asked = 0
        for row in stride(from: 0, to: model.episodes.count, by: 31) {
            let id = model.episodes.id(row)
            let truth = Set(try exact.similar(to: id, k: 10).map(\.id))
            found += try quantized.similar(to: id, k: 10).filter { truth.contains($0.id) }.count
            asked += truth.count
        }
        #expect(Double(found) / Double(asked) >= 0.99)
    }
}

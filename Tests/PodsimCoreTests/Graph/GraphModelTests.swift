import Foundation
import PodsimTestSupport
import PodsimWorkbench
import Testing

@testable import PodsimCore

/// The graph index in the model file: when a build adds it, how it round-trips, how the
/// recommender uses it, and what a damaged one does.
@Suite struct GraphModelTests {
    static let catalogue = try! SyntheticCatalogue(
        SyntheticConfiguration(episodes: 1_500, seed: 11, topics: 12, wordsPerTopic: 100, backgroundWords: 1_500))

    static func build(_ choice: GraphChoice?, to path: String) throws {
        var options = BuildOptions(dimensions: 24)
        options.graphIndex = choice
        _ = try ModelBuilder.build(episodes: catalogue.episodes(0..<1_500), hosts: [:], options: options, sourceDigest: "test", to: path)
    }

    /// One directory for the suite's files (the system's temporary files are cleaned by the OS).
    static let directory: String = try! TemporaryDirectory().path
    static func file(_ name: String) -> String { directory + "/" + name }
    static let withGraph: String = {
        let path = file("graph.podsim")
        try! build(.hnsw, to: path)
        return path
    }()

    @Test func aBuildAddsTheGraphFromTheThresholdOrWhenAsked() throws {
        let automatic = BuildOptions()
        #expect(!automatic.buildsGraph(episodes: GraphParameters.automaticFrom - 1))
        #expect(automatic.buildsGraph(episodes: GraphParameters.automaticFrom))
        var asked = BuildOptions()
        asked.graphIndex = .hnsw
        #expect(asked.buildsGraph(episodes: 10))
        asked.graphIndex = .disabled
        #expect(!asked.buildsGraph(episodes: 10_000_000))
        // Below the threshold the default build has none.
        let plain = Self.file("plain.podsim")
        try Self.build(nil, to: plain)
        #expect(try !ModelFileReader(path: plain).hasSection(GraphSection.tag))
        #expect(try PodsimModel(contentsOf: plain).graph == nil)
        let model = try PodsimModel(contentsOf: Self.withGraph)
        #expect(model.graph?.count == 1_500)
        #expect(model.graph?.parameters == GraphParameters(seed: 42))
        // The graph leaves every other section as it was.
        #expect(try PodsimModel(contentsOf: plain).info == model.info)
    }

    @Test func theSameBuildGivesTheSameBytes() throws {
        let again = Self.file("again.podsim")
        try Self.build(.hnsw, to: again)
        #expect(FileManager.default.contents(atPath: again) == FileManager.default.contents(atPath: Self.withGraph))
    }

    @Test func podsimIndexRemovesAndRestoresTheSameGraph() throws {
        let copy = Self.file("indexed.podsim")
        try FileManager.default.copyItem(atPath: Self.withGraph, toPath: copy)
        let removed = try GraphIndexer.rewrite(copy, parameters: nil)
        #expect(removed.sectionBytes == 0)
        #expect(try PodsimModel(contentsOf: copy).graph == nil)
        let added = try GraphIndexer.rewrite(copy, parameters: GraphParameters(seed: 42))
        #expect(added.rows == 1_500 && added.sectionBytes > 1_500 * 100)
        // The same graph bytes (the section comes last now, so the file's layout differs), the same model.
        func graphBytes(_ path: String) throws -> [UInt8] {
            let reader = try ModelFileReader(path: path)
            return try withExtendedLifetime(reader) { Array(try reader.section(GraphSection.tag)) }
        }
        #expect(try graphBytes(copy) == graphBytes(Self.withGraph))
        #expect(try PodsimModel(contentsOf: copy).info == PodsimModel(contentsOf: Self.withGraph).info)
    }

    @Test func theRecommenderAnswersThroughTheGraphWithTheExactScores() throws {
        let model = try PodsimModel(contentsOf: Self.withGraph)
        var exactOptions = SearchOptions.standard
        exactOptions.graph.enabled = false
        let exact = Recommender(model: model, options: exactOptions)
        var narrow = SearchOptions.standard
        narrow.graph.ef = 16  // fewer candidates than rows, so the graph really chooses
        let graph = Recommender(model: model, options: narrow)
        let filter = EpisodeFilter(shows: [model.episodes.show(3), model.episodes.show(4)])
        var found = 0
        var asked = 0
        for row in stride(from: 0, to: model.episodes.count, by: 37) {
            let id = model.episodes.id(row)
            let truth = try exact.similar(to: id, k: 10)
            let answer = try graph.similar(to: id, k: 10)
            found += answer.filter { hit in truth.contains { $0.id == hit.id && $0.score == hit.score } }.count
            asked += truth.count
            let filtered = try graph.similar(to: id, k: 10, excludeSameShow: true, filter: filter)
            let filteredTruth = try exact.similar(to: id, k: 10, excludeSameShow: true, filter: filter)
            #expect(filtered.count == filteredTruth.count)
            #expect(filtered.allSatisfy { filter.shows!.contains($0.show) && $0.show != model.episodes.show(row) })
        }
        #expect(Double(found) / Double(asked) >= 0.98, "\(found) of \(asked)")
    }

    /// `.exact` (`serve --exact`) means exact answers: a model's graph is left unused, and every
    /// answer is the plain scan's — where with ef 10 the graph misses some.
    @Test func exactOptionsLeaveTheGraphUnused() throws {
        let model = try PodsimModel(contentsOf: Self.withGraph)
        let exact = Recommender(model: model, options: .exact)
        #expect(!exact.graphAnswers)
        #expect(Recommender(model: model, options: .standard).graphAnswers)
        var narrow = SearchOptions.standard
        narrow.graph.ef = 10
        let graph = Recommender(model: model, options: narrow)
        var differs = 0
        for row in 0..<model.episodes.count {
            let query = model.index.vector(row)
            let scan = model.index.search(query, k: 10, where: { $0 != row }, options: .exact)
            #expect(exact.nearest(query, k: 10, where: { $0 != row }) == scan, "row \(row)")
            if graph.nearest(query, k: 10, where: { $0 != row }) != scan { differs += 1 }
        }
        #expect(differs > 0, "the graph at ef 10 found every exact answer: this test could not tell them apart")
    }

    /// The graph's fallback is the exact scan, so with a graph the int8 codes would never be read:
    /// they are built only when the graph does not answer.
    @Test func int8CodesAreBuiltOnlyWhenTheGraphDoesNotAnswer() throws {
        let model = try PodsimModel(contentsOf: Self.withGraph)
        var quantized = SearchOptions(quantizedFrom: 0)
        #expect(Recommender(model: model, options: quantized).quantized == nil)
        quantized.graph.enabled = false
        #expect(Recommender(model: model, options: quantized).quantized != nil)
        let plain = Self.file("no-graph.podsim")
        try Self.build(.disabled, to: plain)
        #expect(Recommender(model: try PodsimModel(contentsOf: plain), options: SearchOptions(quantizedFrom: 0)).quantized != nil)
    }

    @Test func aDamagedGraphSectionIsAClearError() throws {
        let damaged = Self.file("damaged.podsim")
        var bytes = try #require(FileManager.default.contents(atPath: Self.withGraph))
        let section = try ModelFileReader(path: Self.withGraph).sectionInfo(GraphSection.tag)
        bytes[Int(section.offset) + 200] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: damaged))
        #expect {
            _ = try PodsimModel(contentsOf: damaged)
        } throws: { error in
            let message = (error as? PodsimError)?.message ?? ""
            return message.contains("'HNSW'") && message.contains("corrupt")
        }
    }
}

import Foundation
import PodsimEpisodes
import PodsimTestSupport
import PodsimText
import PodsimWorkbench
import Testing

@testable import PodsimCore

/// The streaming build (`StreamingModelBuilder`) against the in-memory one: with the whole
/// catalogue as its sample it writes the same sections, bit for bit, except the LX sections it
/// leaves out; its sample is seeded and independent of arrival order and batching; it stops
/// before the fit, saying how much memory it needs, when its estimate exceeds the limit.
@Suite struct StreamingModelBuilderTests {
    /// 1,500 synthetic episodes (min df 2 from 1,000): recurring guests, several shows.
    static let synthetic: [Episode] = {
        let catalogue = try! SyntheticCatalogue(SyntheticConfiguration(episodes: 1_500, seed: 5, topics: 8))
        return catalogue.episodes(0..<1_500)
    }()

    static func options(episodes: Int) -> BuildOptions {
        var options = BuildOptions.defaults(episodes: episodes, seed: 9, dimensions: 16)
        options.powerIterations = 2
        options.graphIndex = .disabled
        return options
    }

    /// (tag, kind, length, checksum) of every section of the file at `path`.
    static func sections(_ path: String) throws -> [String] {
        try ModelFileReader(path: path).sections.map { "\($0.tag) \($0.kind) \($0.length) \($0.checksum)" }
    }

    static func streamed(
        _ episodes: [Episode], hosts: [String: [String]] = [:], fitSample: Int, batchSize: Int, to path: String,
        memoryLimit: Int = .max
    ) throws -> BuildReport {
        let options = options(episodes: episodes.count)
        return try StreamingModelBuilder.build(
            source: EpisodeArrayBatches(episodes, batchSize: batchSize), hosts: hosts, seed: options.seed,
            fitSample: fitSample, to: path, memoryLimit: memoryLimit
        ) { count in
            #expect(count == episodes.count)
            return (Self.options(episodes: count), "digest")
        }
    }

    @Test(arguments: [false, true])
    func wholeSampleWritesTheInMemoryModelWithoutLexicalRows(seeds: Bool) throws {
        try withTemporaryDirectory { directory in
            let episodes = seeds ? SeedModel.catalogue.episodes : Self.synthetic
            let hosts = seeds ? SeedModel.catalogue.hosts : [:]
            let memory = directory.file("memory.podsim"), streamed = directory.file("streamed.podsim")
            let inMemory = try ModelBuilder.build(
                episodes: episodes, hosts: hosts, options: Self.options(episodes: episodes.count), sourceDigest: "digest",
                to: memory)
            // Arrival order other than row order, and batches that split the catalogue unevenly.
            let report = try Self.streamed(episodes.reversed(), hosts: hosts, fitSample: episodes.count, batchSize: 97, to: streamed)
            #expect(report.info == inMemory.info)
            let lexical: Set<String> = ["'LXOF'", "'LXTM'", "'LXWT'"]
            let expected = try Self.sections(memory).filter { !lexical.contains(String($0.prefix(6))) }
            #expect(try Self.sections(streamed) == expected)
            #expect(try Self.sections(memory).count == expected.count + 3, "the in-memory model has its LX sections")
        }
    }

    @Test func batchingAndArrivalOrderChangeNoBit() throws {
        try withTemporaryDirectory { directory in
            let a = directory.file("a.podsim"), b = directory.file("b.podsim")
            _ = try Self.streamed(Self.synthetic, fitSample: 400, batchSize: 1_500, to: a)
            var shuffled = Self.synthetic
            var random = SplitMix64(seed: 3)
            shuffled.shuffle(using: &random)
            _ = try Self.streamed(shuffled, fitSample: 400, batchSize: 33, to: b)
            let (first, second) = (try PodsimModel(contentsOf: a), try PodsimModel(contentsOf: b))
            // The model id covers vectors, projection, ids and terms; guests' display spellings
            // may follow arrival order (first seen wins a tie), as in an in-memory build.
            #expect(first.info.modelID == second.info.modelID)
            #expect(first.info.fitSample == 400 && first.info.documentCount == 400)
        }
    }

    @Test func aSampleFitsOnTheEpisodesWithTheSmallestSeededHashes() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("sampled.podsim")
            let report = try Self.streamed(Self.synthetic, fitSample: 300, batchSize: 200, to: path)
            #expect(report.info.fitSample == 300 && report.info.documentCount == 300 && report.info.episodes == 1_500)
            let seed = Self.options(episodes: 0).seed
            let chosen = Self.synthetic.map(\.id).sorted { FitSample.hash(id: $0, seed: seed) < FitSample.hash(id: $1, seed: seed) }
                .prefix(300).sorted(by: StringTable.precedes)
            // The sample's own fit, in memory, has the streaming model's vocabulary and σ.
            let byID = Dictionary(uniqueKeysWithValues: Self.synthetic.map { ($0.id, $0) })
            var clock = PhaseClock()
            let (fitted, _) = try StreamingModelBuilder.fit(
                chosen.map { byID[$0]!.indexedText }, options: Self.options(episodes: 1_500), clock: &clock, progress: nil)
            let model = try PodsimModel(contentsOf: path)
            #expect(model.info.singularValues == fitted.singularValues)
            #expect(model.features.terms == fitted.features.terms)
            #expect(model.episodes.count == 1_500)
        }
    }

    @Test func documentRowsDoNotDependOnTheChunking() throws {
        let model = try TFIDFVectorizer(configuration: Self.options(episodes: 1_500).analyzer)
            .fit(Self.synthetic.prefix(500).map(\.indexedText)).model
        let texts = Self.synthetic.map(\.indexedText)
        let one = model.documentMatrix(texts, chunks: 1), many = model.documentMatrix(texts, chunks: 7)
        #expect(one.rowStart == many.rowStart && one.columnIndices == many.columnIndices && one.values == many.values)
    }

    @Test func tooLittleMemoryStopsBeforeTheFitSayingHowMuch() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("model.podsim")
            try Data("previous".utf8).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: PodsimError.self) {
                _ = try Self.streamed(Self.synthetic, fitSample: 1_500, batchSize: 500, to: path, memoryLimit: 1_000_000)
            }
            #expect(error?.code == .insufficientMemory)
            #expect(error?.message.contains("this build needs about") == true)
            #expect(error?.message.contains("more than the 1 MB this machine allows") == true)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous")
            #expect(try directory.entries() == ["model.podsim"], "no spill or temporary file is left")
        }
    }

    @Test func aDuplicateIDIsRefused() throws {
        try withTemporaryDirectory { directory in
            let episodes = Array(Self.synthetic.prefix(50)) + [Self.synthetic[7]]
            let error = #expect(throws: PodsimError.self) {
                _ = try Self.streamed(episodes, fitSample: 51, batchSize: 10, to: directory.file("m.podsim"))
            }
            #expect(error?.message == "episode id '\(Self.synthetic[7].id)' appears twice")
        }
    }

    @Test func fitSampleKeepsTheSmallestKeysWhateverTheOrder() {
        var forward = FitSample(size: 5, seed: 1), backward = FitSample(size: 5, seed: 1)
        let ids = (0..<200).map { "episode-\($0)" }
        for (index, id) in ids.enumerated() { forward.offer(id: id, index: index, text: id) }
        for (index, id) in ids.enumerated().reversed() { backward.offer(id: id, index: index, text: id) }
        let expected = ids.sorted { FitSample.hash(id: $0, seed: 1) < FitSample.hash(id: $1, seed: 1) }.prefix(5)
        #expect(Set(forward.take().map(\.text)) == Set(expected))
        #expect(Set(backward.take().map(\.text)) == Set(expected))
    }
}

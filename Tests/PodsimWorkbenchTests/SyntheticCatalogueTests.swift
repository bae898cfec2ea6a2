import Foundation
import PodsimCatalogue
import PodsimLinearAlgebra
import PodsimTestSupport
import PodsimText
import PodsimCore
import Testing

@testable import PodsimWorkbench

@Suite struct SyntheticCatalogueTests {
    static let small = SyntheticConfiguration(episodes: 800, seed: 3, topics: 16, wordsPerTopic: 120, backgroundWords: 2_000)

    @Test func sameSeedSameCatalogueOtherSeedAnother() throws {
        let a = try SyntheticCatalogue(Self.small)
        let b = try SyntheticCatalogue(Self.small)
        var other = Self.small
        other.seed = 4
        let c = try SyntheticCatalogue(other)
        #expect(a.episodes(0..<50, threads: 1) == b.episodes(0..<50, threads: 3))
        #expect(a.episodes(0..<50) != c.episodes(0..<50))
        #expect(a.episodes(10..<20) == Array(a.episodes(0..<50)[10..<20]), "an episode depends only on its index")
    }

    @Test func idsAreUniqueValidAndRoundTripThroughJSONLines() throws {
        let episodes = try SyntheticCatalogue(Self.small).episodes(0..<800)
        #expect(Set(episodes.map(\.id)).count == 800)
        #expect(episodes.allSatisfy { !$0.id.contains(" ") && $0.published != nil && !$0.description.isEmpty })
        let decoded = try JSONLCatalogue.decode(Data(JSONLCatalogue.encode(episodes).utf8), source: "synth.jsonl")
        #expect(decoded.count == episodes.count)
        #expect(zip(decoded, episodes).allSatisfy { $0 == $1 }, "JSON Lines gives back exactly the generated episodes")
        #expect(episodes[0].id == episodes[0].show.lowercased().replacingOccurrences(of: " ", with: "-") + "-1")
    }

    @Test func wordsAreUniqueAndSurviveTheAnalyzer() throws {
        let words = (0..<3_000).map(SyntheticWords.word) + (46_000..<46_700).map(SyntheticWords.word)
        #expect(Set(words).count == words.count)
        let analyzer = try Analyzer(configuration: AnalyzerConfiguration(bigrams: false))
        let text = words.joined(separator: " ")
        let stems = analyzer.tokens(text).map(\.stem)
        #expect(stems == words, "no word is a stop word or loses a suffix to the stemmer")
    }

    @Test func backgroundWordsFollowZipf() {
        var random = Xoshiro256StarStar(seed: 9)
        let sampler = AliasSampler.zipf(count: 1_000, exponent: 1.0)
        var counts = [Int](repeating: 0, count: 1_000)
        for _ in 0..<200_000 { counts[sampler.draw(&random)] += 1 }
        // P(rank r) ∝ 1/(r+1): rank 0 is twice rank 1 and ten times rank 9.
        let ratio1 = Double(counts[0]) / Double(counts[1])
        let ratio9 = Double(counts[0]) / Double(counts[9])
        #expect(abs(ratio1 - 2) < 0.15)
        #expect(abs(ratio9 - 10) < 1.2)
        let expectedTop = 200_000 / (1..<1_001).reduce(0.0) { $0 + 1 / Double($1) }
        #expect(abs(Double(counts[0]) - expectedTop) < 0.05 * expectedTop)
    }

    @Test func guestsRecurWithinTheirTopic() throws {
        let catalogue = try SyntheticCatalogue(Self.small)
        let generated = (0..<800).map(catalogue.episode)
        var appearances: [String: [Int]] = [:]
        for item in generated {
            for guest in item.episode.guests { appearances[guest, default: []].append(item.dominantTopic) }
        }
        let recurring = appearances.values.filter { $0.count >= 3 }
        #expect(recurring.count >= 10)
        // A guest's first listing comes from the episode's dominant topic, so most of a recurring
        // guest's episodes share one dominant topic.
        let agreeing = recurring.map { topics in Dictionary(grouping: topics, by: { $0 }).values.map(\.count).max()! }
        #expect(Double(agreeing.reduce(0, +)) / Double(recurring.map(\.count).reduce(0, +)) > 0.6)
    }

    @Test func topicsAreRecoverableFromABuiltModel() throws {
        let catalogue = try SyntheticCatalogue(Self.small)
        let generated = (0..<800).map(catalogue.episode)
        let topicOfID = Dictionary(uniqueKeysWithValues: generated.map { ($0.episode.id, $0.dominantTopic) })
        try withTemporaryDirectory { directory in
            let path = directory.file("synth.podsim")
            var options = BuildOptions(dimensions: 32)
            options.analyzer.minDocumentFrequency = 2
            _ = try ModelBuilder.build(episodes: generated.map(\.episode), hosts: [:], options: options, sourceDigest: "test", to: path)
            let recommender = Recommender(model: try PodsimModel(contentsOf: path), options: .exact)
            var sameTopic = 0
            var asked = 0
            for item in generated.prefix(100) {
                let answer = try recommender.similar(to: item.episode.id, k: 10)
                sameTopic += answer.filter { topicOfID[$0.id] == item.dominantTopic }.count
                asked += answer.count
            }
            // Chance is about 1 in 16; the model should find the topic most of the time.
            #expect(Double(sameTopic) / Double(asked) > 0.6)
        }
    }

    @Test func badConfigurationsNameTheField() {
        let cases: [(SyntheticConfiguration, String)] = [
            (SyntheticConfiguration(episodes: 0), "episodes must be at least 1"),
            (SyntheticConfiguration(episodes: 10, topics: 0), "topics must be at least 1"),
            (SyntheticConfiguration(episodes: 10, wordsPerTopic: 3), "words per topic"),
            (SyntheticConfiguration(episodes: 10, backgroundShare: 1), "background share"),
            (SyntheticConfiguration(episodes: 10, wordsPerEpisode: 1...3), "at least 5 words"),
            (SyntheticConfiguration(episodes: 10, topics: 10_000, wordsPerTopic: 1_000), "must stay below"),
        ]
        for (configuration, fragment) in cases {
            let error = #expect(throws: PodsimError.self) { try SyntheticCatalogue(configuration) }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "no error")")
        }
    }

    @Test func datesAreProlepticGregorian() {
        #expect(SyntheticCatalogue.isoDate(daysSince2010: 0) == "2010-01-01")
        #expect(SyntheticCatalogue.isoDate(daysSince2010: 31) == "2010-02-01")
        #expect(SyntheticCatalogue.isoDate(daysSince2010: 789) == "2012-02-29")
        #expect(SyntheticCatalogue.isoDate(daysSince2010: 3_651) == "2019-12-31")
        #expect(SyntheticCatalogue.isoDate(daysSince2010: 3_652) == "2020-01-01")
    }
}

import Foundation
import PodsimTestSupport
import PodsimWorkbench
import Testing

@testable import PodsimCore

/// The candidate guest ranking against the exhaustive reference on seeded synthetic catalogues:
/// on every exact path the answers must be identical — names, scores, evidence and order.
@Suite struct GuestRankingTests {
    /// Three catalogues: two shaped like a directory (a guest per 8 episodes), one where a few
    /// prolific guests fill the top of every ranking, so the first candidates run out.
    static let models: [(name: String, model: PodsimModel)] = [
        ("seed 11", build(SyntheticConfiguration(episodes: 1_500, seed: 11, topics: 12, wordsPerTopic: 100, backgroundWords: 1_500, shows: 9))),
        ("seed 23", build(SyntheticConfiguration(episodes: 1_200, seed: 23, topics: 8, wordsPerTopic: 100, backgroundWords: 1_500, shows: 6))),
        ("seed 5, 40 guests", build(SyntheticConfiguration(
            episodes: 1_500, seed: 5, topics: 6, wordsPerTopic: 100, backgroundWords: 1_500, shows: 5, guests: 40))),
    ]

    static func build(_ configuration: SyntheticConfiguration) -> PodsimModel {
        let catalogue = try! SyntheticCatalogue(configuration)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("podsim-guests-\(UUID().uuidString).podsim").path
        _ = try! ModelBuilder.build(
            episodes: catalogue.episodes(0..<configuration.episodes), hosts: [:], options: BuildOptions(dimensions: 24),
            sourceDigest: "test", to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try! PodsimModel(contentsOf: path)  // the mapping outlives the unlinked file
    }

    static let exactPaths: [(String, SearchOptions)] = [
        ("plain", SearchOptions(plainBelow: .max)),
        ("simd", SearchOptions(plainBelow: 0, parallelFrom: .max)),
        ("threads", SearchOptions(plainBelow: 0, parallelFrom: 0, threads: 2)),
    ]

    /// Option sets every comparison runs with, for `model`.
    static func optionSets(_ model: PodsimModel) -> [GuestOptions] {
        let shows = model.episodes.shows
        let someGuests = stride(from: 0, to: model.guests.count, by: 7).map { model.guests.names[$0] }
        return [
            .none,
            GuestOptions(notOnShows: [shows[0], shows[2]]),
            GuestOptions(excludeGuests: someGuests.map { "Dr. " + $0.uppercased() }),
            GuestOptions(evidence: EpisodeFilter(shows: [shows[1], shows[3]])),
            GuestOptions(evidence: EpisodeFilter(publishedFrom: "2011-06-01", publishedTo: "2013-12-31"), notOnShows: [shows[4]]),
        ]
    }

    @Test(arguments: [1, 5, 10, 40])
    func guestsAgreeWithTheExhaustiveRankingOnEveryExactPath(k: Int) throws {
        for (name, model) in Self.models {
            let topics = stride(from: 0, to: model.episodes.count, by: 101).map(model.episodes.title)
            for (pathName, search) in Self.exactPaths {
                let recommender = Recommender(model: model, options: search)
                for options in Self.optionSets(model) {
                    for topic in topics {
                        let fast = try recommender.guests(topic: topic, k: k, options: options)
                        let reference = try recommender.guests(topic: topic, k: k, options: options, method: .exhaustive)
                        #expect(fast == reference, "\(name), \(pathName), k \(k), \(options), topic \(topic)")
                    }
                }
            }
        }
    }

    @Test(arguments: [1, 10, 40])
    func guestsLikeAgreesWithTheExhaustiveRanking(k: Int) throws {
        for (name, model) in Self.models {
            let recommender = Recommender(model: model, options: Self.exactPaths[1].1)
            for guest in stride(from: 0, to: model.guests.count, by: max(1, model.guests.count / 12)) {
                let person = model.guests.names[guest]
                for options in Self.optionSets(model) {
                    let fast = try recommender.guestsLike(person, k: k, options: options)
                    #expect(fast == (try recommender.guestsLike(person, k: k, options: options, method: .exhaustive)),
                            "\(name), k \(k), \(options), like \(person)")
                    #expect(!fast.contains { $0.name == person })
                }
            }
        }
    }

    /// Evidence scored on one thread or split across several: the same answers, bit for bit.
    @Test func evidenceSplitAcrossThreadsIsTheSame() throws {
        for (name, model) in Self.models {
            for threads in [2, 3, 7] {
                let recommender = Recommender(model: model, options: SearchOptions(plainBelow: 0, parallelFrom: .max, threads: threads))
                for row in stride(from: 0, to: model.episodes.count, by: 173) {
                    let topic = model.episodes.title(row)
                    guard var ranking = recommender.guestRanking(topic: topic, options: .none) else { continue }
                    ranking.parallelEvidenceFrom = .max
                    let one = ranking.matches(k: 10, method: .candidates)
                    ranking.parallelEvidenceFrom = 0
                    #expect(ranking.matches(k: 10, method: .candidates) == one, "\(name) \(topic), \(threads) threads")
                    #expect(!one.isEmpty)
                }
            }
        }
    }

    /// Excluded guests' rows cleared up front, or each offered row's guests looked at: the same
    /// answers, with the options that exclude guests.
    @Test func bothWaysOfExcludingGuestsAgree() throws {
        var compared = 0
        for (name, model) in Self.models {
            let recommender = Recommender(model: model, options: Self.exactPaths[1].1)
            for options in Self.optionSets(model) where !options.notOnShows.isEmpty || !options.excludeGuests.isEmpty {
                for row in stride(from: 0, to: model.episodes.count, by: 131) {
                    let topic = model.episodes.title(row)
                    guard var ranking = recommender.guestRanking(topic: topic, options: options) else { continue }
                    let cleared = ranking.matches(k: 10, method: .candidates)
                    ranking.excludedRowsCopiedUpTo = 0
                    #expect(ranking.matches(k: 10, method: .candidates) == cleared, "\(name) \(topic) \(options)")
                    compared += cleared.isEmpty ? 0 : 1
                }
            }
        }
        #expect(compared > 50)
    }

    /// With fusion off the reference is the plain exhaustive ranking — every guest sorted by their
    /// best episode — which the pool and walk must reproduce; with fusion on, the served answer
    /// stays close to fusing every episode on these catalogues.
    @Test func theReferenceIsEveryGuestSortedWhenFusionIsOff() throws {
        var found = 0
        var expected = 0
        for (name, model) in Self.models {
            let latent = Recommender(model: model, options: Self.exactPaths[1].1, fusion: ScoreFusion(lexicalWeight: 0))
            let fused = Recommender(model: model, options: Self.exactPaths[1].1)
            for options in Self.optionSets(model) {
                for row in stride(from: 0, to: model.episodes.count, by: 151) {
                    let topic = model.episodes.title(row)
                    let everyGuest = try latent.guests(topic: topic, k: 10, options: options, method: .everyEpisodeFused)
                    #expect(try latent.guests(topic: topic, k: 10, options: options, method: .exhaustive) == everyGuest, "\(name) \(topic)")
                    #expect(try latent.guests(topic: topic, k: 10, options: options) == everyGuest, "\(name) \(topic)")
                    let ideal = try fused.guests(topic: topic, k: 10, options: options, method: .everyEpisodeFused)
                    let served = Set(try fused.guests(topic: topic, k: 10, options: options).map(\.name))
                    found += ideal.filter { served.contains($0.name) }.count
                    expected += ideal.count
                }
            }
        }
        #expect(expected > 0 && Double(found) / Double(expected) >= 0.9, "\(found) of \(expected)")
    }

    /// The catalogue of 40 prolific guests: at k = 40 the first 640 candidates hold fewer than
    /// 40 guests for some topics, so the walk asks again — and still gives the exhaustive answer
    /// (the test above); here, that the second scan really happens and is needed no more than
    /// the catalogue forces.
    @Test func candidatesGrowWhenTheyRunOut() throws {
        let model = Self.models[2].model
        let recommender = Recommender(model: model, options: Self.exactPaths[1].1)
        let topics = stride(from: 0, to: model.episodes.count, by: 53).map(model.episodes.title)
        let rescans = try topics.compactMap { try recommender.guestCandidates(topic: $0, k: 40)?.scans }
        #expect(rescans.contains { $0 > 1 })
        let directory = Recommender(model: Self.models[0].model, options: Self.exactPaths[1].1)
        let first = try stride(from: 0, to: 1_500, by: 53).compactMap {
            try directory.guestCandidates(topic: Self.models[0].model.episodes.title($0), k: 10)
        }
        #expect(first.count > 20 && first.allSatisfy { $0.scans == 1 }, "a directory-shaped catalogue needs one scan at k = 10: \(first)")
    }

    /// A guest lists their best `evidencePerGuest` episodes of all of theirs, best first — on the
    /// catalogue of 40 prolific guests (about 30 episodes each), where most lists are cut.
    @Test func evidenceIsTheBestTenOfEveryEpisode() throws {
        let model = Self.models[2].model
        let recommender = Recommender(model: model, options: Self.exactPaths[1].1)
        var cut = 0
        for row in stride(from: 0, to: model.episodes.count, by: 97) {
            let topic = model.episodes.title(row)
            guard let ranking = recommender.guestRanking(topic: topic, options: .none) else { continue }
            let latent = model.index.scores(ranking.query, kernel: recommender.options.kernel)
            let scores = recommender.fused(latent, rows: Array(latent.indices), lexical: ranking.lexical)
            for hit in try recommender.guests(topic: topic, k: 5) {
                let guest = try #require(model.guests.index(of: hit.name))
                let all = model.guests.episodeRows(of: guest)
                    .map { ScoredRow(row: $0, score: scores[$0]) }
                    .filter { $0.score > 0 }
                    .sorted { $0.ranksAbove($1) }
                #expect(hit.episodes == all.prefix(GuestRanking.evidencePerGuest).map { model.episodes.id($0.row) }, "\(topic): \(hit.name)")
                #expect(hit.score == all[0].score)
                if all.count > GuestRanking.evidencePerGuest { cut += 1 }
            }
        }
        #expect(cut > 20, "the bound was exercised \(cut) times")
    }

    /// After the int8 scan, which guests come back may differ (rarely); each one's score and
    /// evidence are exact all the same. With the default rescoring (8 per candidate) these small
    /// catalogues are rescored whole, so the answers are identical; rescoring only the 256
    /// candidates themselves shows the approximation.
    @Test func int8PathAgreesClosely() throws {
        var found = 0
        var expected = 0
        for (name, model) in Self.models {
            let exact = Recommender(model: model, options: Self.exactPaths[1].1)
            let serving = Recommender(model: model, options: SearchOptions(quantizedFrom: 0))
            let tight = Recommender(model: model, options: SearchOptions(quantizedFrom: 0, rescorePerResult: 1, rescoreMinimum: 0))
            for row in stride(from: 0, to: model.episodes.count, by: 61) {
                let topic = model.episodes.title(row)
                let everyone = try exact.guests(topic: topic, k: model.guests.count, method: .exhaustive)
                let truth = Array(everyone.prefix(10))
                #expect(try serving.guests(topic: topic, k: 10) == truth, "\(name) \(topic)")
                let served = try tight.guests(topic: topic, k: 10)
                let names = Set(served.map(\.name))
                found += truth.filter { names.contains($0.name) }.count
                expected += truth.count
                for hit in served { #expect(everyone.first { $0.name == hit.name } == hit, "\(name) \(topic)") }
            }
        }
        #expect(Double(found) / Double(expected) >= 0.95)
    }
}

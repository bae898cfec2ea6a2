import Foundation
import Testing
@testable import PodsimCore

@Suite struct RecommenderTests {
    let recommender = SeedModel.recommender

    @Test func unknownIdSuggestsTheClosest() {
        #expect(throws: PodsimError(.unknownEpisode, "unknown episode id 'devops-paradox-3411' (did you mean 'devops-paradox-341'?)")) {
            try recommender.similar(to: "devops-paradox-3411", k: 3)
        }
        #expect(throws: PodsimError(.unknownEpisode, "unknown episode id 'platform-engineering-podcast-2025-7-30' (did you mean 'platform-engineering-podcast-2025-07-30'?)")) {
            try recommender.episode("platform-engineering-podcast-2025-7-30")
        }
        // Nothing close: no suggestion rather than a random one.
        #expect(throws: PodsimError(.unknownEpisode, "unknown episode id 'zzz'")) { try recommender.episode("zzz") }
    }

    @Test(arguments: [0, -1, Int.min])
    func kBelowOneIsRefused(k: Int) {
        #expect(throws: PodsimError(.invalidArgument, "k must be at least 1, got \(k)")) {
            try recommender.similar(to: "devops-paradox-333", k: k)
        }
        #expect(throws: PodsimError.self) { try recommender.search("dns", k: k) }
        #expect(throws: PodsimError.self) { try recommender.guests(topic: "dns", k: k) }
        #expect(throws: PodsimError.self) { try recommender.explain("devops-paradox-333", "devops-paradox-334", k: k) }
    }

    /// The core has no max k of its own (the server's `ProtocolLimits.maxK` is the one limit): a
    /// large k returns everything there is, and allocates only for that.
    @Test(arguments: [1001, 5000, Int.max])
    func largeKReturnsEverythingThereIs(k: Int) throws {
        #expect(try recommender.similar(to: "devops-paradox-333", k: k).count == 29)
        #expect(try recommender.similar(to: "devops-paradox-333", k: k, diversity: 0.5).count == 29)
        #expect(try recommender.search("dns", k: k).count == 30)
        #expect(try recommender.guests(topic: "dns", k: k).count <= recommender.model.guests.count)
    }

    @Test func similarNeverReturnsTheEpisodeItselfAndRespectsK() throws {
        for row in 0..<recommender.model.episodes.count {
            let id = recommender.model.episodes.id(row)
            let all = try recommender.similar(to: id, k: 1000)
            #expect(all.count == 29)
            #expect(!all.contains { $0.id == id })
            #expect(zip(all, all.dropFirst()).allSatisfy { $0.score > $1.score || ($0.score == $1.score && $0.id < $1.id) })
        }
        #expect(try recommender.similar(to: "devops-paradox-341", k: 3).count == 3)
    }

    @Test func excludeSameShowAndFilters() throws {
        let other = try recommender.similar(to: "devops-paradox-333", k: 20, excludeSameShow: true)
        #expect(other.count == 10)
        #expect(other.allSatisfy { $0.show == "Platform Engineering Podcast" })

        let dated = try recommender.search(
            "platform teams", k: 20, filter: EpisodeFilter(publishedFrom: "2025-03-01", publishedTo: "2025-05-31"))
        #expect(!dated.isEmpty)
        #expect(dated.allSatisfy { ["2025-03-19", "2025-04-02", "2025-04-16", "2025-04-30", "2025-05-28"].contains(String($0.id.suffix(10))) })

        let shows = try recommender.search("Kubernetes clusters", k: 50, filter: EpisodeFilter(shows: ["DevOps Paradox"]))
        #expect(!shows.isEmpty && shows.allSatisfy { $0.show == "DevOps Paradox" })
        // DevOps Paradox episodes have no dates: a date bound excludes them all.
        let none = try recommender.search("Kubernetes clusters", k: 50, filter: EpisodeFilter(shows: ["DevOps Paradox"], publishedFrom: "2000-01-01"))
        #expect(none.isEmpty)
    }

    @Test func diversityReordersButKeepsRelevance() throws {
        let plain = try recommender.similar(to: "devops-paradox-329", k: 5)
        #expect(try recommender.similar(to: "devops-paradox-329", k: 5, diversity: 0) == plain)
        let diverse = try recommender.similar(to: "devops-paradox-329", k: 5, diversity: 0.7)
        #expect(diverse.count == 5)
        #expect(diverse.first == plain.first, "the most relevant episode is always picked first")
        #expect(Set(diverse.map(\.id)).count == 5)
        // Diverse picks are less alike on average than the plain top 5.
        func meanPairwise(_ ids: [String]) -> Float {
            let rows = ids.compactMap { recommender.model.episodes.row(of: $0) }
            var sum: Float = 0
            var pairs: Float = 0
            for i in rows.indices { for j in rows.indices where j > i { sum += recommender.model.index.score(rows[i], rows[j]); pairs += 1 } }
            return sum / pairs
        }
        #expect(meanPairwise(diverse.map(\.id)) <= meanPairwise(plain.map(\.id)))
        #expect(throws: PodsimError.self) { try recommender.similar(to: "devops-paradox-329", k: 5, diversity: 1.5) }
    }

    @Test func searchWithNoKnownWordsIsEmpty() throws {
        #expect(try recommender.search("qwertyuiop zxcvbnm", k: 5).isEmpty)
        #expect(try recommender.search("", k: 5).isEmpty)
        #expect(try recommender.guests(topic: "the and of", k: 5).isEmpty)
    }

    @Test func searchFindsEpisodesByTheirWords() throws {
        #expect(try recommender.search("DNS registrar", k: 1).first?.id == "devops-paradox-339")
        #expect(try recommender.search("Sören Martius Terramate", k: 1).first?.id == "platform-engineering-podcast-2025-02-26")
        #expect(try recommender.search("soren martius terramate", k: 1).first?.id == "platform-engineering-podcast-2025-02-26")
    }

    @Test func episodeDetails() throws {
        let episode = try recommender.episode("platform-engineering-podcast-2025-07-30")
        #expect(episode.show == "Platform Engineering Podcast")
        #expect(episode.published == "2025-07-30")
        #expect(episode.guests == ["Pete Hunt"])
        #expect(episode.durationSeconds == 50 * 60)
        let numbered = try recommender.episode("devops-paradox-341")
        #expect(numbered.number == 341)
        #expect(numbered.title.hasPrefix("#341: Nobody's arguing"))
        #expect(numbered.guests == ["Trevor Stuart"])
    }

    @Test func explainNamesTheSharedTerms() throws {
        let explanation = try recommender.explain("devops-paradox-333", "platform-engineering-podcast-2025-07-30", k: 1000)
        #expect(explanation.terms.map(\.term).contains("dagster"))
        #expect(explanation.terms.contains { $0.term.contains("pete") })
        // The seed model has character grams: they count in the term cosine but are not listed,
        // so the listed words' contributions add up to less than it.
        #expect(!explanation.terms.contains { $0.term.hasPrefix("#") })
        let sum = explanation.terms.reduce(Float(0)) { $0 + $1.contribution }
        #expect(sum > 0.1 && sum < explanation.termCosine)
        #expect(zip(explanation.terms, explanation.terms.dropFirst()).allSatisfy { $0.contribution >= $1.contribution })
        #expect(explanation.latentCosine > 0.5)
        #expect(try recommender.explain("devops-paradox-333", "platform-engineering-podcast-2025-07-30", k: 3).terms.count == 3)
        #expect(throws: PodsimError.self) { try recommender.explain("devops-paradox-333", "nope", k: 3) }
    }

    @Test func topicsHaveOneEntryPerDimension() {
        let topics = recommender.topics(termsPerDimension: 5)
        #expect(topics.count == recommender.model.dimensions)
        #expect(topics.allSatisfy { $0.terms.count == 5 })
        #expect(topics.map(\.dimension) == Array(0..<recommender.model.dimensions))
    }

    @Test func guestsLikeExcludesTheGuestAndAcceptsAnySpelling() throws {
        let like = try recommender.guestsLike("pete hunt", k: 5)
        #expect(!like.isEmpty)
        #expect(!like.contains { $0.name == "Pete Hunt" })
        #expect(try recommender.guestsLike("Soren Martius", k: 3).count == 3)
        #expect(throws: PodsimError(.unknownEpisode, "unknown guest 'Nobody Here'")) { try recommender.guestsLike("Nobody Here", k: 3) }
    }

    @Test func guestProfileListsShowsEpisodesAndTopics() throws {
        let profile = try recommender.guestProfile("PETE  hunt", terms: 5)
        #expect(profile.name == "Pete Hunt")
        // Newest first, as GUEST answers: the show of the guest's newest episode leads.
        #expect(profile.shows == ["Platform Engineering Podcast", "DevOps Paradox"])
        #expect(profile.episodes.map(\.id) == ["platform-engineering-podcast-2025-07-30", "devops-paradox-333"])
        #expect(profile.topTerms.count == 5 && profile.topTerms.contains("dagster"))
        #expect(!profile.topTerms.contains { $0.contains("pete") || $0.contains("hunt") }, "the name itself is not a topic")
        #expect(try recommender.guestProfile("Sören Martius").name == recommender.guestProfile("soren martius").name)
        #expect(throws: PodsimError.self) { try recommender.guestProfile("Darin Pope") }
    }
}

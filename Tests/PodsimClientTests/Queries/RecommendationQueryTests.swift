import Foundation
import PodsimClient
import PodsimCore
import PodsimProtocol
import Testing

/// Protocol v1.1 through the client against a real server on the seed model: options 0x05–0x09,
/// RECOMMEND, SIMILAR_SHOWS and GUEST answer as the recommender does in-process, and every
/// malformed option is status 1 naming it.
@Suite struct RecommendationQueryTests {
    let local: Recommender

    init() throws {
        local = Recommender(model: try PodsimModel(contentsOf: Repository.seedModel))
    }

    private func expectSame(_ hits: [EpisodeHit], _ matches: [EpisodeMatch], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(hits.map(\.id) == matches.map(\.id), sourceLocation: sourceLocation)
        #expect(hits.map(\.score) == matches.map(\.score), sourceLocation: sourceLocation)
    }

    @Test func rankingOptionsAnswerAsTheRecommenderDoes() async throws {
        try await TestServer.with { server in
            let client = server.client()
            let options = QueryOptions(
                excludeIDs: ["devops-paradox-341", "nope"], offset: 2, minScore: -1, maxPerShow: 3,
                recency: RecencyOption(halfLifeDays: 60, weight: 0.5))
            let ranking = RankingOptions(
                excludeIDs: ["devops-paradox-341", "nope"], offset: 2, minScore: -1, maxPerShow: 3,
                recency: .init(halfLifeDays: 60, weight: 0.5))
            expectSame(try await client.similar("devops-paradox-333", k: 4, options: options),
                       try local.similar(to: "devops-paradox-333", k: 4, ranking: ranking))
            expectSame(try await client.search("kubernetes", k: 4, options: options), try local.search("kubernetes", k: 4, ranking: ranking))
            // Pages over the wire agree with one larger query.
            let whole = try await client.search("ai agents", k: 8)
            let second = try await client.search("ai agents", k: 4, options: QueryOptions(offset: 4))
            #expect(second == Array(whole.dropFirst(4)))
            await client.close()
        }
    }

    @Test func recommendSimilarShowsAndGuestAnswerAsTheRecommenderDoes() async throws {
        try await TestServer.with { server in
            let client = server.client()
            let like = ["devops-paradox-329", "platform-engineering-podcast-2025-05-28"]
            let hits = try await client.recommend(like: like, unlike: ["devops-paradox-333"], text: "agents", k: 6,
                                                  options: QueryOptions(maxPerShow: 4))
            expectSame(hits, try local.recommend(like: like, unlike: ["devops-paradox-333"], text: "agents", k: 6,
                                                 ranking: RankingOptions(maxPerShow: 4)))
            #expect(hits.count == 6 && !hits.contains { like.contains($0.id) || $0.id == "devops-paradox-333" })
            let otherShows = try await client.recommend(like: ["devops-paradox-329"], k: 5, excludeLikedShows: true)
            #expect(!otherShows.isEmpty && otherShows.allSatisfy { $0.show != "DevOps Paradox" })

            let shows = try await client.similarShows("Platform Engineering Podcast", k: 3)
            let expected = try local.similarShows(to: "Platform Engineering Podcast", k: 3)
            #expect(shows.map(\.show) == expected.map(\.show) && shows.map(\.score) == expected.map(\.score))
            #expect(shows.map(\.episodeIDs) == expected.map(\.evidence) && shows.map { Int($0.episodes) } == expected.map(\.episodes))

            let guest = try await client.guest("dr.  PETE hunt")
            let profile = try local.guestProfile("Pete Hunt")
            #expect(guest.name == "Pete Hunt" && guest.shows == profile.shows && guest.topTerms == profile.topTerms)
            #expect(guest.episodeIDs == profile.episodes.map(\.id))
            await client.close()
        }
    }

    @Test func unknownIdsShowsAndGuestsAreStatusTwoNamingThem() async throws {
        try await TestServer.with { server in
            let client = server.client()
            await expectStatus(.notFound, "like_ids: unknown episode id 'devops-paradox-3411' (did you mean 'devops-paradox-341'?)") {
                _ = try await client.recommend(like: ["devops-paradox-333", "devops-paradox-3411"], k: 3)
            }
            await expectStatus(.notFound, "unlike_ids: unknown episode id 'zzz'") {
                _ = try await client.recommend(like: ["devops-paradox-333"], unlike: ["zzz"], k: 3)
            }
            await expectStatus(.notFound, "unknown show 'devops paradoxx' (did you mean 'DevOps Paradox'?)") {
                _ = try await client.similarShows("devops paradoxx")
            }
            await expectStatus(.notFound, "unknown guest 'Pete Hant' (did you mean 'Pete Hunt'?)") {
                _ = try await client.guest("Pete Hant")
            }
            await expectStatus(.badRequest, "RECOMMEND: like_ids is empty and text is empty; give at least one liked id or a text") {
                _ = try await client.recommend(like: [], unlike: ["devops-paradox-333"], k: 3)
            }
            try await client.ping()
            await client.close()
        }
    }

    /// Show vectors and publication ages belong to the model value: after an ADD the new show is
    /// known to SIMILAR_SHOWS, the new guest to GUEST, and recency counts from the new newest date.
    @Test func derivedTablesFollowTheModelAfterAnAdd() async throws {
        let directory = try TemporaryDirectory()
        let model = try directory.seedModelCopy()
        try await TestServer.with(model: model) { server in
            let client = server.client()
            await expectStatus(.notFound, "unknown show 'Client Show'") { _ = try await client.similarShows("Client Show") }
            let line = #"{"id":"client-added-1","show":"Client Show","title":"Kubernetes platform teams and vibe coding","#
                + #""published":"2026-01-15","description":"Platform engineering, Kubernetes and AI-assisted coding.","#
                + #""guests":["Grace Hopper"]}"#
            _ = try await client.add(jsonl: line + "\n")
            let shows = try await client.similarShows("Client Show", k: 5)
            #expect(shows.count == 2 && Set(shows.map(\.show)) == ["DevOps Paradox", "Platform Engineering Podcast"])
            let back = try await client.similarShows("DevOps Paradox", k: 5)
            #expect(back.contains { $0.show == "Client Show" && $0.episodes == 1 && $0.episodeIDs == ["client-added-1"] })
            #expect(try await client.guest("grace hopper").episodeIDs == ["client-added-1"])
            // The newest date is now 2026-01-15: with pure decay the new episode (age 0) keeps its
            // cosine, every other dated one loses at least half of it (months older, half-life 30).
            let recent = try await client.search("kubernetes platform", k: 30, options: QueryOptions(
                recency: RecencyOption(halfLifeDays: 30, weight: 1)))
            let plain = try await client.search("kubernetes platform", k: 31)
            let added = try #require(recent.first { $0.id == "client-added-1" })
            #expect(added.score == plain.first { $0.id == "client-added-1" }?.score)
            #expect(recent.first?.id == "client-added-1")
            await client.close()
        }
    }

    /// Each malformed option the client can express, over the wire: status 1 naming the option,
    /// and the connection stays usable.
    @Test(arguments: [
        (QueryOptions(excludeIDs: []), "option exclude_ids"),
        (QueryOptions(offset: 10_001), "option offset"),
        (QueryOptions(minScore: .nan), "option min_score"),
        (QueryOptions(minScore: -1.5), "option min_score"),
        (QueryOptions(maxPerShow: 0), "option max_per_show"),
        (QueryOptions(recency: RecencyOption(halfLifeDays: 0, weight: 0.5)), "option recency"),
        (QueryOptions(recency: RecencyOption(halfLifeDays: .infinity, weight: 0.5)), "option recency"),
        (QueryOptions(recency: RecencyOption(halfLifeDays: 30, weight: .nan)), "option recency"),
    ])
    func malformedOptionsAreStatusOne(options: QueryOptions, named: String) async throws {
        try await TestServer.with { server in
            let client = server.client()
            for call in ["SIMILAR", "SEARCH", "RECOMMEND"] {
                do {
                    switch call {
                    case "SIMILAR": _ = try await client.similar("devops-paradox-333", k: 3, options: options)
                    case "SEARCH": _ = try await client.search("dns", k: 3, options: options)
                    default: _ = try await client.recommend(like: ["devops-paradox-333"], k: 3, options: options)
                    }
                    Issue.record("\(call) accepted \(options)")
                } catch let error as PodsimClientError {
                    #expect(error.status == .badRequest && error.message.hasPrefix("\(call) \(named): "), "\(error)")
                }
            }
            try await client.ping()
            await client.close()
        }
    }

    private func expectStatus(
        _ status: Status, _ message: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> Void
    ) async {
        do {
            try await body()
            Issue.record("no error; expected \(status)", sourceLocation: sourceLocation)
        } catch let error as PodsimClientError {
            #expect(error.status == status && error.message == message, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(error); expected \(status)", sourceLocation: sourceLocation)
        }
    }
}

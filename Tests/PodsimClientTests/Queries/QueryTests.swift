import Foundation
import PodsimClient
import PodsimCore
import Testing

/// Every opcode through the client against a real server on the seed model, checked against the
/// recommender answering the same question in-process.
@Suite struct QueryTests {
    let local: Recommender

    init() throws {
        local = Recommender(model: try PodsimModel(contentsOf: Repository.seedModel))
    }

    private func expectSame(_ hits: [EpisodeHit], _ matches: [EpisodeMatch]) {
        #expect(hits.map(\.id) == matches.map(\.id))
        #expect(hits.map(\.score) == matches.map(\.score))
        #expect(hits.map(\.show) == matches.map(\.show) && hits.map(\.title) == matches.map(\.title))
    }

    private func expectSame(_ hits: [GuestHit], _ matches: [GuestMatch]) {
        #expect(hits.map(\.name) == matches.map(\.name))
        #expect(hits.map(\.score) == matches.map(\.score))
        #expect(hits.map(\.episodeIDs) == matches.map(\.episodes))
    }

    @Test func coreOpcodesAnswerAsTheRecommenderDoes() async throws {
        try await TestServer.with { server in
            let client = server.client()
            try await client.ping()
            let info = try await client.info()
            #expect(info.modelID == local.model.info.modelID && info.serverVersion == "podsim \(PodsimVersion.current)")
            #expect(info.episodes == 30 && info.dimensions == 24)
            #expect(Int(info.guests) == local.model.info.guests && Int(info.terms) == local.model.info.terms)

            let similar = try await client.similar("devops-paradox-333", k: 5)
            expectSame(similar, try local.similar(to: "devops-paradox-333", k: 5))
            #expect(similar.first?.id == "platform-engineering-podcast-2025-07-30")
            #expect(!similar.contains { $0.id == "devops-paradox-333" })
            let otherShows = try await client.similar("devops-paradox-333", k: 20, excludeSameShow: true)
            expectSame(otherShows, try local.similar(to: "devops-paradox-333", k: 20, excludeSameShow: true))
            #expect(!otherShows.isEmpty && otherShows.allSatisfy { $0.show != "DevOps Paradox" })

            let search = try await client.search("DNS and email deliverability", k: 3)
            expectSame(search, try local.search("DNS and email deliverability", k: 3))
            #expect(search.first?.id == "devops-paradox-339")
            #expect(try await client.search("zzyzx qwxv", k: 3).isEmpty)

            let guests = try await client.guests(topic: "feature flags experimentation", k: 3)
            expectSame(guests, try local.guests(topic: "feature flags experimentation", k: 3))
            #expect(guests.first?.name == "Trevor Stuart" && guests.first?.episodeIDs == ["devops-paradox-341"])

            let episode = try await client.episode("platform-engineering-podcast-2025-07-30")
            let expected = try local.episode("platform-engineering-podcast-2025-07-30")
            #expect(episode.id == expected.id && episode.show == expected.show && episode.title == expected.title)
            #expect(episode.published == "2025-07-30" && episode.guests == ["Pete Hunt"])
            #expect(episode.description == expected.description)
            #expect(try await client.episode("devops-paradox-333").published == "", "unknown dates are empty")
            await client.close()
        }
    }

    @Test func additionsAnswerAsTheRecommenderDoes() async throws {
        try await TestServer.with { server in
            let client = server.client()
            let terms = try await client.explain("devops-paradox-333", "platform-engineering-podcast-2025-07-30", k: 5)
            let explanation = try local.explain("devops-paradox-333", "platform-engineering-podcast-2025-07-30", k: 5)
            #expect(terms.map(\.term) == explanation.terms.map(\.term) && terms.map(\.contribution) == explanation.terms.map(\.contribution))
            #expect(terms.contains { $0.term == "dagster" })

            let alike = try await client.guestsLike("Trevor Stuart", k: 3)
            expectSame(alike, try local.guestsLike("Trevor Stuart", k: 3))
            #expect(!alike.contains { $0.name == "Trevor Stuart" })

            let reloaded = try await client.reload()
            #expect(reloaded.modelID == local.model.info.modelID && reloaded.episodes == 30)

            let stats = try await client.stats()
            #expect(stats.modelID == local.model.info.modelID && stats.openConnections == 1 && stats.connectionsAccepted == 1)
            let counts = Dictionary(uniqueKeysWithValues: stats.requests.map { ($0.opcode, $0.count) })
            #expect(counts[.explain] == 1 && counts[.guestsLike] == 1 && counts[.reload] == 1 && counts[.stats] == 1)
            #expect(stats.answers.first { $0.status == .ok }?.count == 3, "STATS counts answers sent before it")
            await client.close()
        }
    }

    @Test func queryOptionsFilterAndDiversify() async throws {
        try await TestServer.with { server in
            let client = server.client()
            let shows = try await client.search("platform engineering", k: 30, options: QueryOptions(shows: ["DevOps Paradox"]))
            #expect(!shows.isEmpty && shows.allSatisfy { $0.show == "DevOps Paradox" })
            let dated = QueryOptions(publishedFrom: PublishedDate("2025-04-01"), publishedTo: PublishedDate("2025-06-30"))
            let inSpring = try await client.similar("platform-engineering-podcast-2025-07-30", k: 30, options: dated)
            expectSame(inSpring, try local.similar(
                to: "platform-engineering-podcast-2025-07-30", k: 30,
                filter: EpisodeFilter(publishedFrom: "2025-04-01", publishedTo: "2025-06-30")))
            #expect(Set(inSpring.map(\.id)) == [
                "platform-engineering-podcast-2025-04-02", "platform-engineering-podcast-2025-04-16",
                "platform-engineering-podcast-2025-04-30", "platform-engineering-podcast-2025-05-28",
            ])
            // The wire diversity means what the recommender's does: 0 is the plain ranking.
            let plain = try await client.similar("devops-paradox-333", k: 8)
            #expect(try await client.similar("devops-paradox-333", k: 8, options: QueryOptions(diversity: 0)) == plain)
            let varied = try await client.similar("devops-paradox-333", k: 8, options: QueryOptions(diversity: 0.7))
            expectSame(varied, try local.similar(to: "devops-paradox-333", k: 8, diversity: 0.7))
            #expect(varied.map(\.id) != plain.map(\.id), "diversity must change the seed answer for this test to mean anything")
            await client.close()
        }
    }

    @Test func addFoldsEpisodesIntoTheServedModelAndItsFile() async throws {
        let directory = try TemporaryDirectory()
        let model = try directory.seedModelCopy()
        try await TestServer.with(model: model) { server in
            let client = server.client()
            let line = #"{"id":"client-added-1","show":"Client Show","title":"DNS resolvers and email deliverability","#
                + #""published":"2025-09-01","description":"DNS records, resolvers and email deliverability for operators.","#
                + #""guests":["Ada Lovelace"]}"#
            let result = try await client.add(jsonl: line + "\n")
            #expect(result.added == 1 && result.episodesTotal == 31)
            #expect((0...1).contains(result.unknownTermShare))
            let added = try await client.episode("client-added-1")
            #expect(added.show == "Client Show" && added.guests == ["Ada Lovelace"] && added.published == "2025-09-01")
            #expect(try await client.search("email deliverability DNS", k: 2).map(\.id).contains("client-added-1"))
            #expect(try await client.info().episodes == 31)
            await client.close()
        }
        #expect(try PodsimModel(contentsOf: model).info.episodes == 31, "ADD rewrites the served file")
        #expect(try PodsimModel(contentsOf: Repository.seedModel).info.episodes == 30)
    }
}

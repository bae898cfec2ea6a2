import Foundation
import PodsimClient
import PodsimCore
import PodsimTestSupport
import Testing

/// GUESTS and GUESTS_LIKE with options through the client against a real server on the seed
/// model: the same answers as the recommender in process, the options meaning what they say,
/// malformed options refused by name, and ADD changing who is a guest of which show.
@Suite struct GuestOptionsQueryTests {
    let local: Recommender

    init() throws {
        local = Recommender(model: try PodsimModel(contentsOf: Repository.seedModel))
    }

    private func expectSame(_ hits: [GuestHit], _ matches: [GuestMatch], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(hits.map { GuestMatch(name: $0.name, score: $0.score, episodes: $0.episodeIDs) } == matches, sourceLocation: sourceLocation)
    }

    @Test func optionsMeanWhatTheySay() async throws {
        try await TestServer.with { server in
            let client = server.client()
            let topic = "data orchestration platform engineering"
            let everyone = try await client.guests(topic: topic, k: 20)
            #expect(everyone.count >= 5)

            let notOn = try await client.guests(topic: topic, k: 20, options: GuestsOptions(notOnShows: ["DevOps Paradox"]))
            expectSame(notOn, try local.guests(topic: topic, k: 20, options: GuestOptions(notOnShows: ["DevOps Paradox"])))
            #expect(!notOn.isEmpty && notOn.count < everyone.count)
            for hit in notOn { #expect(try !local.guestProfile(hit.name).shows.contains("DevOps Paradox"), "\(hit.name)") }
            // Everyone left out was on the show; everyone kept keeps their place.
            for hit in everyone where !notOn.contains(where: { $0.name == hit.name }) {
                #expect(try local.guestProfile(hit.name).shows.contains("DevOps Paradox"), "\(hit.name)")
            }
            #expect(notOn.map(\.name) == everyone.map(\.name).filter { name in notOn.contains { $0.name == name } })

            let first = try #require(everyone.first)
            let spelled = "Dr.  " + first.name.uppercased()
            let without = try await client.guests(topic: topic, k: 20, options: GuestsOptions(excludeGuests: [spelled, "Nobody Known"]))
            #expect(without.map(\.name) == Array(everyone.dropFirst()).map(\.name))

            let show = "Platform Engineering Podcast"
            let evidence = try await client.guests(
                topic: topic, k: 20, options: GuestsOptions(shows: [show], publishedFrom: PublishedDate("2025-05-01")))
            expectSame(evidence, try local.guests(
                topic: topic, k: 20, options: GuestOptions(evidence: EpisodeFilter(shows: [show], publishedFrom: "2025-05-01"))))
            #expect(!evidence.isEmpty)
            for id in evidence.flatMap(\.episodeIDs) {
                let episode = try local.episode(id)
                #expect(episode.show == show && episode.published! >= "2025-05-01", "\(id)")
            }

            let like = try await client.guestsLike("pete hunt", k: 10, options: GuestsOptions(notOnShows: ["Platform Engineering Podcast"]))
            expectSame(like, try local.guestsLike("pete hunt", k: 10, options: GuestOptions(notOnShows: ["Platform Engineering Podcast"])))
            #expect(!like.isEmpty)
            await client.close()
        }
    }

    @Test func malformedOptionsAreStatusOneNamingTheOption() async throws {
        try await TestServer.with { server in
            let client = server.client()
            for (options, message) in [
                (GuestsOptions(notOnShows: []), "GUESTS option not_on_shows: not_on_shows lists no show; leave the option out instead"),
                (GuestsOptions(excludeGuests: []), "GUESTS option exclude_guests: exclude_guests lists no guest; leave the option out instead"),
                (GuestsOptions(publishedFrom: PublishedDate("2025-02-01"), publishedTo: PublishedDate("2025-01-01")),
                 "GUESTS: published_from 2025-02-01 is after published_to 2025-01-01"),
            ] {
                let error = await clientError { try await client.guests(topic: "dns", k: 3, options: options) }
                #expect(error?.status == .badRequest && error?.message == message, "\(options): \(String(describing: error))")
            }
            // The connection stays usable.
            let after = try await client.guests(topic: "dns", k: 1)
            #expect(after.count == 1)
            await client.close()
        }
    }

    @Test func addChangesWhoWasOnWhichShow() async throws {
        let directory = try TemporaryDirectory()
        let model = try directory.seedModelCopy()
        try await TestServer.with(model: model) { server in
            let client = server.client()
            let topic = "DNS resolvers email deliverability"
            let line = #"{"id":"guest-added-1","show":"Client Show","title":"DNS resolvers and email deliverability","#
                + #""published":"2025-09-01","description":"DNS records, resolvers and email deliverability for operators.","#
                + #""guests":["Grace Newcomer"]}"#
            #expect(try await !client.guests(topic: topic, k: 30).contains { $0.name == "Grace Newcomer" })
            _ = try await client.add(jsonl: line + "\n")
            let after = try await client.guests(topic: topic, k: 30)
            #expect(after.first { $0.name == "Grace Newcomer" }?.episodeIDs == ["guest-added-1"])
            let notOn = try await client.guests(topic: topic, k: 30, options: GuestsOptions(notOnShows: ["Client Show"]))
            #expect(!notOn.contains { $0.name == "Grace Newcomer" })
            #expect(notOn.map(\.name) == after.map(\.name).filter { $0 != "Grace Newcomer" })
            let excluded = try await client.guests(topic: topic, k: 30, options: GuestsOptions(excludeGuests: ["grace NEWCOMER"]))
            #expect(excluded.map(\.name) == notOn.map(\.name))
            await client.close()
        }
    }
}

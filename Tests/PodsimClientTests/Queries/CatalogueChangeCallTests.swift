import Foundation
import PodsimClient
import PodsimCore
import Testing

/// `PodsimClient.delete` and `.upsert` against a real server on a copy of the seed model.
@Suite struct CatalogueChangeCallTests {
    static let line = #"{"id":"devops-paradox-339","show":"Client Show","title":"DNS resolvers and email deliverability","#
        + #""published":"2025-09-01","description":"DNS records, resolvers and email deliverability for operators.","#
        + #""guests":["Ada Lovelace"]}"#

    @Test func deleteRemovesEpisodesFromTheServedModelAndItsFile() async throws {
        let directory = try TemporaryDirectory()
        let model = try directory.seedModelCopy()
        try await TestServer.with(model: model) { server in
            let client = server.client()
            let result = try await client.delete(["devops-paradox-339", "platform-engineering-podcast-2025-07-30", "nope"])
            #expect(result == DeleteResult(deleted: 2, episodesTotal: 28))
            let gone = try #require(await clientError { try await client.episode("devops-paradox-339") })
            #expect(gone.status == .notFound)
            #expect(!(try await client.similar("devops-paradox-333", k: 30).map(\.id)).contains("platform-engineering-podcast-2025-07-30"))
            let info = try await client.info()
            #expect(info.episodes == 28 && info.guests == 17)
            await client.close()
        }
        #expect(try PodsimModel(contentsOf: model).info.deletedEpisodes == 2, "DELETE rewrites the served file")
    }

    @Test func upsertReplacesAnEpisodeAndABadLineChangesNothing() async throws {
        let directory = try TemporaryDirectory()
        let model = try directory.seedModelCopy()
        try await TestServer.with(model: model) { server in
            let client = server.client()
            let refused = try #require(await clientError { try await client.upsert(jsonl: Self.line + "\n{\"id\": \n") })
            #expect(refused.status == .badRequest && refused.message.contains("line 2") && refused.opcode == .upsert)
            #expect(try await client.episode("devops-paradox-339").show == "DevOps Paradox", "a refused UPSERT changes nothing")
            let result = try await client.upsert(jsonl: Self.line + "\n")
            #expect(result.added == 1 && result.episodesTotal == 30 && !result.refitDue)
            let replaced = try await client.episode("devops-paradox-339")
            #expect(replaced.show == "Client Show" && replaced.guests == ["Ada Lovelace"] && replaced.published == "2025-09-01")
            #expect(try await client.search("email deliverability DNS", k: 1).map(\.id) == ["devops-paradox-339"])
            await client.close()
        }
        #expect(try PodsimModel(contentsOf: model).info.replacedEpisodes == 1)
    }

    @Test func withoutTheTokenBothAreUnauthorized() async throws {
        let directory = try TemporaryDirectory()
        let model = try directory.seedModelCopy()
        let before = try Data(contentsOf: URL(fileURLWithPath: model))
        try await TestServer.with(model: model, TestServer.configuration { $0.authToken = "s3cret" }) { server in
            let anonymous = server.client()
            #expect(await clientError { try await anonymous.delete(["devops-paradox-339"]) }?.status == .unauthorized)
            #expect(await clientError { try await anonymous.upsert(jsonl: Self.line) }?.status == .unauthorized)
            await anonymous.close()
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == before)
    }
}

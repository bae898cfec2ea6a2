import Foundation
import PodsimClient
import Testing

/// Each error status a real server sends, surfaced as a typed `PodsimClientError` carrying the
/// status and the server's message; the connection stays usable where the protocol says so.
@Suite struct ErrorStatusTests {
    @Test func unknownIdsAndNamesAreNotFoundWithTheServersSuggestion() async throws {
        try await TestServer.with { server in
            let client = server.client()
            let similar = try #require(await clientError { try await client.similar("devops-paradox-3411") })
            #expect(similar.code == .server && similar.status == .notFound && similar.opcode == .similar)
            #expect(similar.message.contains("unknown episode id 'devops-paradox-3411' (did you mean 'devops-paradox-341'?)"))
            #expect(similar.description.hasPrefix("NOT_FOUND (2): "))
            #expect(await clientError { try await client.episode("nope") }?.status == .notFound)
            #expect(await clientError { try await client.explain("devops-paradox-333", "nope") }?.status == .notFound)
            #expect(await clientError { try await client.guestsLike("Nobody Known Here") }?.status == .notFound)
            // NOT_FOUND leaves the connection open: the same connection answers on.
            try await client.ping()
            #expect(try await client.stats().connectionsAccepted == 1)
            await client.close()
        }
    }

    @Test func malformedRequestsAreBadRequestsNamingTheField() async throws {
        try await TestServer.with { server in
            let client = server.client()
            let zero = try #require(await clientError { try await client.similar("devops-paradox-333", k: 0) })
            #expect(zero.status == .badRequest && zero.message.contains("k") && zero.message.contains("1000"))
            #expect(await clientError { try await client.search("dns", k: 1001) }?.status == .badRequest)
            let noShows = await clientError { try await client.search("dns", options: QueryOptions(shows: [])) }
            #expect(noShows?.status == .badRequest && noShows?.message.contains("shows") == true)
            let badLine = try #require(await clientError { try await client.add(jsonl: "{\"id\": \n") })
            #expect(badLine.status == .badRequest && badLine.message.contains("line 1"))
            #expect(try await client.info().episodes == 30, "a refused ADD adds nothing")
            #expect(try await client.stats().connectionsAccepted == 1)
            await client.close()
        }
    }

    @Test func whatCannotBeEncodedFailsBeforeAnythingIsSent() async throws {
        try await TestServer.with { server in
            let client = server.client(.init(maxFrameBytes: 1024))
            let bigK = try #require(await clientError { try await client.guests(topic: "dns", k: 70_000) })
            #expect(bigK.code == .invalidRequest && bigK.message.contains("70000"))
            let long = try #require(await clientError { try await client.search(String(repeating: "dns ", count: 400)) })
            #expect(long.code == .invalidRequest && long.message.contains("1024"))
            try await client.ping()
            let stats = try await client.stats()
            #expect(stats.connectionsAccepted == 1 && !stats.requests.contains { $0.opcode == .search || $0.opcode == .guests })
            await client.close()
        }
    }

    @Test func withoutTheTokenQueriesAreUnauthorizedAndAWrongTokenRefusesTheConnection() async throws {
        let configuration = TestServer.configuration { $0.authToken = "s3cret" }
        try await TestServer.with(configuration) { server in
            let anonymous = server.client()
            try await anonymous.ping()  // allowed before AUTH
            let refused = try #require(await clientError { try await anonymous.info() })
            #expect(refused.code == .server && refused.status == .unauthorized)
            // Present the token on this connection by hand: the same connection then answers.
            _ = try await anonymous.send(.auth(token: "s3cret"))
            #expect(try await anonymous.info().episodes == 30)
            await anonymous.close()

            let wrong = server.client(.init(authToken: "guess"))
            let denied = try #require(await clientError { try await wrong.info() })
            #expect(denied.code == .connectionFailed && denied.status == .unauthorized)
            #expect(denied.message.contains("refused the AUTH token"))
            await wrong.close()

            let right = server.client(.init(authToken: "s3cret"))
            #expect(try await right.info().episodes == 30)
            await right.close()
        }
    }

    @Test func aReloadOfADamagedFileIsModelRejectedAndTheOldModelServesOn() async throws {
        let directory = try TemporaryDirectory()
        let model = try directory.seedModelCopy()
        try await TestServer.with(model: model) { server in
            let client = server.client()
            let before = try await client.info()
            var bytes = try Data(contentsOf: URL(fileURLWithPath: model))
            bytes.removeLast(1000)
            try bytes.write(to: URL(fileURLWithPath: model))
            let rejected = try #require(await clientError { try await client.reload() })
            #expect(rejected.code == .server && rejected.status == .modelRejected && rejected.message.contains("truncated"))
            #expect(try await client.info() == before)
            await client.close()
        }
    }

    @Test func aFrameAboveTheServersLimitIsFrameTooLargeAndTheNextCallReconnects() async throws {
        let configuration = TestServer.configuration { $0.limits.maxFrameBytes = 4096 }
        try await TestServer.with(configuration) { server in
            let client = server.client()  // the client's own limit is the default 1 MiB
            try await client.ping()
            let tooLarge = try #require(await clientError { try await client.add(jsonl: String(repeating: "x", count: 10_000)) })
            #expect(tooLarge.code == .server && tooLarge.status == .frameTooLarge && tooLarge.opcode == .add)
            #expect(tooLarge.message.contains("4096"))
            // The server closed that connection; the next call opens another.
            #expect(try await client.info().episodes == 30)
            #expect(try await client.stats().connectionsAccepted == 2)
            await client.close()
        }
    }

    /// The server's configured max k is the only limit: the core sets none of its own.
    @Test func aMaxKAboveTheDefaultIsHonouredEndToEnd() async throws {
        let configuration = TestServer.configuration { $0.limits.maxK = 5000 }
        try await TestServer.with(configuration) { server in
            let client = server.client()
            let hits = try await client.similar("devops-paradox-333", k: 2000)
            #expect(hits.count == 29, "every other episode of the seed model")
            let guests = try await client.guests(topic: "kubernetes", k: 4000)
            #expect(!guests.isEmpty)
            let above = try #require(await clientError { try await client.similar("devops-paradox-333", k: 5001) })
            #expect(above.code == .server && above.status == .badRequest && above.message.contains("5000"), "\(above)")
            await client.close()
        }
    }

    @Test func aConnectionOverTheServersLimitIsRefusedAsBusy() async throws {
        let configuration = TestServer.configuration { $0.maxConnections = 1 }
        try await TestServer.with(configuration) { server in
            let first = server.client()
            try await first.ping()
            let second = server.client()
            let busy = try #require(await clientError { try await second.ping() })
            #expect(busy.code == .server && busy.status == .busy, "\(busy): BUSY, whether or not PING was written before the refusal arrived")
            await first.close()
            await second.close()
        }
    }
}

import NIOCore
import PodsimProtocol
import Testing
@testable import PodsimServer

/// Every opcode over a real socket, answered with status 0: the answer must be what the model
/// (or the server's own state) says, byte for byte through the codec.
@Suite("Every opcode over the wire")
struct WireOpcodeTests {
    @Test("PING with request id 7 is answered with exactly the contract's bytes")
    func pingBytes() async throws {
        try await withServer { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send(raw: [0x00, 0x00, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07])
            _ = try await client.next()
            #expect(try await client.receivedBytes() == [0x00, 0x00, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07])
            await client.close()
        }
    }

    @Test("the core queries return the model's answers")
    func coreQueries() async throws {
        try await withServer { _, port in
            let model = TestModel(modelID: "m1")
            let client = try await TestClient.connect(port: port)
            let requests: [PodsimRequest] = [
                .similar(SimilarRequest(episodeID: "ep-3", k: 7, flags: .init(rawValue: 1))),
                .search(SearchRequest(text: "rust async", k: 4)),
                .guests(GuestsRequest(topic: "climate", k: 2)),
                .episode(id: "ep-2"),
                .explain(ExplainRequest(episodeA: "ep-1", episodeB: "ep-2", k: 3)),
                .guestsLike(GuestsLikeRequest(guestName: "Ada", k: 4)),
            ]
            for (index, request) in requests.enumerated() {
                let response = try await client.call(request, id: UInt32(100 + index))
                #expect(response == model.answer(request), "\(request.opcode)")
            }
            // Not only equal to the model: SIMILAR really returns k hits about the asked episode.
            guard case .similar(let hits) = try await client.call(requests[0]) else { Issue.record("not SIMILAR"); return }
            #expect(hits.count == 7 && hits.allSatisfy { $0.id.hasPrefix("ep-3/") })
            await client.close()
        }
    }

    @Test("INFO reports the configured server version and the model's summary")
    func info() async throws {
        try await withServer { _, port in
            let client = try await TestClient.connect(port: port)
            let expected = ServerInfo(serverVersion: "podsim test", modelID: "m1", episodes: 20, guests: 3, terms: 120, dimensions: 8)
            #expect(try await client.call(.info) == .info(expected))
            await client.close()
        }
    }

    @Test("RELOAD serves the next model; AUTH without a token is OK; ADD folds episodes in")
    func administration() async throws {
        try await withServer { _, port in
            let client = try await TestClient.connect(port: port)
            #expect(try await client.call(.reload, id: 11) == .reloaded(ReloadResult(modelID: "m2", episodes: 20)))
            #expect(try await client.call(.auth(token: "anything"), id: 13) == .authenticated)
            let added = try await client.call(.add(jsonl: "{\"id\":\"new-1\"}\n{\"id\":\"new-2\"}\n"), id: 14)
            #expect(added == .added(AddResult(added: 2, episodesTotal: 22, unknownTermShare: 0.25, refitDue: false)))
            guard case .info(let info) = try await client.call(.info) else { Issue.record("not INFO"); return }
            #expect(info.modelID == "m2+2" && info.episodes == 22)
            await client.close()
        }
    }

    @Test("ADD then SIMILAR on the new episode, pipelined: the SIMILAR sees the ADD")
    func addThenQueryPipelined() async throws {
        try await withServer { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send([
                PodsimRequest.add(jsonl: "{\"id\":\"fresh\"}").frame(requestID: 1),
                PodsimRequest.similar(SimilarRequest(episodeID: "fresh", k: 2)).frame(requestID: 2),
                PodsimRequest.episode(id: "fresh").frame(requestID: 3),
            ])
            let answers = [try await client.next(), try await client.next(), try await client.next()]
            #expect(answers.map(\.requestID) == [1, 2, 3])
            #expect(answers.map(\.status) == [.ok, .ok, .ok])
            await client.close()
        }
    }

    @Test("STATS counts requests per opcode, answers per status, latency and connections")
    func stats() async throws {
        try await withServer { _, port in
            let client = try await TestClient.connect(port: port)
            for id in 1...3 { _ = try await client.call(.ping, id: UInt32(id)) }
            #expect(try await client.call(.episode(id: "nope"), id: 4) == .failure(ErrorResponse(status: .notFound, message: "no episode nope")))
            guard case .stats(let stats) = try await client.call(.stats, id: 5) else { Issue.record("not STATS"); return }
            #expect(stats.modelID == "m1")
            #expect(stats.openConnections == 1 && stats.connectionsAccepted == 1)
            #expect(stats.requests == [OpcodeCount(opcode: .ping, count: 3), OpcodeCount(opcode: .episode, count: 1),
                                       OpcodeCount(opcode: .stats, count: 1)])
            #expect(stats.answers == [StatusCount(status: .ok, count: 3), StatusCount(status: .notFound, count: 1)])
            #expect(stats.latency.count == 4)
            #expect(stats.latency.p50Microseconds <= stats.latency.p99Microseconds)
            #expect(stats.latency.p99Microseconds <= stats.latency.maxMicroseconds)
            #expect(stats.latency.maxMicroseconds < 5_000_000)
            await client.close()
        }
    }

    @Test("queries above the offload threshold run on a worker thread, cheaper ones on the event loop")
    func offload() async throws {
        for (cost, inline) in [(10, true), (5_000, false)] {
            let probe = Probe()
            let source = TestSource { id in
                var model = TestModel(modelID: id)
                model.queryCost = cost
                model.probe = probe
                return model
            }
            try await withServer({ $0.offloadThreshold = 1_000 }, source: source) { _, port in
                let client = try await TestClient.connect(port: port)
                _ = try await client.call(.similar(SimilarRequest(episodeID: "ep-1", k: 1)))
                _ = try await client.call(.search(SearchRequest(text: "x", k: 1)))
                await client.close()
            }
            #expect(probe.ranOnEventLoop == [inline, inline], "cost \(cost)")
        }
    }
}

import NIOCore
import PodsimProtocol
import Testing
@testable import PodsimServer
import PodsimTestSupport

/// Every error status over a real socket, and what happens to the connection after it.
@Suite("Every error status over the wire")
struct WireErrorTests {
    /// The connection is still usable: a PING right after is answered.
    static func expectOpen(_ client: TestClient) async throws {
        #expect(try await client.call(.ping, id: 999) == .pong)
    }

    @Test("1 BAD_REQUEST (k = 0, bad UTF-8, leftover bytes, non-zero status) keeps the connection open")
    func badRequest() async throws {
        try await withServer { _, port in
            let client = try await TestClient.connect(port: port)
            let zeroK = try await client.call(.similar(SimilarRequest(episodeID: "ep-1", k: 0)), id: 19)
            guard case .failure(let failure) = zeroK else { Issue.record("k = 0 accepted"); return }
            #expect(failure.status == .badRequest && failure.message.contains("k"))
            // EPISODE whose id is the invalid UTF-8 byte 0xFF.
            try await client.send(raw: [0, 0, 0, 13, 1, 0x13, 0, 0, 0, 0, 0, 20, 0, 0, 0, 1, 0xFF])
            #expect(try await client.next().status == .badRequest)
            // PING with a stray byte after its (empty) body.
            try await client.send(raw: [0, 0, 0, 9, 1, 0x01, 0, 0, 0, 0, 0, 21, 0x00])
            #expect(try await client.next().status == .badRequest)
            // A request whose status field is not 0.
            try await client.send(raw: [0, 0, 0, 8, 1, 0x01, 0, 3, 0, 0, 0, 22])
            #expect(try await client.next().status == .badRequest)
            try await Self.expectOpen(client)
            await client.close()
        }
    }

    @Test("2 NOT_FOUND for unknown episodes and guests")
    func notFound() async throws {
        try await withServer { _, port in
            let client = try await TestClient.connect(port: port)
            for request in [PodsimRequest.similar(SimilarRequest(episodeID: "ep-404", k: 1)), .episode(id: "ep-404"),
                            .explain(ExplainRequest(episodeA: "ep-1", episodeB: "ep-404", k: 1)),
                            .guestsLike(GuestsLikeRequest(guestName: "Nobody", k: 1))] {
                guard case .failure(let failure) = try await client.call(request) else { Issue.record("\(request.opcode) found"); continue }
                #expect(failure.status == .notFound)
            }
            try await Self.expectOpen(client)
            await client.close()
        }
    }

    @Test("3 UNKNOWN_OPCODE echoes the opcode and keeps the connection open")
    func unknownOpcode() async throws {
        try await withServer { _, port in
            let client = try await TestClient.connect(port: port)
            for opcode: UInt8 in [0x7F, 0xF0, 0x00] {
                try await client.send([Frame(opcode: Opcode(rawValue: opcode), requestID: 15)])
                let answer = try await client.next()
                #expect(answer.status == .unknownOpcode && answer.opcode.rawValue == opcode && answer.requestID == 15)
            }
            try await Self.expectOpen(client)
            await client.close()
        }
    }

    @Test("4 and 5: a bad version or length is answered, then the connection closes", arguments: [
        // (bytes, status, opcode, request id) — a 4 GiB length, a length below 8, HTTP, version 2.
        ([0xFF, 0xFF, 0xFF, 0xFF, 1, 1, 0, 0, 0, 0, 0, 1] as [UInt8], Status.frameTooLarge, UInt8(0), UInt32(0)),
        ([0, 0, 0, 4, 1, 1, 0, 0], .frameTooLarge, 0, 0),
        (Array("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8), .frameTooLarge, 0, 0),
        ([0, 0, 0, 8, 2, 0x01, 0, 0, 0, 0, 0, 16], .unsupportedVersion, 0x01, 16),
    ])
    func fatalFrames(bytes: [UInt8], status: Status, opcode: UInt8, requestID: UInt32) async throws {
        try await withServer { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send(raw: bytes)
            let answer = try await client.next()
            #expect(answer.status == status && answer.opcode.rawValue == opcode && answer.requestID == requestID)
            #expect(answer.version == 1)
            if bytes.first == UInt8(ascii: "G") { #expect(answer.message?.contains("HTTP") == true) }
            try await client.waitForClose()
        }
    }

    @Test("after a bad frame: earlier requests are answered first, later ones never")
    func answersBeforeTheBadFrame() async throws {
        let source = TestSource.offloaded(delaySeconds: 0.05)  // its answer comes back late
        try await withServer({ $0.offloadThreshold = 1 }, source: source) { _, port in
            let client = try await TestClient.connect(port: port)
            var bytes = TestClient.bytes(of: [
                PodsimRequest.ping.frame(requestID: 1),
                PodsimRequest.similar(SimilarRequest(episodeID: "ep-1", k: 2)).frame(requestID: 2),
            ])
            bytes.writeBytes([0, 0, 0, 8, 9, 0x01, 0, 0, 0, 0, 0, 3])  // version 9
            var after = TestClient.bytes(of: [PodsimRequest.ping.frame(requestID: 4)])
            bytes.writeBuffer(&after)
            try await client.channel.writeAndFlush(bytes).get()
            let answers = [try await client.next(), try await client.next(), try await client.next()]
            #expect(answers.map(\.requestID) == [1, 2, 3])
            #expect(answers.map(\.status) == [.ok, .ok, .unsupportedVersion])
            try await client.waitForClose()
            await #expect(throws: TestClient.Failure.self) { try await client.next(timeout: .milliseconds(100)) }
        }
    }

    @Test("6 BUSY: a connection over the limit gets one BUSY frame and is closed; later ones get in again")
    func busy() async throws {
        try await withServer({ $0.maxConnections = 2 }) { server, port in
            let first = try await TestClient.connect(port: port)
            let second = try await TestClient.connect(port: port)
            try await Self.expectOpen(first)
            try await Self.expectOpen(second)
            let third = try await TestClient.connect(port: port)
            let refusal = try await third.next()
            #expect(refusal.status == .busy && refusal.opcode.rawValue == 0 && refusal.requestID == 0)
            try await third.waitForClose()
            #expect(server.gauges.openConnections == 2)
            await first.close()
            try await eventually("the server sees the first connection closed") { server.gauges.openConnections == 1 }
            let fourth = try await TestClient.connect(port: port)
            try await Self.expectOpen(fourth)
            try await Self.expectOpen(second)
            #expect(server.gauges.connectionsAccepted == 3)
            await second.close()
            await fourth.close()
        }
    }

    @Test("7 UNAUTHORIZED before AUTH; a wrong token is refused; the right one opens the connection")
    func unauthorized() async throws {
        try await withServer({ $0.authToken = "s3cret" }) { _, port in
            let client = try await TestClient.connect(port: port)
            let search = PodsimRequest.search(SearchRequest(text: "rust", k: 2))
            guard case .failure(let before) = try await client.call(search, id: 17) else { Issue.record("served before AUTH"); return }
            #expect(before.status == .unauthorized)
            try await Self.expectOpen(client)  // PING needs no AUTH
            guard case .failure(let wrong) = try await client.call(.auth(token: "guess"), id: 13) else { Issue.record("wrong token accepted"); return }
            #expect(wrong.status == .unauthorized && !wrong.message.contains("s3cret"))
            guard case .failure = try await client.call(search, id: 18) else { Issue.record("served after a wrong AUTH"); return }
            #expect(try await client.call(.auth(token: "s3cret"), id: 14) == .authenticated)
            #expect(try await client.call(search, id: 19) == TestModel(modelID: "m1").answer(search))
            guard case .stats(let stats) = try await client.call(.stats) else { Issue.record("no STATS"); return }
            #expect(!"\(stats)".contains("s3cret"))
            // Authentication belongs to the connection: a new one starts unauthenticated.
            let other = try await TestClient.connect(port: port)
            guard case .failure = try await other.call(search) else { Issue.record("second connection served"); return }
            await client.close()
            await other.close()
        }
    }

    @Test("8 INTERNAL when the model answers out of contract or the answer exceeds the max frame size")
    func internalFault() async throws {
        let source = TestSource { id in
            var model = TestModel(modelID: id)
            model.titleLength = 1_000
            return model
        }
        try await withServer({ $0.limits.maxFrameBytes = 16_384 }, source: source) { _, port in
            let client = try await TestClient.connect(port: port)
            guard case .failure(let wrongKind) = try await client.call(.search(SearchRequest(text: "fault", k: 1))) else {
                Issue.record("wrong-kind answer sent"); return
            }
            #expect(wrongKind.status == .internal)
            guard case .failure(let tooBig) = try await client.call(.similar(SimilarRequest(episodeID: "ep-1", k: 50))) else {
                Issue.record("oversize answer sent"); return
            }
            #expect(tooBig.status == .internal && tooBig.message.contains("16384"))
            try await Self.expectOpen(client)
            await client.close()
        }
    }

    @Test("9 MODEL_REJECTED: a failing RELOAD keeps the old model serving")
    func modelRejected() async throws {
        let source = TestSource()
        try await withServer(source: source) { server, port in
            let client = try await TestClient.connect(port: port)
            source.failLoads(with: "bad magic in episodes.podsim")
            #expect(try await client.call(.reload, id: 18) == .failure(ErrorResponse(status: .modelRejected, message: "bad magic in episodes.podsim")))
            guard case .info(let info) = try await client.call(.info) else { Issue.record("no INFO"); return }
            #expect(info.modelID == "m1")
            #expect(try await client.call(.episode(id: "ep-1")) == TestModel(modelID: "m1").answer(ModelQuery.episode(id: "ep-1")))
            if case .success = await server.reload() { Issue.record("reload() succeeded on a bad file") }
            source.failLoads(with: nil)
            #expect(try await client.call(.reload) == .reloaded(ReloadResult(modelID: "m2", episodes: 20)))
            await client.close()
        }
    }

    @Test("ADD with a bad line is status 1 naming the line, and nothing is added")
    func addRejected() async throws {
        try await withServer { _, port in
            let client = try await TestClient.connect(port: port)
            guard case .failure(let failure) = try await client.call(.add(jsonl: "{\"id\":\"a\"}\nnot json\n")) else {
                Issue.record("bad ADD accepted"); return
            }
            #expect(failure.status == .badRequest && failure.message.contains("line 2"))
            guard case .info(let info) = try await client.call(.info) else { Issue.record("no INFO"); return }
            #expect(info.episodes == 20 && info.modelID == "m1")
            await client.close()
        }
    }
}

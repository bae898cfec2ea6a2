import NIOConcurrencyHelpers
import NIOCore
import PodsimClient
import Testing
import PodsimTestSupport

/// The connection's life: pipelining, many clients, timeouts, cancellation, close, reconnects,
/// and what a misbehaving server (played by `ScriptedServer`) gets back.
@Suite struct ConnectionTests {
    /// The seed episodes' ids, in model order.
    private static let seedIDs = (322...341).map { "devops-paradox-\($0)" }

    @Test func manyConcurrentCallsShareOneConnectionAndEachGetsItsOwnAnswer() async throws {
        try await TestServer.with { server in
            let client = server.client()
            // The answer each episode must get, asked one at a time first.
            var expected: [String: [EpisodeHit]] = [:]
            for id in Self.seedIDs { expected[id] = try await client.similar(id, k: 3) }
            let rounds = 10
            let answers = try await withThrowingTaskGroup(of: (String, [EpisodeHit], EpisodeDetails).self) { group in
                for _ in 0..<rounds {
                    for id in Self.seedIDs {
                        group.addTask { (id, try await client.similar(id, k: 3), try await client.episode(id)) }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.count == rounds * Self.seedIDs.count)
            for (id, hits, details) in answers {
                #expect(hits == expected[id] && details.id == id)
            }
            let stats = try await client.stats()
            #expect(stats.connectionsAccepted == 1, "every call went over one connection")
            #expect(stats.requests.first { $0.opcode == .similar }?.count == UInt64((rounds + 1) * Self.seedIDs.count))
            await client.close()
        }
    }

    @Test func thirtyTwoClientsAtOnceEachGetTheirOwnAnswers() async throws {
        try await TestServer.with { server in
            let reference = server.client()
            let expected = try await reference.search("kubernetes platform", k: 5)
            let clients = (0..<32).map { _ in server.client() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, client) in clients.enumerated() {
                    let id = Self.seedIDs[index % Self.seedIDs.count]
                    group.addTask {
                        for _ in 0..<5 {
                            async let hits = client.search("kubernetes platform", k: 5)
                            async let details = client.episode(id)
                            let answers = try await (hits, details)
                            #expect(answers.0 == expected && answers.1.id == id)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await reference.stats().connectionsAccepted == 33)
            for client in clients { await client.close() }
            await reference.close()
        }
    }

    @Test func aServerThatNeverAnswersGivesATimeoutNotAHang() async throws {
        let silent = try await ScriptedServer.start { _, _ in .silence }
        let client = PodsimClient(host: "127.0.0.1", port: silent.port, configuration: .init(requestTimeout: .milliseconds(300)))
        let timedOut = try #require(await clientError { try await client.similar("devops-paradox-333") })
        #expect(timedOut.code == .timeout && timedOut.opcode == .similar)
        #expect(timedOut.message == "no answer to SIMILAR (0x10) from 127.0.0.1:\(silent.port) within 0.3 s")
        #expect(await clientError { try await client.ping() }?.code == .timeout)
        #expect(silent.connectionsAccepted == 1, "a timeout does not close the connection")
        await client.close()
        await silent.stop()
    }

    @Test func aLateAnswerToATimedOutCallIsDroppedAndTheConnectionAnswersOn() async throws {
        // The first PING is held until the second arrives; then its late answer goes out just
        // ahead of the second's, on the same connection. No clock decides the order.
        let held = NIOLockedValueBox<Frame?>(nil)
        let server = try await ScriptedServer.start { request, ordinal in
            guard ordinal > 1, let late = held.withLockedValue({ $0 }) else {
                held.withLockedValue { $0 = request }
                return .silence
            }
            return .bytes(ScriptedServer.bytes(PodsimResponse.pong.frame(answering: late), PodsimResponse.pong.frame(answering: request)))
        }
        // 3 s: the second PING must be answered within it even when the whole suite runs on a
        // loaded 2-core machine (the first one always waits it out: nothing answers it in time).
        let client = PodsimClient(host: "127.0.0.1", port: server.port, configuration: .init(requestTimeout: .seconds(3)))
        #expect(await clientError { try await client.ping() }?.code == .timeout)
        try await client.ping()
        #expect(server.requestsRead == 2 && server.connectionsAccepted == 1)
        await client.close()
        await server.stop()
    }

    @Test(arguments: [Status.unknownOpcode, .internal, Status(rawValue: 42), Status(rawValue: 0xFFFF)])
    func anyNonZeroStatusIsAnErrorCarryingStatusAndMessage(status: Status) async throws {
        let server = try await ScriptedServer.start { request, _ in
            .bytes(ScriptedServer.bytes(Frame.failure(
                status, message: "status \(status.rawValue) from the future", opcode: request.opcode, requestID: request.requestID)))
        }
        let client = PodsimClient(host: "127.0.0.1", port: server.port)
        for _ in 0..<2 {
            let error = try #require(await clientError { try await client.info() })
            #expect(error.code == .server && error.status == status && error.opcode == .info)
            #expect(error.message == "status \(status.rawValue) from the future")
        }
        #expect(server.connectionsAccepted == 1, "an unknown status leaves the connection open")
        await client.close()
        await server.stop()
    }

    @Test func unsupportedVersionFailsTheCallAndTheNextCallReconnects() async throws {
        let server = try await ScriptedServer.start { request, ordinal in
            let refusal = Frame.failure(
                .unsupportedVersion, message: "version 1 is too old", opcode: request.opcode, requestID: request.requestID)
            return ordinal == 1
                ? .bytesThenClose(ScriptedServer.bytes(refusal))
                : .bytes(ScriptedServer.bytes(PodsimResponse.pong.frame(answering: request)))
        }
        let client = PodsimClient(host: "127.0.0.1", port: server.port)
        let error = try #require(await clientError { try await client.ping() })
        #expect(error.code == .server && error.status == .unsupportedVersion)
        try await eventually("a PING is answered on a new connection") { await clientError { try await client.ping() } == nil }
        #expect(server.connectionsAccepted == 2)
        await client.close()
        await server.stop()
    }

    @Test func answersThatBreakTheProtocolCloseTheConnectionAndTheNextCallReconnects() async throws {
        let server = try await ScriptedServer.start { request, round in
            var wrong = PodsimResponse.pong.frame(answering: request)
            switch round {
            case 1: wrong.requestID &+= 1000  // an id nobody asked for
            case 2: wrong.opcode = .info  // the wrong opcode for PING
            case 3:  // a length above the client's max frame size
                var header = ByteBuffer()
                header.writeInteger(UInt32(2 << 20))
                return .bytes(header)
            default: return .bytes(ScriptedServer.bytes(wrong))
            }
            return .bytes(ScriptedServer.bytes(wrong))
        }
        let client = PodsimClient(host: "127.0.0.1", port: server.port)
        for round in 1...3 {
            let error = try #require(await clientError { try await client.ping() }, "round \(round)")
            #expect(error.code == .protocolViolation && error.message.contains("127.0.0.1:\(server.port)"), "round \(round): \(error)")
            // The client closes the broken connection; wait until it has, then the next call reconnects.
            try await eventually("the server read request \(round) on connection \(round)") {
                server.connectionsAccepted == round && server.requestsRead == round
            }
        }
        try await eventually("a PING is answered on a new connection") { await clientError { try await client.ping() } == nil }
        #expect(server.connectionsAccepted == 4)
        await client.close()
        await server.stop()
    }

    @Test func aReadOnlyCallWhoseConnectionClosesUnderItIsSentOnceMore() async throws {
        let server = try await ScriptedServer.start { request, ordinal in
            ordinal == 1 ? .bytesThenClose(ByteBuffer()) : .bytes(ScriptedServer.bytes(PodsimResponse.pong.frame(answering: request)))
        }
        let client = PodsimClient(host: "127.0.0.1", port: server.port)
        try await client.ping()
        #expect(server.requestsRead == 2 && server.connectionsAccepted == 2)
        await client.close()
        await server.stop()
    }

    @Test func anAddWhoseConnectionClosesUnderItIsNotSentAgain() async throws {
        let server = try await ScriptedServer.start { _, _ in .bytesThenClose(ByteBuffer()) }
        let client = PodsimClient(host: "127.0.0.1", port: server.port)
        let error = try #require(await clientError { try await client.add(jsonl: "{}\n") })
        #expect(error.code == .connectionClosed && error.opcode == .add)
        #expect(error.message.hasPrefix("the connection to 127.0.0.1:\(server.port) closed before ADD (0x33) was answered"))
        #expect(server.requestsRead == 1, "an ADD that may have reached the server must not run twice")
        await client.close()
        await server.stop()
    }

    @Test func aRefusedConnectionNamesTheAddress() async throws {
        let refusing = try RefusingPort()  // a stopped server's port could be handed to another test's
        let port = Int(refusing.port)
        let client = PodsimClient(host: "127.0.0.1", port: port)
        let error = try #require(await clientError { try await client.ping() })
        #expect(error.code == .connectionFailed)
        #expect(error.message == "cannot connect to podsim at 127.0.0.1:\(port): connection refused")
        await client.close()
        withExtendedLifetime(refusing) {}
    }

    @Test func aServerRestartOnTheSamePortIsReconnectedTo() async throws {
        let first = try await TestServer.start()
        let client = first.client()
        try await client.ping()
        await first.server.shutdown()
        #expect(await clientError { try await client.ping() }?.code.isOneOf(.connectionClosed, .connectionFailed) == true)
        let second = try await TestServer.start(TestServer.configuration(port: first.port))
        do {
            #expect(try await client.info().episodes == 30)
            #expect(try await client.stats().connectionsAccepted == 1, "a new connection to the new server")
        } catch {
            Issue.record("no reconnect after the restart: \(error)")
        }
        await client.close()
        await second.server.shutdown()
    }

    @Test func anIdleCloseByTheServerIsReconnectedWithAuth() async throws {
        let configuration = TestServer.configuration {
            $0.authToken = "s3cret"
            // Long enough that a reconnect and its AUTH, and calls a moment apart, are not cut in
            // between on a busy machine (1 s was, when the whole suite ran beside other builds).
            $0.idleTimeout = .seconds(3)
        }
        try await TestServer.with(configuration) { server in
            let client = server.client(.init(authToken: "s3cret"))
            #expect(try await client.info().episodes == 30)
            try await eventually("the server closed the idle connection") { server.server.gauges.openConnections == 0 }
            #expect(try await client.info().episodes == 30, "reconnected and authenticated again")
            #expect(try await client.stats().connectionsAccepted >= 2)
            await client.close()
        }
    }

    @Test func aCancelledCallReturnsAtOnce() async throws {
        let silent = try await ScriptedServer.start { _, _ in .silence }
        let client = PodsimClient(host: "127.0.0.1", port: silent.port, configuration: .init(requestTimeout: nil))
        let call = Task { await clientError { try await client.stats() } }
        try await eventually("the client connected") { silent.connectionsAccepted == 1 }
        call.cancel()
        #expect(await call.value?.code == .cancelled)
        await client.close()
        await silent.stop()
    }

    @Test func closeFailsCallsInFlightAndEveryLaterCall() async throws {
        let silent = try await ScriptedServer.start { _, _ in .silence }
        let client = PodsimClient(host: "127.0.0.1", port: silent.port, configuration: .init(requestTimeout: nil))
        let inFlight = Task { await clientError { try await client.search("dns") } }
        // The server has read the request, so it has passed the client's handler: it is in flight.
        try await eventually("the request reached the server") { silent.requestsRead == 1 }
        await client.close()
        let error = await inFlight.value
        #expect(error?.code == .clientClosed && error?.opcode == .search)
        #expect(await clientError { try await client.ping() }?.code == .clientClosed)
        await client.close()  // twice is fine
        await silent.stop()
    }
}

extension PodsimClientError.Code {
    func isOneOf(_ codes: PodsimClientError.Code...) -> Bool { codes.contains(self) }
}

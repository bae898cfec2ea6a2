import NIOCore
import PodsimProtocol
import Testing
@testable import PodsimServer
import PodsimTestSupport

/// Idle timeout, slowloris and backpressure, over real sockets.
@Suite("Connection limits")
struct LimitsTests {
    @Test("an idle connection is closed after the idle timeout; an active one is not")
    func idleTimeout() async throws {
        // 1.5 s rather than less: the active client must never go that long between pings, even
        // when a loaded 2-core CI machine delays it.
        try await withServer({ $0.idleTimeout = .milliseconds(1_500) }) { _, port in
            let clock = ContinuousClock()
            // Taken before connecting: on a loaded machine the test may resume long after the
            // server accepted, and the idle time counts from the accept.
            let start = clock.now
            let idle = try await TestClient.connect(port: port)
            let active = try await TestClient.connect(port: port)
            // The active client asks something every 100 ms for 3 s: two idle timeouts' worth.
            let pinger = Task {
                for id in 0..<30 {
                    #expect(try await active.call(.ping, id: UInt32(id)) == .pong)
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            try await idle.waitForClose(timeout: .seconds(4))
            #expect(clock.now - start >= .milliseconds(1_450), "closed before the idle timeout")
            try await pinger.value
            #expect(active.isOpen)
            try await active.waitForClose(timeout: .seconds(4))
        }
    }

    @Test("a slowloris trickling one byte at a time is cut before its frame completes")
    func slowloris() async throws {
        try await withServer({ $0.idleTimeout = .milliseconds(800) }) { _, port in
            let client = try await TestClient.connect(port: port)
            let frame = TestClient.bytes(of: [PodsimRequest.search(SearchRequest(text: "slowly", k: 1)).frame(requestID: 1)])
            var sent = 0
            // 150 ms per byte: the 25-byte frame would need 3.75 s; the timeout is 0.8 s.
            for byte in frame.readableBytesView where client.isOpen {
                try? await client.send(raw: [byte])
                sent += 1
                try await Task.sleep(for: .milliseconds(150))
            }
            try await client.waitForClose(timeout: .seconds(2))
            #expect(sent < frame.readableBytes)
            #expect(try await client.receivedBytes().isEmpty, "nothing is answered to a partial frame")
        }
    }

    @Test("backpressure: a client pipelining far beyond the queue limit is held at the limit, then fully answered")
    func queueLimit() async throws {
        let gate = Gate()
        let source = TestSource.offloaded(gate: gate)
        try await withServer({ $0.maxQueuedRequestsPerConnection = 4; $0.offloadThreshold = 1 }, source: source) { server, port in
            defer { gate.open() }  // never leave workers blocked, or shutdown would wait for them
            let client = try await TestClient.connect(port: port)
            let count = 10_000  // 23 bytes each: 230 KB, far beyond one socket read
            client.sendWithoutWaiting((0..<count).map {
                PodsimRequest.similar(SimilarRequest(episodeID: "ep-1", k: 1)).frame(requestID: UInt32($0))
            })
            try await eventually("four requests wait at the gate") { gate.arrivals >= 2 && server.gauges.queuedRequests == 4 }
            try await Task.sleep(for: .milliseconds(200))  // time for the server to (wrongly) read on
            let gauges = server.gauges
            #expect(gauges.queuedRequests == 4)
            #expect(gauges.peakQueuedRequestsPerConnection == 4)
            #expect(server.metrics.snapshot(modelID: "").requests == [OpcodeCount(opcode: .similar, count: 4)])
            // Input held: at most one socket read (64 KiB) beyond the decoded requests.
            #expect(gauges.peakBufferedBytesPerConnection <= 65_536)
            gate.open()
            for id in 0..<count {
                let frame = try await client.next()
                #expect(frame.requestID == UInt32(id) && frame.status == .ok)
                if frame.requestID != UInt32(id) { break }
            }
            #expect(server.gauges.peakQueuedRequestsPerConnection == 4)
            await client.close()
        }
    }

    @Test("backpressure: a client that does not read its answers stops the server reading its requests")
    func unreadAnswers() async throws {
        let source = TestSource { id in
            var model = TestModel(modelID: id)
            model.titleLength = 800  // 50 hits: about 41 KB per answer
            return model
        }
        try await withServer({ $0.maxQueuedRequestsPerConnection = 8 }, source: source) { server, port in
            let client = try await TestClient.connect(port: port, autoRead: false, receiveBufferBytes: 16_384)
            let count = 500  // about 20 MB of answers if the server wrote them all; a few MB fit in TCP buffers
            client.sendWithoutWaiting((0..<count).map {
                PodsimRequest.similar(SimilarRequest(episodeID: "ep-2", k: 50)).frame(requestID: UInt32($0))
            })
            func decoded() -> UInt64 { server.metrics.snapshot(modelID: "").requests.first?.count ?? 0 }
            var previous: UInt64 = 0
            try await eventually("the server stops taking requests") {
                try await Task.sleep(for: .milliseconds(150))
                defer { previous = decoded() }
                return decoded() > 0 && decoded() == previous
            }
            #expect(decoded() < UInt64(count) / 2, "the server kept reading (\(decoded()) requests) while answers piled up")
            #expect(server.gauges.peakQueuedRequestsPerConnection <= 8)
            try await client.startReading()
            for id in 0..<count {
                let frame = try await client.next()
                if frame.requestID != UInt32(id) || frame.status != .ok {
                    Issue.record("answer \(id): id \(frame.requestID), \(frame.status)")
                    break
                }
            }
            await client.close()
        }
    }
}

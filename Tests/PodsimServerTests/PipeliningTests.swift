import NIOCore
import PodsimProtocol
import Testing
@testable import PodsimServer
import PodsimTestSupport

/// Many requests on one connection, many connections at once, and clients that leave early.
@Suite("Pipelining and concurrency")
struct PipeliningTests {
    /// Request i of a mixed stream: PING, SIMILAR, EPISODE, SEARCH in turn.
    static func request(_ i: Int) -> PodsimRequest {
        switch i % 4 {
        case 0: .ping
        case 1: .similar(SimilarRequest(episodeID: "ep-\(i % 20 + 1)", k: UInt16(i % 9 + 1)))
        case 2: .episode(id: "ep-\(i % 25 + 1)")  // some unknown: NOT_FOUND answers in the stream
        default: .search(SearchRequest(text: "topic \(i)", k: 3))
        }
    }

    static func expectAnswers(_ client: TestClient, ids: Range<Int>, model: TestModel) async throws {
        for i in ids {
            let frame = try await client.next()
            #expect(frame.requestID == UInt32(i), "answer \(i) out of order")
            let expected = Self.request(i) == .ping ? PodsimResponse.pong : model.answer(Self.request(i))
            #expect(try PodsimResponse.decode(frame).get() == expected, "answer \(i)")
        }
    }

    @Test("1,000 requests sent in one write are answered in order, some computed off the loop")
    func thousandPipelined() async throws {
        // SIMILAR and SEARCH go to workers; PING and EPISODE are answered inline, so answers
        // complete out of order and must be put back in order.
        try await withServer(source: .offloaded()) { server, port in
            let client = try await TestClient.connect(port: port)
            try await client.send((0..<1000).map { Self.request($0).frame(requestID: UInt32($0)) })
            try await Self.expectAnswers(client, ids: 0..<1000, model: TestModel(modelID: "m1"))
            #expect(server.gauges.peakQueuedRequestsPerConnection <= 128)
            await client.close()
        }
    }

    @Test("32 clients at once, each pipelining, each get their own answers in order")
    func concurrentClients() async throws {
        try await withServer { server, port in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for c in 0..<32 {
                    group.addTask {
                        let client = try await TestClient.connect(port: port)
                        let ids = (c * 100)..<(c * 100 + 50)
                        try await client.send(ids.map { Self.request($0).frame(requestID: UInt32($0)) })
                        try await Self.expectAnswers(client, ids: ids, model: TestModel(modelID: "m1"))
                        await client.close()
                    }
                }
                try await group.waitForAll()
            }
            #expect(server.gauges.connectionsAccepted == 32)
        }
    }

    @Test("a client that disconnects in the middle of a frame disturbs no one")
    func disconnectMidFrame() async throws {
        try await withServer { server, port in
            let steady = try await TestClient.connect(port: port)
            #expect(try await steady.call(.ping, id: 1) == .pong)
            for cut in [1, 5, 13] {
                let leaver = try await TestClient.connect(port: port)
                let frame = TestClient.bytes(of: [PodsimRequest.search(SearchRequest(text: "half a frame", k: 3)).frame(requestID: 9)])
                try await leaver.send(raw: Array(frame.readableBytesView.prefix(cut)))
                await leaver.close()
            }
            try await eventually("the leavers' connections are closed") { server.gauges.openConnections == 1 }
            #expect(try await steady.call(.similar(SimilarRequest(episodeID: "ep-1", k: 2)), id: 2) == TestModel(modelID: "m1").answer(ModelQuery.similar(SimilarRequest(episodeID: "ep-1", k: 2))))
            let newcomer = try await TestClient.connect(port: port)
            #expect(try await newcomer.call(.ping) == .pong)
            await steady.close()
            await newcomer.close()
        }
    }

    @Test("a client that half-closes after sending still gets every answer, then EOF")
    func halfClose() async throws {
        try await withServer({ $0.maxQueuedRequestsPerConnection = 4 }) { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send((0..<40).map { Self.request($0).frame(requestID: UInt32($0)) })
            try await client.closeOutput()
            try await Self.expectAnswers(client, ids: 0..<40, model: TestModel(modelID: "m1"))
            try await client.waitForClose()
        }
    }
}

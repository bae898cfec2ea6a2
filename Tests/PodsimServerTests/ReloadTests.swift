import NIOCore
import PodsimProtocol
import Testing
@testable import PodsimServer
import PodsimTestSupport

/// Model swaps while clients are busy.
@Suite("Reload under load")
struct ReloadTests {
    @Test("reloads while 8 clients hammer the server lose no request")
    func reloadUnderLoad() async throws {
        let source = TestSource(loadSeconds: 0.01) { id in
            var model = TestModel(modelID: id)
            model.queryCost = id.hasSuffix("0") || id.hasSuffix("5") ? 1_000_000_000 : 1  // some models offload
            return model
        }
        try await withServer({ $0.offloadThreshold = 1_000 }, source: source) { server, port in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for c in 0..<8 {
                    group.addTask {
                        let client = try await TestClient.connect(port: port)
                        for batch in 0..<10 {
                            let ids = (0..<40).map { UInt32(c * 10_000 + batch * 100 + $0) }
                            try await client.send(ids.map {
                                PodsimRequest.similar(SimilarRequest(episodeID: "ep-\($0 % 20 + 1)", k: 3)).frame(requestID: $0)
                            })
                            for id in ids {
                                let frame = try await client.next()
                                #expect(frame.requestID == id && frame.status == .ok, "request \(id): \(frame.status)")
                            }
                        }
                        await client.close()
                    }
                }
                group.addTask {
                    let admin = try await TestClient.connect(port: port)
                    for id in 0..<15 {
                        guard case .reloaded = try await admin.call(.reload, id: UInt32(id)) else {
                            Issue.record("RELOAD \(id) failed"); return
                        }
                    }
                    await admin.close()
                }
                group.addTask {
                    for _ in 0..<5 { _ = await server.reload() }
                }
                try await group.waitForAll()
            }
            #expect(source.loadCount == 21)  // the start-up load and 20 reloads
            let stats = server.metrics.snapshot(modelID: "")
            #expect(stats.answers == [StatusCount(status: .ok, count: 8 * 10 * 40 + 15)])
        }
    }

    @Test("requests already taken up keep the model they started with")
    func snapshotIsolation() async throws {
        let gate = Gate()
        let source = TestSource { id in
            var model = TestModel(modelID: id)
            if id == "m1" {
                model.queryCost = 1_000_000_000
                model.gate = gate
            }
            return model
        }
        try await withServer({ $0.offloadThreshold = 1_000 }, source: source) { _, port in
            defer { gate.open() }
            let slow = try await TestClient.connect(port: port)
            try await slow.send(.similar(SimilarRequest(episodeID: "ep-1", k: 1)), id: 1)
            try await eventually("the query is running on m1") { gate.arrivals == 1 }
            let admin = try await TestClient.connect(port: port)
            #expect(try await admin.call(.reload) == .reloaded(ReloadResult(modelID: "m2", episodes: 20)))
            gate.open()
            let answer = try await slow.next()
            let similar = PodsimRequest.similar(SimilarRequest(episodeID: "ep-1", k: 1))
            #expect(answer.requestID == 1)
            #expect(try PodsimResponse.decode(answer).get() == TestModel(modelID: "m1").answer(similar))
            // And the next request is answered by the new model.
            #expect(try await slow.call(similar, id: 2) == TestModel(modelID: "m2").answer(similar))
            await slow.close()
            await admin.close()
        }
    }
}

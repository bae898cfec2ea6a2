import Foundation
import PodsimProtocol
import PodsimTestSupport
import Testing
@testable import PodsimServer

/// Readers keep being served while DELETE and UPSERT write the model file: the write happens on
/// the admin thread, and the old snapshot answers every query until the new one is in place.
@Suite("Readers during a DELETE or UPSERT write-back")
struct ChangeDuringReadsTests {
    static let nearest = CatalogueChangeTests.nearest
    static let similar = PodsimRequest.similar(SimilarRequest(episodeID: "devops-paradox-333", k: 5))

    @Test("while the new file waits to be renamed, other connections get the old model's answers",
          arguments: [
            PodsimRequest.delete(episodeIDs: [CatalogueChangeTests.nearest]),
            PodsimRequest.upsert(jsonl: #"{"id":"platform-engineering-podcast-2025-07-30","show":"Cooking","title":"Bread","description":"Sourdough starter, flour and proofing baskets."}"#),
          ])
    func readersAreServedDuringTheWrite(change: PodsimRequest) async throws {
        let served = try ServedModelCopy()
        let before = try served.bytes
        let gate = Gate()
        let source = PausingModelFileSource(inner: served.source, gate: gate)
        try await withServerAndClient(testConfiguration { $0.modelCheckInterval = nil }, source: source) { _, port, writer in
            let reader = try await TestClient.connect(port: port)
            let oldAnswer = try await reader.call(Self.similar, id: 1)
            guard case .similar(let oldHits) = oldAnswer, oldHits.first?.id == Self.nearest else {
                Issue.record("unexpected answer before the change: \(oldAnswer)"); return
            }
            guard case .info(let oldInfo) = try await reader.call(.info, id: 2) else { Issue.record("no INFO"); return }

            try await writer.send(change, id: 10)
            try await eventually(timeout: .seconds(60), "the write-back reached the rename") { gate.arrivals == 1 }
            // The new model is complete on disk beside the old one; the old one still serves.
            #expect(try served.bytes == before)
            for id in UInt32(3)...12 {
                #expect(try await reader.call(Self.similar, id: id) == oldAnswer, "query \(id) during the write")
            }
            #expect(try await reader.call(.info, id: 13) == .info(oldInfo))
            let late = try await TestClient.connect(port: port)
            guard case .episode = try await late.call(.episode(id: Self.nearest), id: 1) else {
                Issue.record("a new connection did not get the old model during the write"); return
            }
            await late.close()

            gate.open()
            let answer = try await writer.next(timeout: .seconds(60))
            #expect(answer.requestID == 10 && answer.status == .ok, "\(answer.message ?? "")")
            guard case .similar(let newHits) = try await reader.call(Self.similar, id: 14) else {
                Issue.record("no answer after the change"); return
            }
            #expect(newHits.first?.id != Self.nearest, "the changed episode still answers as before")
            await reader.close()
        }
        #expect(try served.bytes != before)
    }
}

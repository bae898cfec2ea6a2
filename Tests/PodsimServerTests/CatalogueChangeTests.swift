import Foundation
import NIOCore
import PodsimCore
import PodsimProtocol
import PodsimTestSupport
import Testing
@testable import PodsimServer

/// DELETE (0x34) and UPSERT (0x35) on a real server over a real model file: what changes, what
/// never comes back, all or nothing, authorisation, malformed bodies, restart and RELOAD.
@Suite("DELETE and UPSERT on a served model file")
struct CatalogueChangeTests {
    /// devops-paradox-339's only guest is Anthony Eden; Pete Hunt is on devops-paradox-333 and
    /// platform-engineering-podcast-2025-07-30, which is devops-paradox-333's nearest episode.
    static let nearest = "platform-engineering-podcast-2025-07-30"

    static func ids(_ response: PodsimResponse) -> [String] {
        switch response {
        case .similar(let hits), .search(let hits): hits.map(\.id)
        default: []
        }
    }

    static func info(_ client: TestClient) async throws -> ServerInfo {
        guard case .info(let info) = try await client.call(.info, id: 900) else { throw TestFailure("no INFO answer") }
        return info
    }

    static func guestNames(_ client: TestClient, _ topic: String) async throws -> [String] {
        guard case .guests(let hits) = try await client.call(.guests(GuestsRequest(topic: topic, k: 30)), id: 901) else {
            throw TestFailure("no GUESTS answer")
        }
        return hits.map(\.name)
    }

    @Test("DELETE: the episode is never returned again; its lone guest disappears; unknown ids are counted out")
    func deleteThenQuery() async throws {
        let served = try ServedModelCopy()
        try await withServerAndClient(testConfiguration { $0.modelCheckInterval = nil }, source: served.source) { _, _, client in
            let similar = PodsimRequest.similar(SimilarRequest(episodeID: "devops-paradox-333", k: 30))
            #expect(Self.ids(try await client.call(similar)).first == Self.nearest)
            #expect(try await Self.guestNames(client, "DNS registrar anycast").contains("Anthony Eden"))
            let answer = try await client.call(.delete(episodeIDs: [Self.nearest, "devops-paradox-339", "no-such-id"]), id: 2)
            #expect(answer == .deleted(DeleteResult(deleted: 2, episodesTotal: 28)))
            let after = Self.ids(try await client.call(similar, id: 3))
            #expect(after.count == 28 - 1 && !after.contains(Self.nearest))
            let search = Self.ids(try await client.call(.search(SearchRequest(text: "platform engineering DNS", k: 30)), id: 4))
            #expect(!search.contains(Self.nearest) && !search.contains("devops-paradox-339"))
            guard case .failure(let gone) = try await client.call(.episode(id: Self.nearest), id: 5) else {
                Issue.record("a deleted episode was found"); return
            }
            #expect(gone.status == .notFound)
            let info = try await Self.info(client)
            #expect(info.episodes == 28 && info.guests == 17)
            #expect(!(try await Self.guestNames(client, "DNS registrar anycast")).contains("Anthony Eden"))
            guard case .failure(let noGuest) = try await client.call(.guestsLike(GuestsLikeRequest(guestName: "Anthony Eden", k: 3)), id: 6) else {
                Issue.record("a guest without episodes was found"); return
            }
            #expect(noGuest.status == .notFound)
            // A DELETE of ids the model does not know changes nothing, not even the file.
            let bytes = try served.bytes
            #expect(try await client.call(.delete(episodeIDs: ["no-such-id"]), id: 7) == .deleted(DeleteResult(deleted: 0, episodesTotal: 28)))
            #expect(try served.bytes == bytes)
            #expect(try await Self.info(client).modelID == info.modelID)
        }
        let model = try served.model()
        #expect(model.info.deletedEpisodes == 2 && model.info.episodes == 28)
    }

    @Test("UPSERT replaces text, metadata, guests and show; new ids are added")
    func upsertReplaces() async throws {
        let served = try ServedModelCopy()
        let jsonl = """
            {"id":"devops-paradox-339","show":"Kube Talk","title":"Kubernetes multi-tenancy","published":"2025-09-01","description":"Virtual Kubernetes clusters and namespaces for platform teams that need multi-tenancy.","guests":["Lukas Gentele"]}
            {"id":"kube-2","show":"Kube Talk","title":"Operators","description":"Kubernetes operators and GitOps.","guests":["Ada Quill"]}

            """
        try await withServerAndClient(testConfiguration { $0.modelCheckInterval = nil }, source: served.source) { _, _, client in
            let answer = try await client.call(.upsert(jsonl: jsonl), id: 1)
            guard case .upserted(let result) = answer else { Issue.record("UPSERT failed: \(answer)"); return }
            #expect(result.added == 2 && result.episodesTotal == 31 && !result.refitDue)
            guard case .episode(let details) = try await client.call(.episode(id: "devops-paradox-339"), id: 2) else {
                Issue.record("the replaced episode is gone"); return
            }
            #expect(details == EpisodeDetails(
                id: "devops-paradox-339", show: "Kube Talk", title: "Kubernetes multi-tenancy", published: "2025-09-01",
                guests: ["Lukas Gentele"],
                description: "Virtual Kubernetes clusters and namespaces for platform teams that need multi-tenancy."))
            let similar = try await client.call(.similar(SimilarRequest(episodeID: "devops-paradox-339", k: 1)), id: 3)
            #expect(Self.ids(similar) == ["platform-engineering-podcast-2025-04-16"], "the new text was not folded in")
            let names = try await Self.guestNames(client, "Kubernetes operators GitOps virtual clusters")
            #expect(names.contains("Ada Quill") && names.contains("Lukas Gentele") && !names.contains("Anthony Eden"))
            let info = try await Self.info(client)
            #expect(info.episodes == 31 && info.guests == 18, "Anthony Eden went, Ada Quill came")
            // The same show filter now finds the replaced episode under its new show.
            let options = QueryOptions(shows: ["Kube Talk"])
            let kube = try await client.call(.search(SearchRequest(text: "Kubernetes", k: 10, options: options)), id: 4)
            #expect(Set(Self.ids(kube)) == ["devops-paradox-339", "kube-2"])
        }
        let model = try served.model()
        #expect(model.info.addedEpisodes == 1 && model.info.replacedEpisodes == 1)
    }

    @Test("UPSERT with one bad line changes nothing and names the line")
    func upsertAllOrNothing() async throws {
        let served = try ServedModelCopy()
        let before = try served.bytes
        let jsonl = """
            {"id":"devops-paradox-339","show":"Kube Talk","description":"Replaced."}
            {"id":"kube-2","show":"Kube Talk","description":"Kubernetes operators."}
            {"id":"kube-3","show":"Kube Talk"}
            """
        try await withServerAndClient(testConfiguration { $0.modelCheckInterval = nil }, source: served.source) { _, _, client in
            let id = try await Self.info(client).modelID
            guard case .failure(let failure) = try await client.call(.upsert(jsonl: jsonl), id: 1) else {
                Issue.record("a bad UPSERT was applied"); return
            }
            #expect(failure.status == .badRequest)
            #expect(failure.message.hasPrefix("UPSERT: ") && failure.message.contains("line 3"), "\(failure.message)")
            #expect(failure.message.hasSuffix("nothing was changed"), "\(failure.message)")
            #expect(try await Self.info(client).modelID == id)
            guard case .failure(let missing) = try await client.call(.episode(id: "kube-2"), id: 2) else {
                Issue.record("a line of a refused UPSERT was added"); return
            }
            #expect(missing.status == .notFound)
            guard case .episode(let kept) = try await client.call(.episode(id: "devops-paradox-339"), id: 3) else {
                Issue.record("the episode is gone"); return
            }
            #expect(kept.show == "DevOps Paradox" && kept.guests == ["Anthony Eden"])
            // An id twice in one request is refused too: which record should win is not ours to guess.
            let twice = "{\"id\":\"kube-2\",\"show\":\"A\",\"description\":\"a\"}\n{\"id\":\"kube-2\",\"show\":\"B\",\"description\":\"b\"}\n"
            guard case .failure(let duplicate) = try await client.call(.upsert(jsonl: twice), id: 4) else {
                Issue.record("an UPSERT naming one id twice was applied"); return
            }
            #expect(duplicate.status == .badRequest && duplicate.message.contains("line 2") && duplicate.message.contains("already used on line 1"), "\(duplicate.message)")
        }
        #expect(try served.bytes == before, "the model file changed")
    }

    @Test("DELETE and UPSERT without AUTH on a server with a token: status 7, nothing changes")
    func unauthorised() async throws {
        let served = try ServedModelCopy()
        let before = try served.bytes
        try await withServerAndClient(
            testConfiguration { $0.modelCheckInterval = nil; $0.authToken = "s3cret" }, source: served.source
        ) { _, _, client in
            let delete = try await client.call(.delete(episodeIDs: ["devops-paradox-339"]), id: 1)
            let upsert = try await client.call(.upsert(jsonl: "{\"id\":\"x\",\"show\":\"X\",\"description\":\"x\"}"), id: 2)
            for answer in [delete, upsert] {
                guard case .failure(let failure) = answer else { Issue.record("accepted without AUTH: \(answer)"); continue }
                #expect(failure.status == .unauthorized)
            }
            #expect(try await client.call(.auth(token: "s3cret"), id: 3) == .authenticated)
            #expect(try await client.call(.delete(episodeIDs: ["devops-paradox-339"]), id: 4)
                == .deleted(DeleteResult(deleted: 1, episodesTotal: 29)))
        }
        #expect(try served.bytes != before)
    }

    @Test("malformed DELETE and UPSERT bodies are status 1 and the connection stays usable")
    func malformed() async throws {
        let served = try ServedModelCopy()
        let before = try served.bytes
        try await withServerAndClient(testConfiguration { $0.modelCheckInterval = nil }, source: served.source) { _, _, client in
            let bodies: [(Opcode, [UInt8], String)] = [
                (.delete, [0, 0, 0, 2, 0, 0, 0, 1, 0x78], "announces 2 elements"),  // two ids announced, one sent
                (.delete, [0, 0, 0, 1, 0, 0, 0, 1, 0x78, 0xFF], "left over"),  // a byte after the list
                (.delete, [0, 0, 0, 1, 0, 0, 0, 1, 0xC3], "UTF-8"),  // an id that is not UTF-8
                (.upsert, [0, 0, 0, 5, 0x7B], "announces 5 bytes"),
                (.upsert, [0, 0, 0, 1, 0xFF], "UTF-8"),
            ]
            for (index, (opcode, body, expected)) in bodies.enumerated() {
                let id = UInt32(index + 1)
                try await client.send([Frame(opcode: opcode, requestID: id, body: ByteBuffer(bytes: body))])
                let frame = try await client.next()
                #expect(frame.requestID == id && frame.status == .badRequest, "\(opcode) \(body)")
                #expect(frame.message?.contains(expected) == true, "\(frame.message ?? "")")
            }
            #expect(try await client.call(.ping, id: 99) == .pong)
        }
        #expect(try served.bytes == before)
    }

    @Test("changes survive a RELOAD and a restart")
    func survivesReloadAndRestart() async throws {
        let served = try ServedModelCopy()
        let line = #"{"id":"devops-paradox-341","show":"Kube Talk","title":"Replaced","description":"Kubernetes operators and GitOps.","guests":["Ada Quill"]}"#
        var changedID = ""
        let similar = PodsimRequest.similar(SimilarRequest(episodeID: "devops-paradox-333", k: 30))
        var answerBefore: PodsimResponse?
        try await withServerAndClient(testConfiguration { $0.modelCheckInterval = nil }, source: served.source) { _, _, client in
            _ = try await client.call(.delete(episodeIDs: [Self.nearest]), id: 1)
            _ = try await client.call(.upsert(jsonl: line), id: 2)
            changedID = try await Self.info(client).modelID
            answerBefore = try await client.call(similar, id: 3)
            #expect(try await client.call(.reload, id: 4) == .reloaded(ReloadResult(modelID: changedID, episodes: 29)))
            #expect(try await client.call(similar, id: 5) == answerBefore)
        }
        // A new server on the same file: the same model, the same answers.
        try await withServerAndClient(testConfiguration { $0.modelCheckInterval = nil }, source: served.source) { _, _, client in
            let info = try await Self.info(client)
            #expect(info.modelID == changedID && info.episodes == 29 && info.guests == 18)
            #expect(try await client.call(similar, id: 1) == answerBefore)
            #expect(!Self.ids(try await client.call(similar, id: 2)).contains(Self.nearest))
            guard case .episode(let details) = try await client.call(.episode(id: "devops-paradox-341"), id: 3) else {
                Issue.record("the upserted episode is gone after a restart"); return
            }
            #expect(details.show == "Kube Talk" && details.guests == ["Ada Quill"])
        }
        let info = try served.model().info
        #expect(info.deletedEpisodes == 1 && info.replacedEpisodes == 1 && info.addedEpisodes == nil)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

import Foundation
import PodsimEpisodes
import PodsimTestSupport
import Testing

@testable import PodsimCore

/// The guest structures after the model changes: every ADD, UPSERT and DELETE makes a new
/// model, whose `guestIndex` is its own — who was on which show, who is a guest at all — and
/// the candidate ranking keeps agreeing with the exhaustive one.
@Suite struct GuestUpdateTests {
    let topic = "Kubernetes multi-tenancy virtual clusters namespaces"

    func expectAgreement(_ model: PodsimModel, _ options: GuestOptions, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let recommender = Recommender(model: model)
        let fast = try recommender.guests(topic: topic, k: 30, options: options)
        #expect(fast == (try recommender.guests(topic: topic, k: 30, options: options, method: .exhaustive)), sourceLocation: sourceLocation)
        return fast.map(\.name)
    }

    @Test func addUpsertAndDeleteChangeWhoWasOnWhichShow() throws {
        let path = try TemporaryDirectory().file("changing.podsim")
        try FileManager.default.copyItem(atPath: SeedModel.built.path, toPath: path)
        let onKube = GuestOptions(notOnShows: ["Kube Talk"])
        var kube = Episode(
            id: "kube-1", show: "Kube Talk", title: "Kubernetes multi-tenancy with virtual clusters", published: "2025-09-01",
            description: "Virtual Kubernetes clusters and namespaces for platform teams that need multi-tenancy.",
            guests: ["Lukas Gentele"])
        let before = try expectAgreement(try PodsimModel(contentsOf: path), onKube)
        #expect(before.contains("Lukas Gentele"), "nobody has been on a show the model does not know")

        _ = try ModelUpdater.add([kube], to: PodsimModel(contentsOf: path), writingTo: path)
        let added = try PodsimModel(contentsOf: path)
        #expect(!(try expectAgreement(added, onKube)).contains("Lukas Gentele"))
        #expect(try expectAgreement(added, .none).first == "Lukas Gentele")

        kube.guests = ["Grace Newcomer"]
        _ = try ModelUpdater.upsert([kube], into: added, writingTo: path)
        let upserted = try PodsimModel(contentsOf: path)
        let notOnKube = try expectAgreement(upserted, onKube)
        #expect(notOnKube.contains("Lukas Gentele") && !notOnKube.contains("Grace Newcomer"))
        #expect(try expectAgreement(upserted, .none).contains("Grace Newcomer"))

        _ = try ModelUpdater.delete(["kube-1"], from: upserted, writingTo: path)
        let deleted = try PodsimModel(contentsOf: path)
        #expect(deleted.guests.index(of: "Grace Newcomer") == nil)
        #expect(try expectAgreement(deleted, onKube) == before)
        #expect(try expectAgreement(deleted, .none) == before)
    }
}

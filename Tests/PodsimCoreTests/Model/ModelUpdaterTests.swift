import Foundation
import PodsimCatalogue
import PodsimEpisodes
import PodsimTestSupport
import Testing
@testable import PodsimCore

@Suite struct ModelUpdaterTests {
    func copyOfSeedModel() throws -> String {
        let path = try TemporaryDirectory().file("added.podsim")
        try FileManager.default.copyItem(atPath: SeedModel.built.path, toPath: path)
        return path
    }

    let kube = Episode(
        id: "kube-1", show: "Kube Talk", title: "Kubernetes multi-tenancy with virtual clusters",
        published: "2025-09-01",
        description: "Virtual Kubernetes clusters and namespaces for platform teams that need multi-tenancy.",
        guests: ["Lukas Gentele"])

    @Test func addedEpisodesAreFoundAtOnce() throws {
        let path = try copyOfSeedModel()
        let dns = Episode(
            id: "dns-2", show: "DevOps Paradox", title: "More DNS",
            description: "Darin and Viktor talk about DNS again with Anthony Eden: anycast and registrars.",
            guests: ["anthony eden", "Darin Pope"])
        let result = try ModelUpdater.add([kube, dns], to: PodsimModel(contentsOf: path), writingTo: path)
        #expect(result.added == 2 && result.episodes == 32)
        #expect(!result.refitDue)
        let model = try PodsimModel(contentsOf: path)
        #expect(model.info.addedEpisodes == 2)
        #expect(model.info.guests == 18, "Lukas Gentele and Anthony Eden were guests already; the host is dropped")
        let recommender = Recommender(model: model)
        #expect(try recommender.similar(to: "kube-1", k: 1).first?.id == "platform-engineering-podcast-2025-04-16")
        #expect(try recommender.episode("dns-2").guests == ["Anthony Eden"])
        let guests = try recommender.guests(topic: "DNS registrar", k: 1)
        #expect(guests.first?.episodes.contains("dns-2") == true)
        // Existing answers keep their scale: the old episodes' vectors did not move.
        let before = try SeedModel.recommender.similar(to: "devops-paradox-333", k: 1)
        #expect(try recommender.similar(to: "devops-paradox-333", k: 1) == before)
    }

    @Test func aRebuildIsNotFooledIntoThinkingTheModelIsCurrent() throws {
        let path = try copyOfSeedModel()
        _ = try ModelUpdater.add([kube], to: PodsimModel(contentsOf: path), writingTo: path)
        #expect(try PodsimModel(contentsOf: path).info.sourceDigest != SeedModel.built.model.info.sourceDigest)
    }

    @Test func duplicateOrExistingIdsAreRefusedAndTheFileIsUntouched() throws {
        let path = try copyOfSeedModel()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var existing = kube
        existing.id = "devops-paradox-341"
        #expect(throws: PodsimError(.invalidInput, "episode id 'devops-paradox-341' is already in the model")) {
            try ModelUpdater.add([existing], to: PodsimModel(contentsOf: path), writingTo: path)
        }
        #expect(throws: PodsimError(.invalidInput, "episode id 'kube-1' appears twice in the new episodes")) {
            try ModelUpdater.add([kube, kube], to: PodsimModel(contentsOf: path), writingTo: path)
        }
        #expect(throws: PodsimError.self) { try ModelUpdater.add([], to: PodsimModel(contentsOf: path), writingTo: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func refitIsAdvisedForUnknownWordsAndForGrowth() throws {
        let path = try copyOfSeedModel()
        let foreign = Episode(
            id: "x-1", show: "Cuisine", title: "Bouillabaisse",
            description: "Rouille, saffron, rascasse, fennel, croutons and pastis from Marseille.")
        let unknown = try ModelUpdater.add([foreign], to: PodsimModel(contentsOf: path), writingTo: path)
        #expect(unknown.refitDue)
        #expect(unknown.unknownTermShare > 0.9)
        #expect(unknown.refitReason?.contains("not in the vocabulary") == true)
        #expect(try Recommender(model: PodsimModel(contentsOf: path)).episode("x-1").title == "Bouillabaisse")

        let grown = try copyOfSeedModel()
        let many = (1...10).map { i in
            var episode = kube
            episode.id = "kube-\(i)"
            return episode
        }
        let growth = try ModelUpdater.add(many, to: PodsimModel(contentsOf: grown), writingTo: grown)
        #expect(growth.refitReason?.contains("grown by 33%") == true)
    }
}

import Foundation
import PodsimEpisodes
import PodsimTestSupport
import Testing
@testable import PodsimCore

/// DELETE and UPSERT in the core: `ModelUpdater.delete` and `.upsert` on a copy of the seed model.
@Suite struct ModelChangeTests {
    func copyOfSeedModel() throws -> String { try ModelUpdaterTests().copyOfSeedModel() }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// devops-paradox-339 has Anthony Eden, who is on no other episode; Pete Hunt is on
    /// devops-paradox-333 and platform-engineering-podcast-2025-07-30.
    static let kube = Episode(
        id: "devops-paradox-339", show: "Kube Talk", title: "Kubernetes multi-tenancy with virtual clusters",
        published: "2025-09-01",
        description: "Virtual Kubernetes clusters and namespaces for platform teams that need multi-tenancy.",
        guests: ["Lukas Gentele"])

    @Test func deletedEpisodesAreGoneAndAGuestWithoutEpisodesToo() throws {
        let path = try copyOfSeedModel()
        let result = try ModelUpdater.delete(
            ["platform-engineering-podcast-2025-07-30", "devops-paradox-339", "no-such-episode", "devops-paradox-339"],
            from: PodsimModel(contentsOf: path), writingTo: path)
        #expect(result.deleted == 2 && result.added == 0 && result.episodes == 28)
        let model = try PodsimModel(contentsOf: path)
        #expect(model.info.deletedEpisodes == 2 && model.info.replacedEpisodes == nil && model.info.addedEpisodes == nil)
        #expect(model.info.guests == 17, "Anthony Eden had no other episode; Pete Hunt still has one")
        let recommender = Recommender(model: model)
        let all = try recommender.similar(to: "devops-paradox-333", k: 27).map(\.id)
        #expect(all.count == 27 && !all.contains("platform-engineering-podcast-2025-07-30"))
        #expect(throws: PodsimError.self) { try recommender.episode("devops-paradox-339") }
        #expect(throws: PodsimError.self) { try recommender.guestsLike("Anthony Eden", k: 3) }
        let pete = try #require(model.guests.index(of: "Pete Hunt"))
        #expect(model.guests.episodeRows(of: pete).map { model.episodes.id($0) } == ["devops-paradox-333"])
        for guest in try recommender.guests(topic: "DNS registrar anycast", k: 17) {
            #expect(!guest.episodes.contains("devops-paradox-339"))
        }
        // The episodes kept keep their vectors: their answers among themselves do not move.
        let before = try SeedModel.recommender.similar(to: "devops-paradox-341", k: 30).map(\.id)
            .filter { !["platform-engineering-podcast-2025-07-30", "devops-paradox-339"].contains($0) }
        #expect(try recommender.similar(to: "devops-paradox-341", k: 27).map(\.id) == before)
    }

    @Test func deletingOnlyUnknownIdsWritesNothing() throws {
        let path = try copyOfSeedModel()
        let before = try bytes(path)
        let result = try ModelUpdater.delete(["nope", ""], from: PodsimModel(contentsOf: path), writingTo: path)
        #expect(result.deleted == 0 && result.episodes == 30)
        #expect(try bytes(path) == before)
    }

    @Test func deletingEveryEpisodeIsRefusedAndChangesNothing() throws {
        let path = try copyOfSeedModel()
        let before = try bytes(path)
        let model = try PodsimModel(contentsOf: path)
        let ids = (0..<model.episodes.count).map { model.episodes.id($0) }
        #expect(throws: PodsimError(.invalidInput, "deleting 30 episodes would leave the model with none; build a new model instead")) {
            try ModelUpdater.delete(ids, from: model, writingTo: path)
        }
        #expect(try bytes(path) == before)
    }

    @Test func upsertReplacesTextMetadataGuestsAndShow() throws {
        let path = try copyOfSeedModel()
        let fresh = Episode(id: "kube-2", show: "Kube Talk", title: "Operators", description: "Kubernetes operators and GitOps.")
        let result = try ModelUpdater.upsert([Self.kube, fresh], into: PodsimModel(contentsOf: path), writingTo: path)
        #expect(result.added == 2 && result.replaced == 1 && result.deleted == 0 && result.episodes == 31)
        let model = try PodsimModel(contentsOf: path)
        #expect(model.info.addedEpisodes == 1 && model.info.replacedEpisodes == 1 && model.info.deletedEpisodes == nil)
        #expect(model.info.guests == 17, "Anthony Eden left with the old record; Lukas Gentele was a guest already")
        let recommender = Recommender(model: model)
        let replaced = try recommender.episode("devops-paradox-339")
        #expect(replaced.show == "Kube Talk" && replaced.title == Self.kube.title && replaced.guests == ["Lukas Gentele"])
        #expect(replaced.published == "2025-09-01" && replaced.description == Self.kube.description)
        // Re-folded from its new text: it now sits beside the virtual-clusters episode.
        #expect(try recommender.similar(to: "devops-paradox-339", k: 1).first?.id == "platform-engineering-podcast-2025-04-16")
        let row = try #require(model.episodes.row(of: "devops-paradox-339"))
        // Folded in as an episode: its text weighed with the character grams, as at build time.
        #expect(model.index.vector(row) == model.foldIn(model.features.transform(Self.kube.indexedText)))
        let lukas = try #require(model.guests.index(of: "Lukas Gentele"))
        #expect(Set(model.guests.episodeRows(of: lukas).map { model.episodes.id($0) })
            == ["devops-paradox-339", "platform-engineering-podcast-2025-04-16"])
        #expect(throws: PodsimError.self) { try recommender.guestsLike("Anthony Eden", k: 3) }
    }

    @Test func aBadUpsertChangesNothing() throws {
        let path = try copyOfSeedModel()
        let before = try bytes(path)
        #expect(throws: PodsimError(.invalidInput, "episode id 'devops-paradox-339' appears twice in the new episodes")) {
            try ModelUpdater.upsert([Self.kube, Self.kube], into: PodsimModel(contentsOf: path), writingTo: path)
        }
        #expect(throws: PodsimError.self) { try ModelUpdater.upsert([], into: PodsimModel(contentsOf: path), writingTo: path) }
        #expect(try bytes(path) == before)
    }

    @Test func refitDueCountsReplacementsAndDeletions() throws {
        let path = try copyOfSeedModel()
        #expect(SeedModel.built.model.info.documentCount == 30)
        // 4 replaced + 3 deleted = 7 of 30 fitted episodes (23%): not yet.
        let replaced = (333...336).map { number in
            var episode = Self.kube
            episode.id = "devops-paradox-\(number)"
            return episode
        }
        let upsert = try ModelUpdater.upsert(replaced, into: PodsimModel(contentsOf: path), writingTo: path)
        #expect(!upsert.refitDue)
        let ids = ["devops-paradox-322", "devops-paradox-323", "devops-paradox-324"]
        let first = try ModelUpdater.delete(ids, from: PodsimModel(contentsOf: path), writingTo: path)
        #expect(!first.refitDue, "\(first.refitReason ?? "")")
        // One more deletion: 8 of 30 (27%) is above 25%.
        let second = try ModelUpdater.delete(["devops-paradox-325"], from: PodsimModel(contentsOf: path), writingTo: path)
        #expect(second.refitReason == "episodes added, replaced and deleted since the fit come to 27% of the fitted corpus")
        let info = try PodsimModel(contentsOf: path).info
        #expect(info.replacedEpisodes == 4 && info.deletedEpisodes == 4 && info.changedSinceFit == 8)
        #expect(info.sourceDigest.hasPrefix("upserted:") && info.sourceDigest.filter { $0 == ":" }.count == 1)
    }

    @Test func aModelFileWithoutTheNewCountersLoads() throws {
        // The committed seed model was written before the counters existed.
        let info = try PodsimModel(contentsOf: SeedModel.committedModel).info
        #expect(info.replacedEpisodes == nil && info.deletedEpisodes == nil && info.changedSinceFit == (info.addedEpisodes ?? 0))
        let meta = String(decoding: try JSONEncoder().encode(info), as: UTF8.self)
        #expect(!meta.contains("replacedEpisodes") && !meta.contains("deletedEpisodes"), "absent counters are not written")
    }
}

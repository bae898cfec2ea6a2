import Foundation
import PodsimCatalogue
import PodsimTestSupport
import PodsimWorkbench
import Testing

@testable import PodsimCore

/// Both labelled sets (`Tests/Labels`): the fused ranking is at least as good as the latent one
/// on every task, and holds the figures of docs/HOW-IT-WORKS.md's sweep as floors.
@Suite struct LabelledSetFusionTests {
    static let feedLabels = SeedModel.repository.appendingPathComponent("Tests/Labels/feeds.json").path

    /// The model `Benchmarks/relevance.sh` builds for feeds.json: its `sources`, seed 42, 24 dimensions.
    static let feedModel: PodsimModel = {
        let labels = try! JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: feedLabels))) as! [String: Any]
        let sources = (labels["sources"] as! [String]).map { SeedModel.repository.appendingPathComponent($0).path }
        let catalogue = try! CatalogueLoader.load(paths: sources)
        let path = try! TemporaryDirectory().file("feeds.podsim")
        _ = try! ModelBuilder.build(
            episodes: catalogue.episodes, hosts: catalogue.hosts, options: SeedModel.options(episodes: catalogue.episodes.count),
            sourceDigest: "feeds", to: path)
        return try! PodsimModel(contentsOf: path)
    }()

    static func evaluate(_ model: PodsimModel, _ labels: String, _ fusion: ScoreFusion) throws -> Evaluation {
        try Evaluation(Recommender(model: model, fusion: fusion), labels: LabelledSet(contentsOf: labels))
    }

    @Test func feedLabelsCoverTheTestFeeds() throws {
        let evaluation = try Self.evaluate(Self.feedModel, Self.feedLabels, .standard)
        #expect(Self.feedModel.episodes.count == 70)
        #expect(evaluation.similar.cases == 26 && evaluation.search.cases == 7 && evaluation.guests.cases == 16)
        // With character grams (similar 0.664 without; README "How good is it").
        #expect(evaluation.similar.meanReciprocalRank >= 0.73)
        #expect(evaluation.search.meanReciprocalRank >= 0.82)
        #expect(evaluation.guests.meanReciprocalRank >= 0.96)
    }

    /// Where fusion earns its place with character grams (docs/HOW-IT-WORKS.md): on the seeds,
    /// no task worse; on the feeds, better similar cases and searches, guests level.
    @Test func fusionIsAtLeastAsGoodAsTheLatentScoreAlone() throws {
        let fusedSeeds = try Self.evaluate(SeedModel.built.model, SeedModel.labels, .standard)
        let latentSeeds = try Self.evaluate(SeedModel.built.model, SeedModel.labels, .latentOnly)
        #expect(fusedSeeds.similar.meanReciprocalRank >= latentSeeds.similar.meanReciprocalRank)
        #expect(fusedSeeds.search.meanReciprocalRank >= latentSeeds.search.meanReciprocalRank)
        #expect(fusedSeeds.guests.meanReciprocalRank >= latentSeeds.guests.meanReciprocalRank)
        let fusedFeeds = try Self.evaluate(Self.feedModel, Self.feedLabels, .standard)
        let latentFeeds = try Self.evaluate(Self.feedModel, Self.feedLabels, .latentOnly)
        #expect(fusedFeeds.similar.meanReciprocalRank > latentFeeds.similar.meanReciprocalRank)
        #expect(fusedFeeds.search.meanReciprocalRank > latentFeeds.search.meanReciprocalRank)
        #expect(fusedFeeds.guests.meanReciprocalRank >= latentFeeds.guests.meanReciprocalRank)
    }

    /// The seeds' floor (README "How good is it": 0.868 with character grams, 0.796 without).
    @Test func seedSimilarCasesImprove() throws {
        let evaluation = try Self.evaluate(SeedModel.built.model, SeedModel.labels, .standard)
        #expect(evaluation.similar.meanReciprocalRank >= 0.86)
        #expect(evaluation.search.meanReciprocalRank == 1 && evaluation.guests.meanReciprocalRank == 1)
    }
}

import Foundation
import PodsimCatalogue
import PodsimEpisodes
import PodsimTestSupport
import PodsimWorkbench
import Testing
@testable import PodsimCore

@Suite struct SeedModelTests {
    @Test func buildsTheSeedCatalogue() {
        let info = SeedModel.built.model.info
        #expect(info.episodes == 30)
        #expect(info.guests == 18)
        #expect(info.dimensions == 24)
        #expect(info.singularValues.count == 24)
        #expect(info.singularValues == info.singularValues.sorted(by: >))
        #expect(info.explainedVarianceRatio > 0.5 && info.explainedVarianceRatio < 1)
        #expect(SeedModel.built.report.phases.map(\.name) == ["analyse + TF-IDF", "SVD", "index", "write"])
    }

    @Test func samePersonOnTwoShowsRanksFirst() throws {
        let recommender = SeedModel.recommender
        #expect(try recommender.similar(to: "devops-paradox-333", k: 5).first?.id == "platform-engineering-podcast-2025-07-30")
        #expect(try recommender.similar(to: "platform-engineering-podcast-2025-07-30", k: 5).first?.id == "devops-paradox-333")
    }

    @Test func featureFlagGuestIsTrevorStuart() throws {
        let guests = try SeedModel.recommender.guests(topic: "feature flags experimentation", k: 5)
        #expect(guests.first?.name == "Trevor Stuart")
        #expect(guests.first?.episodes.first == "devops-paradox-341")
    }

    @Test(arguments: ["DevOps", "platform engineering", "Darin and Viktor", "Cory O'Daniel Massdriver", "AI", "Kubernetes"])
    func hostsAreNeverGuests(topic: String) throws {
        let hosts = Set(SeedModel.built.model.info.hosts.values.flatMap { $0 }.map(GuestName.key(for:)))
        #expect(!hosts.isEmpty)
        for name in SeedModel.built.model.guests.names { #expect(!hosts.contains(GuestName.key(for: name))) }
        for guest in try SeedModel.recommender.guests(topic: topic, k: 100) {
            #expect(!hosts.contains(GuestName.key(for: guest.name)), "host \(guest.name) returned as a guest")
            #expect(!["darin", "viktor", "cory"].contains(GuestName.key(for: guest.name)))
        }
    }

    /// The labelled set's figures (README "How good is it"): a floor that catches regressions.
    @Test func labelledSetQuality() throws {
        let evaluation = try Evaluation(SeedModel.recommender, labels: LabelledSet(contentsOf: SeedModel.labels))
        #expect(evaluation.similar.cases == 19 && evaluation.search.cases == 10 && evaluation.guests.cases == 18)
        #expect(evaluation.similar.meanReciprocalRank >= 0.70)
        #expect(evaluation.similar.hitAt3 >= 0.75)
        #expect(evaluation.search.meanReciprocalRank >= 0.90)
        #expect(evaluation.guests.meanReciprocalRank >= 0.90)
    }

    @Test func sameInputsAndSeedGiveTheSameBytes() throws {
        let again = try TemporaryDirectory().file("again.podsim")
        let options = SeedModel.options()
        _ = try ModelBuilder.build(episodes: SeedModel.catalogue.episodes, hosts: SeedModel.catalogue.hosts, options: options, sourceDigest: "x", to: again)
        let first = try Data(contentsOf: URL(fileURLWithPath: SeedModel.built.path))
        let second = try Data(contentsOf: URL(fileURLWithPath: again))
        // The digest differs ("x"), so compare everything but META: vectors, projection, tables.
        let a = try ModelFileReader(path: SeedModel.built.path)
        let b = try ModelFileReader(path: again)
        #expect(a.sections.map(\.tag) == b.sections.map(\.tag))
        for section in a.sections where section.tag != "META" {
            #expect(try Array(a.section(section.tag)) == Array(b.section(section.tag)), "section \(section.tag) differs")
        }
        #expect(first.count > 0 && second.count > 0)
    }

    /// An episode's text weighed as an episode (character grams and all, as a new episode is
    /// folded in by ADD) lands on its stored vector; as a free-text query it leaves the grams out.
    @Test func foldingAnEpisodesTextLandsOnItsVector() {
        let model = SeedModel.built.model
        #expect(model.info.analyzer.characterGrams != nil)
        for row in 0..<model.episodes.count {
            let episode = model.episode(at: row)
            guard let folded = model.foldIn(model.features.transform(episode.indexedText)) else {
                Issue.record("episode \(episode.id) folds to nothing")
                continue
            }
            let cosine = zip(folded, model.index.vector(row)).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            #expect(cosine > 0.9999, "\(episode.id): cosine \(cosine)")
            let asQuery = model.foldIn(episode.indexedText) ?? []
            #expect(asQuery.count == model.dimensions && asQuery != folded)
        }
    }
}

/// `Models/episodes.podsim` is committed: it must be what the seeds build today.
@Suite struct CommittedModelTests {
    @Test func committedModelIsCurrent() throws {
        let committed = try PodsimModel(contentsOf: SeedModel.committedModel)
        let digest = try SourceDigest.compute(SeedModel.catalogue.sources.map(\.path), options: SeedModel.options())
        #expect(committed.info.sourceDigest == digest, "Models/episodes.podsim is stale: run `make model`")
        #expect(committed.info.pipelineVersion == PodsimVersion.pipeline)
    }

    @Test func committedModelAnswersLikeAFreshBuild() throws {
        let committed = Recommender(model: try PodsimModel(contentsOf: SeedModel.committedModel))
        let fresh = SeedModel.recommender
        #expect(committed.model.info.episodes == fresh.model.info.episodes)
        // Not byte-equality: another BLAS (reference vs OpenBLAS) may round differently.
        for row in 0..<fresh.model.episodes.count {
            let id = fresh.model.episodes.id(row)
            let a = try committed.similar(to: id, k: 5)
            let b = try fresh.similar(to: id, k: 5)
            #expect(a.map(\.id) == b.map(\.id), "similar(\(id)) differs")
            for (x, y) in zip(a, b) { #expect(abs(x.score - y.score) < 1e-4) }
        }
        for topic in ["feature flags experimentation", "DNS", "Kubernetes multi-tenancy"] {
            #expect(try committed.guests(topic: topic, k: 5).map(\.name) == fresh.guests(topic: topic, k: 5).map(\.name))
        }
    }
}

import Foundation
import PodsimCatalogue
import PodsimTestSupport
@testable import PodsimCore

/// The repository's seed pages and the model the README's commands build from them.
enum SeedModel {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seeds = repository.appendingPathComponent("seeds").path
    static let committedModel = repository.appendingPathComponent("Models/episodes.podsim").path
    static let labels = repository.appendingPathComponent("Tests/Labels/seeds.json").path

    /// The options `make model` uses (Makefile: MODEL_SEED, MODEL_DIMS; min df by catalogue size).
    static func options(episodes: Int = 30) -> BuildOptions {
        BuildOptions.defaults(episodes: episodes, seed: 42, dimensions: 24)
    }

    static let catalogue: LoadedCatalogue = try! CatalogueLoader.load(paths: [seeds])

    /// A fresh build of the seed model in a temporary directory, made once per test run.
    static let built: (model: PodsimModel, report: BuildReport, path: String) = {
        let path = try! TemporaryDirectory().file("seeds.podsim")
        let buildOptions = options()
        let digest = try! SourceDigest.compute(catalogue.sources.map(\.path), options: buildOptions)
        let report = try! ModelBuilder.build(episodes: catalogue.episodes, hosts: catalogue.hosts, options: buildOptions, sourceDigest: digest, to: path)
        return (try! PodsimModel(contentsOf: path), report, path)
    }()

    static var recommender: Recommender { Recommender(model: built.model) }
}

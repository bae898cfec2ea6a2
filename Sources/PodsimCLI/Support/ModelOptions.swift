import ArgumentParser
import Foundation
import PodsimClient
import PodsimCore
import PodsimProtocol

/// Options every query command shares.
struct ModelOptions: ParsableArguments {
    /// The model file queried when `--model` is not given.
    static let defaultModel = "Models/episodes.podsim"

    @Option(name: .long, help: "Model file to query (default: \(ModelOptions.defaultModel)).")
    var model: String?

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    /// `--model`, or the default.
    var modelPath: String { model ?? Self.defaultModel }

    /// Loads the model; failures (missing, truncated, corrupt, newer format) name the file.
    func recommender(fusion: ScoreFusion = .standard) throws -> Recommender {
        Recommender(model: try PodsimModel(contentsOf: modelPath), fusion: fusion)
    }
}

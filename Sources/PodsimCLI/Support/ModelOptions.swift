import ArgumentParser
import PodsimCore

/// Options every query command shares.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: "Model file to query.")
    var model: String = "Models/episodes.podsim"

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    /// Loads the model; failures (missing, truncated, corrupt, newer format) name the file.
    func recommender() throws -> Recommender {
        Recommender(model: try PodsimModel(contentsOf: model))
    }
}

/// `--k`, validated before anything runs.
struct CountOption: ParsableArguments {
    @Option(name: .customLong("k"), help: "How many answers (1…\(Recommender.maxK)).")
    var k: Int = 10

    func validate() throws {
        guard (1...Recommender.maxK).contains(k) else {
            throw ValidationError("--k must be between 1 and \(Recommender.maxK), got \(k)")
        }
    }
}

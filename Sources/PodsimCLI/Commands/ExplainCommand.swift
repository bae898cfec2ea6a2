import ArgumentParser
import PodsimCore

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "The terms two episodes share that contribute most to their similarity.")

    @Argument(help: "First episode id.")
    var first: String

    @Argument(help: "Second episode id.")
    var second: String

    @OptionGroup var count: CountOption
    @OptionGroup var options: ModelOptions

    func run() throws {
        let explanation = try options.recommender().explain(first, second, k: count.k)
        if options.json { return try Output.json(explanation) }
        print("latent cosine \(Output.score(explanation.latentCosine)), term cosine \(Output.score(explanation.termCosine))")
        Output.table(
            ["contribution", "shared term"],
            explanation.terms.map { [Output.score($0.contribution), $0.term] })
    }
}

struct TopicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics", abstract: "Top terms of each latent dimension: what the model's axes are about.")

    @OptionGroup var count: CountOption
    @OptionGroup var options: ModelOptions

    func run() throws {
        let topics = try options.recommender().topics(termsPerDimension: count.k)
        if options.json { return try Output.json(topics) }
        Output.table(
            ["dim", "σ", "top terms"],
            topics.map { ["\($0.dimension)", String(format: "%.3f", $0.singularValue), $0.terms.joined(separator: ", ")] })
    }
}

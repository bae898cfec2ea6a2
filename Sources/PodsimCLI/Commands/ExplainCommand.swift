import ArgumentParser
import PodsimClient
import PodsimCore

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "The terms two episodes share that contribute most to their similarity.")

    @Argument(help: "First episode id.")
    var first: String

    @Argument(help: "Second episode id.")
    var second: String

    @OptionGroup var count: CountOption
    @OptionGroup var options: SourceOptions

    /// What `--json` prints over `--server`: EXPLAIN carries the terms but not the two cosines.
    struct RemoteExplanation: Encodable {
        var terms: [SharedTerm]
    }

    func run() async throws {
        let (explanation, terms) = try await options.answer { recommender -> (Explanation?, [SharedTerm]) in
            let explanation = try recommender.explain(first, second, k: count.k)
            return (explanation, explanation.terms)
        } remote: { client throws(PodsimClientError) -> (Explanation?, [SharedTerm]) in
            (nil, try await client.explain(first, second, k: count.k).map {
                SharedTerm(term: $0.term, contribution: $0.contribution)
            })
        }
        if options.json {
            if let explanation { return try Output.json(explanation) }
            return try Output.json(RemoteExplanation(terms: terms))
        }
        if let explanation {
            print("latent cosine \(Output.score(explanation.latentCosine)), term cosine \(Output.score(explanation.termCosine))")
        }
        Output.table(["contribution", "shared term"], terms.map { [Output.score($0.contribution), $0.term] })
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

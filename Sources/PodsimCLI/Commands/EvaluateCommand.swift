import ArgumentParser
import PodsimCore
import PodsimWorkbench

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a model against a labelled set (MRR, hit@1, hit@3, recall@5).",
        discussion: """
            --json prints the metrics and every case (rank of its first relevant answer, the \
            answers). --corpus and --neighbours write what Benchmarks/relevance.sh needs to score \
            other systems on the same episodes: the indexed text of every episode, and podsim's \
            10 most similar episodes for an evenly spaced sample of them.
            """)

    @Option(help: "Labelled set (JSON; see Tests/Labels/seeds.json).")
    var labels: String = "Tests/Labels/seeds.json"

    @Flag(help: "List the cases whose first relevant answer was not ranked first.")
    var misses = false

    @Option(help: "Also write every episode (id, show, indexed text, guests) as JSON Lines to this file.")
    var corpus: String?

    @Option(help: "Also write the 10 most similar episodes of --sample episodes as JSON Lines to this file.")
    var neighbours: String?

    @Option(help: "How many evenly spaced episodes --neighbours answers for (default 2000).")
    var sample: Int = 2000

    @Option(help: "Weight of the lexical cosine in the fused score, 0–1 (default 0.8; 0 ranks by the latent cosine alone).")
    var lexicalWeight: Float = ScoreFusion.standard.lexicalWeight

    @Flag(help: "Skip the labelled set (with --corpus or --neighbours, for a catalogue without labels).")
    var noLabels = false

    @OptionGroup var options: ModelOptions

    func validate() throws {
        guard lexicalWeight >= 0 && lexicalWeight <= 1 else {
            throw ValidationError("--lexical-weight must be between 0 and 1, got \(lexicalWeight)")
        }
        guard sample >= 1 else { throw ValidationError("--sample must be at least 1, got \(sample)") }
        if noLabels && corpus == nil && neighbours == nil {
            throw ValidationError("--no-labels leaves nothing to do without --corpus or --neighbours")
        }
    }

    /// The JSON shape of `podsim evaluate --json`.
    struct Report: Encodable {
        var similar: Evaluation.Metrics
        var search: Evaluation.Metrics
        var guests: Evaluation.Metrics
        var cases: [Evaluation.CaseResult]
    }

    func run() throws {
        let fusion = try ScoreFusion(lexicalWeight: lexicalWeight).validated()
        let recommender = try options.recommender(fusion: fusion)
        if let corpus { try RelevanceDump.writeCorpus(of: recommender.model, to: corpus) }
        if let neighbours {
            try RelevanceDump.writeNeighbours(of: recommender, sample: sample, k: Evaluation.depth, to: neighbours)
        }
        if noLabels { return }
        let set = try LabelledSet(contentsOf: labels)
        let evaluation = try Evaluation(recommender, labels: set)
        if options.json {
            return try Output.json(Report(
                similar: evaluation.similar, search: evaluation.search, guests: evaluation.guests,
                cases: evaluation.cases))
        }
        let more = try RecommendationEvaluation(recommender, labels: set)
        var rows = [("similar", evaluation.similar), ("search", evaluation.search), ("guests", evaluation.guests)]
        rows.append(("recommend", more.recommend))
        rows += more.shows.map { ("similar-shows (\($0.aggregation.rawValue))", $0.metrics) }
        rows.removeAll { $0.1.cases == 0 }
        Output.table(
            ["task", "cases", "MRR", "hit@1", "hit@3", "recall@5"],
            rows.map { name, m in
                [name, "\(m.cases)", f(m.meanReciprocalRank), f(m.hitAt1), f(m.hitAt3), f(m.recallAt5)]
            })
        if misses {
            for miss in evaluation.misses + more.misses {
                print("\(miss.query): first relevant at \(miss.rank.map(String.init) ?? "none"); top \(miss.top)")
            }
        }
    }

    private func f(_ value: Double) -> String { String(format: "%.3f", value) }
}

import ArgumentParser
import PodsimCore
import PodsimWorkbench

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a model against a labelled set (MRR, hit@1, hit@3, recall@5).")

    @Option(help: "Labelled set (JSON; see Tests/Labels/seeds.json).")
    var labels: String = "Tests/Labels/seeds.json"

    @Flag(help: "List the cases whose first relevant answer was not ranked first.")
    var misses = false

    @OptionGroup var options: ModelOptions

    func run() throws {
        let recommender = try options.recommender()
        let set = try LabelledSet(contentsOf: labels)
        let evaluation = try Evaluation(recommender, labels: set)
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

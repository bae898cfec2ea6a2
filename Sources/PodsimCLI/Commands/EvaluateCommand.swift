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
        let evaluation = try Evaluation(try options.recommender(), labels: LabelledSet(contentsOf: labels))
        let rows = [("similar", evaluation.similar), ("search", evaluation.search), ("guests", evaluation.guests)]
        Output.table(
            ["task", "cases", "MRR", "hit@1", "hit@3", "recall@5"],
            rows.map { name, m in
                [name, "\(m.cases)", f(m.meanReciprocalRank), f(m.hitAt1), f(m.hitAt3), f(m.recallAt5)]
            })
        if misses {
            for miss in evaluation.misses {
                print("\(miss.query): first relevant at \(miss.rank.map(String.init) ?? "none"); top \(miss.top)")
            }
        }
    }

    private func f(_ value: Double) -> String { String(format: "%.3f", value) }
}

import ArgumentParser
import PodsimProtocol

/// Options every `bench` subcommand takes.
struct BenchOptions: ParsableArguments {
    @Option(name: .customLong("k"), help: "Answers per query (1…\(ProtocolLimits().maxK)).")
    var k: Int = 10

    @Option(help: "Seed of the query choice (and of synthetic vectors).")
    var seed: UInt64 = 7

    @Flag(help: "Print one JSON object with the figures; progress goes to standard error.")
    var json = false

    func validate() throws {
        guard (1...ProtocolLimits().maxK).contains(k) else {
            throw ValidationError("--k must be within 1…\(ProtocolLimits().maxK), got \(k)")
        }
    }

    /// Where human-readable lines go: standard output, or standard error when --json owns it.
    func note(_ line: String) {
        if json { printError(line) } else { print(line) }
    }
}

/// What the driven queries ask (`bench server` and `bench local`; `recommend`, with
/// `QueryDriver.recommendLikes` liked ids a query, only in process).
enum QueryOperation: String, ExpressibleByArgument, CaseIterable, Encodable {
    case similar, search, guests, recommend
    case guestsLike = "guests-like"
}

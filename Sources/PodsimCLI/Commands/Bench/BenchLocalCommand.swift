import ArgumentParser
import PodsimCore

/// `podsim bench local`: the recommender's own cost, in this process, without the network.
struct BenchLocalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "local",
        abstract: "Measure queries in this process, without the network: QPS and latency percentiles.",
        discussion: """
            Opens --model as the server does (checksums verified, timed), then runs --op from \
            --concurrency threads for --duration seconds along --path.
            """)

    /// Which search path answers: `auto` is the recommender's default choice by size, `serving`
    /// the server preset (int8 from `SearchOptions.serving.quantizedFrom` episodes).
    enum PathChoice: String, ExpressibleByArgument, CaseIterable, Encodable {
        case auto, serving, exact, plain, simd, threads, quantized

        var options: SearchOptions {
            switch self {
            case .auto: .standard
            case .serving: .serving
            case .exact: .exact
            case .plain: SearchOptions(plainBelow: .max, quantizedFrom: nil)
            case .simd: SearchOptions(plainBelow: 0, parallelFrom: .max, quantizedFrom: nil)
            case .threads: SearchOptions(plainBelow: 0, parallelFrom: 0, quantizedFrom: nil)
            case .quantized: SearchOptions(quantizedFrom: 0)
            }
        }
    }

    @OptionGroup var bench: BenchOptions

    @Option(help: "Model file to query.")
    var model: String = ModelOptions.defaultModel

    @Option(help: "What to measure: \(QueryOperation.allCases.map(\.rawValue).joined(separator: ", ")).")
    var op: QueryOperation = .similar

    @Option(help: "Search path: \(PathChoice.allCases.map(\.rawValue).joined(separator: ", ")).")
    var path: PathChoice = .auto

    @Option(help: "Weight of the lexical cosine in the fused score, 0–1 (default 0.8; 0: latent only, podsim before fusion).")
    var lexicalWeight: Float = ScoreFusion.standard.lexicalWeight

    @Option(help: "Seconds to run.")
    var duration: Double = 10

    @Option(help: "Threads issuing queries at once.")
    var concurrency: Int = 1

    @Option(help: "After the run, compare this many guests / guests-like answers with the exhaustive ranking.")
    var check: Int = 0

    func validate() throws {
        guard duration > 0, concurrency >= 1 else { throw ValidationError("--duration and --concurrency must be positive") }
        guard lexicalWeight >= 0 && lexicalWeight <= 1 else {
            throw ValidationError("--lexical-weight must be between 0 and 1, got \(lexicalWeight)")
        }
    }

    func run() throws {
        let machine = MachineDescription.current()
        bench.note(machine.line)
        let loaded = try ModelLoad.measure(model, note: bench.note)
        let (recommender, prepare) = ModelLoad.time { Recommender(model: loaded.model, options: path.options, fusion: ScoreFusion(lexicalWeight: lexicalWeight)) }
        bench.note(String(format: "recommender ready in %.3f s (%@); %@", prepare,
                          recommender.quantized != nil ? "int8 codes built" : recommender.graphAnswers ? "the HNSW graph answers" : "exact",
                          Memory.describeResident()))
        if op == .guests || op == .guestsLike {
            // Built with every model (`PodsimModel.guestIndex`); built again here only to time it.
            let (_, seconds) = ModelLoad.time { GuestIndex(guests: loaded.model.guests, episodes: loaded.model.episodes) }
            bench.note(String(format: "guest index (show → guests, %d guests) built in %.3f s with the model", loaded.model.guests.count, seconds))
        }
        let query = try QueryDriver(recommender: recommender, operation: op, k: bench.k, seed: bench.seed)
        let result = query.run(seconds: duration, concurrency: concurrency)
        let agreement = check > 0
            ? try GuestAgreement.measure(recommender, operation: op, inputs: query.inputs, k: bench.k, count: check) : nil
        if bench.json {
            try Output.json(Report(
                machine: machine, model: model, episodes: loaded.model.index.count, dimensions: loaded.model.dimensions,
                openSeconds: loaded.verifiedSeconds, prepareSeconds: prepare, op: op, path: path, k: bench.k,
                concurrency: concurrency, result: result.figures, guestAgreement: agreement))
            return
        }
        print("op \(op.rawValue), path \(path.rawValue), \(concurrency) thread(s), \(String(format: "%.1f", result.seconds)) s, load \(Memory.loadAverage())")
        result.print()
        if let agreement { print(agreement.line) }
        print("after the run: \(Memory.describeResident()), peak \(Memory.describe(Memory.peakResidentBytes()))")
    }

    /// `--json`'s object.
    struct Report: Encodable {
        var machine: MachineDescription
        var model: String
        var episodes: Int
        var dimensions: Int
        /// Opening the model with its checksums verified, in seconds.
        var openSeconds: Double
        /// Building the recommender (int8 codes when the path uses them), in seconds.
        var prepareSeconds: Double
        var op: QueryOperation
        var path: PathChoice
        var k: Int
        var concurrency: Int
        var result: DriverResult.Figures
        /// `--check`: the guest ranking against the exhaustive one.
        var guestAgreement: GuestAgreement?

        enum CodingKeys: String, CodingKey {
            case machine, model, episodes, dimensions, openSeconds = "open_seconds", prepareSeconds = "prepare_seconds",
                 op, path, k, concurrency, result, guestAgreement = "guest_agreement"
        }
    }
}

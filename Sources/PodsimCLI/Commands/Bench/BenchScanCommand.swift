import ArgumentParser
import PodsimCore
import PodsimLinearAlgebra
import PodsimWorkbench

/// `podsim bench scan`: every search path side by side, against the memory bandwidth measured in
/// the same run.
struct BenchScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Compare the search paths (exact, int8, sgemm batch) against the memory bandwidth.",
        discussion: """
            Times one query on every path per repetition and reports medians, each as a multiple \
            of the time to read the vectors once at the bandwidth measured in the same run, with \
            each path's recall@k against the exact answer. Vectors come from --model, or \
            --vectors synthetic clustered ones. --threads limits the threaded paths and the BLAS \
            of the sgemm batch.
            """)

    @OptionGroup var bench: BenchOptions

    @Option(help: "Model file whose vectors to scan.")
    var model: String?

    @Option(help: "Without a model: this many synthetic clustered vectors.")
    var vectors: Int?

    @Option(help: "Dimensions of the synthetic vectors.")
    var dimensions: Int = 128

    @Option(help: "Threads of the threaded paths and of the BLAS batch (default: all cores).")
    var threads: Int?

    @Option(help: "Repetitions of each path; medians are reported.")
    var repetitions: Int = 11

    @Option(help: "Distinct queries (also the int8 paths' recall sample).")
    var queries: Int = 100

    @Flag(help: "Skip the slow plain loop.")
    var skipPlain = false

    @Option(help: "Size of the beyond-cache bandwidth probe, in MB (MiB).")
    var probeMegabytes: Int = MemoryBandwidth.probeBytes >> 20

    func validate() throws {
        guard (model == nil) != (vectors == nil) else {
            throw ValidationError("give --model FILE or --vectors N (synthetic), one of the two")
        }
        if let vectors, vectors < 1 { throw ValidationError("--vectors must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        guard dimensions >= 1, repetitions >= 1, queries >= 1, probeMegabytes >= 1 else {
            throw ValidationError("--dimensions, --repetitions, --queries and --probe-megabytes must be positive")
        }
    }

    func run() throws {
        if let threads { BLASThreads.set(threads) }
        let machine = MachineDescription.current()
        bench.note(machine.line)
        let index: VectorIndex
        if let model {
            index = try ModelLoad.measure(model, note: bench.note).model.index
        } else {
            let count = vectors!
            printError("generating \(count) × \(dimensions) synthetic vectors")
            index = VectorIndex(normalizing: SyntheticVectors.clustered(count: count, dimensions: dimensions, seed: bench.seed), dimensions: dimensions)
        }
        var benchmark = ScanBenchmark(index: index, queries: QueryDriver.rows(count: queries, of: index.count, seed: bench.seed).map(index.vector))
        benchmark.k = bench.k
        benchmark.includePlain = !skipPlain
        if let threads { benchmark.threads = threads }
        let report = try benchmark.run(repetitions: repetitions, probeBytes: probeMegabytes << 20) { printError("  \($0)") }
        if bench.json {
            try Output.json(ScanJSON(machine: machine, report: report))
        } else {
            ScanReportPrinter(report: report).print()
            print("load \(Memory.loadAverage())")
        }
    }
}

import Foundation
import ArgumentParser
import PodsimCore
import PodsimWorkbench

/// `podsim bench scan`: every search path side by side, against the memory bandwidth measured in
/// the same run.
struct BenchScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Compare the search paths (exact, int8, a batch of queries) against the memory bandwidth.",
        discussion: """
            Times one query on every path per repetition and reports medians, each as a multiple \
            of the time to read the vectors once at the bandwidth measured in the same run, with \
            each path's recall@k against the exact answer. Vectors come from --model, --npy (a \
            float32 .npy such as `podsim export` writes), or --vectors synthetic clustered ones. \
            --threads limits the threaded paths; --batch sets the queries of the batch path. The `ann` path \
            (the HNSW graph with exact rescoring) is timed when the model has a graph, or with \
            --ann, which builds one (and reports its build time).
            """)

    @OptionGroup var bench: BenchOptions

    @Option(help: "Model file whose vectors to scan.")
    var model: String?

    @Option(help: "Without a model: this many synthetic clustered vectors.")
    var vectors: Int?

    @Option(help: "Without a model: the rows of this float32 .npy file (normalised), such as `podsim export` writes.")
    var npy: String?

    @Flag(help: "Time the HNSW graph path: build the graph when the vectors have none.")
    var ann = false

    @Option(help: "Candidates of the graph path (hnswlib's ef), rescored exactly. (default: what a server uses for the model's size: 128, or 256 from 500,000 rows)")
    var ef: Int?

    @Option(help: "Also measure the graph at these ef values over every query (comma-separated).")
    var sweepEf: String?

    @Option(help: "Dimensions of the synthetic vectors.")
    var dimensions: Int = 128

    @Option(help: "Threads of the threaded paths (default: all cores).")
    var threads: Int?

    @Option(help: "Queries of the batch path, scored in one pass over the rows (1…1024).")
    var batch: Int = 8

    @Option(help: "Repetitions of each path; medians are reported.")
    var repetitions: Int = 11

    @Option(help: "Distinct queries (also the int8 paths' recall sample).")
    var queries: Int = 100

    @Flag(help: "Skip the slow plain loop.")
    var skipPlain = false

    @Option(help: "Size of the beyond-cache bandwidth probe, in MB (MiB).")
    var probeMegabytes: Int = MemoryBandwidth.probeBytes >> 20

    func validate() throws {
        guard [model != nil, vectors != nil, npy != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give --model FILE, --npy FILE or --vectors N (synthetic), one of the three")
        }
        if let ef, ef < 1 { throw ValidationError("--ef must be at least 1") }
        _ = try sweepValues()
        if let vectors, vectors < 1 { throw ValidationError("--vectors must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        guard (1...1_024).contains(batch) else { throw ValidationError("--batch must be between 1 and 1024, got \(batch)") }
        guard dimensions >= 1, repetitions >= 1, queries >= 1, probeMegabytes >= 1 else {
            throw ValidationError("--dimensions, --repetitions, --queries and --probe-megabytes must be positive")
        }
    }

    func run() throws {
        let machine = MachineDescription.current()
        bench.note(machine.line)
        let index: VectorIndex
        var graph: GraphIndex?
        if let model {
            let loaded = try ModelLoad.measure(model, note: bench.note).model
            index = loaded.index
            graph = loaded.graph
        } else if let npy {
            printError("reading \(npy)")
            let (values, columns) = try NumPyFile.read(npy)
            index = VectorIndex(normalizing: values, dimensions: columns)
        } else {
            let count = vectors!
            printError("generating \(count) × \(dimensions) synthetic vectors")
            index = VectorIndex(normalizing: SyntheticVectors.clustered(count: count, dimensions: dimensions, seed: bench.seed), dimensions: dimensions)
        }
        var buildSeconds: Double?
        if ann && graph == nil {
            printError("linking the graph index over \(index.count) rows (M 16, ef_construction 200, \(ProcessInfo.processInfo.activeProcessorCount) threads)")
            let start = DispatchTime.now().uptimeNanoseconds
            graph = try GraphIndex(building: index, parameters: GraphParameters(seed: bench.seed)) { printError("  \($0)") }
            buildSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        var benchmark = ScanBenchmark(index: index, queries: QueryDriver.rows(count: queries, of: index.count, seed: bench.seed).map(index.vector))
        benchmark.graph = graph
        benchmark.options.graph.ef = ef
        benchmark.sweepEF = try sweepValues()
        benchmark.k = bench.k
        benchmark.includePlain = !skipPlain
        if let threads { benchmark.threads = threads }
        benchmark.batchSize = batch
        let report = try benchmark.run(repetitions: repetitions, probeBytes: probeMegabytes << 20) { printError("  \($0)") }
        if bench.json {
            try Output.json(ScanJSON(machine: machine, report: report, graphBuildSeconds: buildSeconds))
        } else {
            ScanReportPrinter(report: report, graphBuildSeconds: buildSeconds).print()
            print("load \(Memory.loadAverage())")
        }
    }

    /// The --sweep-ef values, each at least 1.
    func sweepValues() throws -> [Int] {
        guard let sweepEf else { return [] }
        return try sweepEf.split(separator: ",").map { text in
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= 1 else {
                throw ValidationError("--sweep-ef takes positive whole numbers separated by commas, got '\(sweepEf)'")
            }
            return value
        }
    }
}

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

/// `bench scan --json`: `{"paths": [{"path", "ms_per_query", "recall_at_10", …}], …}`.
struct ScanJSON: Encodable {
    let machine: MachineDescription
    let report: ScanReport

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        let r = report
        var top = encoder.container(keyedBy: Key.self)
        try top.encode(machine, forKey: Key("machine"))
        try top.encode(r.rows, forKey: Key("rows"))
        try top.encode(r.dimensions, forKey: Key("dimensions"))
        try top.encode(r.k, forKey: Key("k"))
        try top.encode(r.threads, forKey: Key("threads"))
        try top.encode(r.repetitions, forKey: Key("repetitions"))
        try top.encode(r.bandwidth / 1e9, forKey: Key("bandwidth_gb_per_s"))
        try top.encode(r.vectorReadSeconds * 1e3, forKey: Key("vector_read_ms"))
        try top.encode(Double(r.codeBytes) / 1e6, forKey: Key("int8_code_mb"))
        try top.encode(r.quantizeSeconds, forKey: Key("quantize_seconds"))
        try top.encode(r.exactPathsDisagreed, forKey: Key("exact_paths_disagreed"))
        var paths = top.nestedUnkeyedContainer(forKey: Key("paths"))
        for result in r.paths {
            var path = paths.nestedContainer(keyedBy: Key.self)
            try path.encode(result.path.rawValue, forKey: Key("path"))
            try path.encode(result.path.label(threads: r.threads), forKey: Key("label"))
            try path.encode(result.seconds * 1e3, forKey: Key("ms_per_query"))
            try path.encode(result.recall, forKey: Key("recall_at_\(r.k)"))
            try path.encode(result.seconds / r.vectorReadSeconds, forKey: Key("x_vector_read"))
        }
    }
}

/// Prints a `ScanReport` as a table of ratios.
struct ScanReportPrinter {
    let report: ScanReport

    func print() {
        let r = report
        Swift.print(String(format: "index %d × %d (%.1f MB of vectors), %d threads, %d repetitions (medians), batch %d",
                           r.rows, r.dimensions, Double(r.vectorBytes) / 1e6, r.threads, r.repetitions, r.batchSize))
        let probes = r.bandwidths.map { String(format: "%@ %.2f GB/s", $0.name, $0.bytesPerSecond / 1e9) }
        Swift.print("memory bandwidth, 1 thread: " + probes.joined(separator: ", "))
        Swift.print(String(format: "reading the vectors at the best of these takes %.2f ms", r.vectorReadSeconds * 1e3))
        let exact = r.seconds(.exact) ?? .nan
        Output.table(
            ["path", "ms/query", "× vector read", "speed-up vs exact", "recall@\(r.k)"],
            r.paths.map { result in
                [result.path.label(threads: r.threads), String(format: "%.3f", result.seconds * 1e3),
                 String(format: "%.2f", result.seconds / r.vectorReadSeconds), String(format: "%.2f", exact / result.seconds),
                 String(format: "%.4f", result.recall)]
            })
        Swift.print(String(format: "int8 codes: %.1f MB built in %.3f s; exact paths disagreed %d time(s)",
                           Double(r.codeBytes) / 1e6, r.quantizeSeconds, r.exactPathsDisagreed))
    }
}

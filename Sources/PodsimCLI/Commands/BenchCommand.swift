import ArgumentParser
import Dispatch
import Foundation
import Histogram
import PodsimCore

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure query latency and throughput (QPS, p50…p99.9, max) or compare search paths.",
        discussion: """
            --in-process runs the queries in this process, without the network. --op similar,
            search or guests drive the recommender from --concurrency threads for --duration
            seconds and print QPS and an HdrHistogram of latencies. --op scan times every search
            path side by side against the machine's memory bandwidth, measured in the same run,
            and prints the ratios and the quantized path's recall. OPENBLAS_NUM_THREADS sets the
            threads of the sgemm batch. (Measuring a server over TCP joins once the client
            library exists.)
            """)

    enum Operation: String, ExpressibleByArgument, CaseIterable {
        case similar, search, guests, scan
    }

    /// Which search path answers: `auto` is the recommender's default choice by size, `serving`
    /// the server preset (int8 from 524,288 episodes).
    enum PathChoice: String, ExpressibleByArgument, CaseIterable {
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

    @Flag(help: "Run the queries in this process (the only mode so far).")
    var inProcess = false

    @Option(help: "Model file to query.")
    var model: String?

    @Option(help: "--op scan without a model: this many synthetic clustered vectors.")
    var vectors: Int?

    @Option(help: "Dimensions of the synthetic vectors.")
    var dimensions: Int = 128

    @Option(help: "What to measure: \(Operation.allCases.map(\.rawValue).joined(separator: ", ")).")
    var op: Operation = .similar

    @Option(help: "Search path: \(PathChoice.allCases.map(\.rawValue).joined(separator: ", ")).")
    var path: PathChoice = .auto

    @Option(help: "Seconds to run similar/search/guests.")
    var duration: Double = 10

    @Option(help: "Threads issuing queries at once (similar/search/guests).")
    var concurrency: Int = 1

    @Option(name: .customLong("k"), help: "Answers per query.")
    var k: Int = 10

    @Option(help: "Repetitions of each path (scan); medians are reported.")
    var repetitions: Int = 11

    @Option(help: "Distinct queries (scan: also the recall sample).")
    var queries: Int = 100

    @Flag(help: "Scan: skip the slow plain loop.")
    var skipPlain = false

    @Option(help: "Seed of the synthetic vectors and of the query choice.")
    var seed: UInt64 = 7

    func validate() throws {
        guard inProcess else { throw ValidationError("name the mode: --in-process (TCP server mode is not available yet)") }
        if model != nil && vectors != nil { throw ValidationError("give either --model or --vectors, not both") }
        if op != .scan && model == nil { throw ValidationError("--op \(op.rawValue) needs --model") }
        if op == .scan && model == nil && vectors == nil { throw ValidationError("--op scan needs --model or --vectors") }
        if let vectors, vectors < 1 { throw ValidationError("--vectors must be at least 1") }
        guard dimensions >= 1, duration > 0, concurrency >= 1, (1...Recommender.maxK).contains(k),
              repetitions >= 1, queries >= 1
        else { throw ValidationError("--dimensions, --duration, --concurrency, --repetitions, --queries must be positive; --k within 1…\(Recommender.maxK)") }
    }

    func run() throws {
        printMachine()
        if op == .scan { return try runScan() }
        let loaded = try ModelLoad.measure(model!)
        let started = DispatchTime.now().uptimeNanoseconds
        let recommender = Recommender(model: loaded.model, options: path.options)
        let prepare = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        print(String(format: "recommender ready in %.3f s (%@); %@", prepare,
                     recommender.quantized == nil ? "exact" : "int8 codes built", Memory.describeResident()))
        let query = try QueryDriver(recommender: recommender, operation: op, k: k, seed: seed)
        let result = query.run(seconds: duration, concurrency: concurrency)
        print("op \(op.rawValue), path \(path.rawValue), \(concurrency) thread(s), \(String(format: "%.1f", result.seconds)) s, load \(Memory.loadAverage())")
        result.print()
        print("after the run: \(Memory.describeResident()), peak \(Memory.describe(Memory.peakResidentBytes()))")
    }

    private func runScan() throws {
        let index: VectorIndex
        if let model {
            index = try ModelLoad.measure(model).model.index
        } else {
            let count = vectors!
            printError("generating \(count) × \(dimensions) synthetic vectors")
            index = VectorIndex(normalizing: SyntheticVectors.clustered(count: count, dimensions: dimensions, seed: seed), dimensions: dimensions)
        }
        var benchmark = ScanBenchmark(index: index, queries: QueryDriver.rows(count: queries, of: index.count, seed: seed).map(index.vector))
        benchmark.k = k
        benchmark.includePlain = !skipPlain
        let report = try benchmark.run(repetitions: repetitions) { printError("  \($0)") }
        ScanReportPrinter(report: report).print()
        print("load \(Memory.loadAverage())")
    }

    private func printMachine() {
        let blas = ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] ?? "unset (all cores)"
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, OPENBLAS_NUM_THREADS \(blas), load \(Memory.loadAverage())")
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
        let simd = r.medians[ScanReport.simd] ?? .nan
        Output.table(
            ["path", "ms/query", "× vector read", "speed-up vs SIMD"],
            r.paths.map { name, seconds in
                [name, String(format: "%.3f", seconds * 1e3), String(format: "%.2f", seconds / r.vectorReadSeconds),
                 String(format: "%.2f", simd / seconds)]
            })
        Swift.print(String(format: "int8 codes: %.1f MB built in %.3f s; recall@10 of the int8 path %.4f; exact paths disagreed %d time(s)",
                           Double(r.codeBytes) / 1e6, r.quantizeSeconds, r.recall, r.exactPathsDisagreed))
    }
}

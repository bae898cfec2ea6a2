import ArgumentParser
import Dispatch
import Foundation
import Histogram
import PodsimClient
import PodsimCore
import PodsimWorkbench

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure query latency and throughput (QPS, p50…p99.9, max) or compare search paths.",
        discussion: """
            --server host:port measures a running server over TCP: --connections clients, each \
            keeping --pipeline requests in flight, send --op similar, search, guests or ping for \
            --duration seconds after --warmup seconds; it prints QPS, latency percentiles from an \
            HdrHistogram (request handed to the connection → answer), errors by status, and the \
            server's own STATS for comparison. Query inputs (episode ids, titles) come from \
            --model, by default Models/episodes.podsim: the file the server serves, or a copy. \
            $PODSIM_AUTH_TOKEN is sent with AUTH when set.

            --in-process runs the same queries in this process, without the network, from \
            --concurrency threads. --op scan times every search path side by side against the \
            machine's memory bandwidth, measured in the same run, and prints the ratios and the \
            quantized path's recall. OPENBLAS_NUM_THREADS sets the threads of the sgemm batch.
            """)

    enum Operation: String, ExpressibleByArgument, CaseIterable {
        case similar, search, guests, ping, scan
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

    @Flag(help: "Run the queries in this process, without the network.")
    var inProcess = false

    @Option(help: ArgumentHelp("Measure the podsim server at host:port over TCP.", valueName: "host:port"))
    var server: String?

    @OptionGroup var tls: TLSClientOptions

    @Option(help: "Model file to query (--in-process), or to take query inputs from (--server; default \(ModelOptions.defaultModel)).")
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

    @Option(help: "Threads issuing queries at once (--in-process similar/search/guests).")
    var concurrency: Int = 1

    @Option(help: "--server: connections, one client each.")
    var connections: Int = 1

    @Option(help: "--server: requests each connection keeps in flight (pipelined).")
    var pipeline: Int = 1

    @Option(help: "--server: seconds of unrecorded load before the measured --duration.")
    var warmup: Double = 1

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
        guard inProcess != (server != nil) else {
            throw ValidationError("name one mode: --server host:port (a running server over TCP) or --in-process")
        }
        if let server {
            guard PodsimClient(address: server) != nil else {
                throw ValidationError("--server must be host:port, like 127.0.0.1:7411 or [::1]:7411; got '\(server)'")
            }
            guard op != .scan else { throw ValidationError("--op scan runs in process only: use --in-process") }
            guard vectors == nil else { throw ValidationError("--vectors is for --in-process --op scan") }
            guard (1...10_000).contains(connections), (1...10_000).contains(pipeline), warmup >= 0 else {
                throw ValidationError("--connections and --pipeline must be within 1…10000, --warmup at least 0")
            }
            guard duration > 0, (1...Recommender.maxK).contains(k) else {
                throw ValidationError("--duration must be positive; --k within 1…\(Recommender.maxK)")
            }
            return
        }
        if op == .ping { throw ValidationError("--op ping needs a server: --server host:port") }
        if tls.configuration != nil { throw ValidationError("--tls and --tls-ca are for --server") }
        if model != nil && vectors != nil { throw ValidationError("give either --model or --vectors, not both") }
        if op != .scan && model == nil { throw ValidationError("--op \(op.rawValue) needs --model") }
        if op == .scan && model == nil && vectors == nil { throw ValidationError("--op scan needs --model or --vectors") }
        if let vectors, vectors < 1 { throw ValidationError("--vectors must be at least 1") }
        guard dimensions >= 1, duration > 0, concurrency >= 1, (1...Recommender.maxK).contains(k),
              repetitions >= 1, queries >= 1
        else { throw ValidationError("--dimensions, --duration, --concurrency, --repetitions, --queries must be positive; --k within 1…\(Recommender.maxK)") }
    }

    func run() async throws {
        printMachine()
        if let server { return try await runServer(server) }
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

    private func runServer(_ address: String) async throws {
        let configuration = tls.clientConfiguration
        guard let probe = PodsimClient(address: address, configuration: configuration) else {
            throw ValidationError("--server must be host:port; got '\(address)'")
        }
        do {
            try await measure(address, configuration: configuration, probe: probe)
        } catch {
            await probe.close()
            throw error
        }
        await probe.close()
    }

    /// The server run of `runServer`: INFO, the load, STATS, through `probe` and the driver's clients.
    private func measure(_ address: String, configuration: PodsimClient.Configuration, probe: PodsimClient) async throws {
        let info: ServerInfo
        do { info = try await probe.info() } catch { throw BenchFailure("cannot ask the server at \(address) for INFO: \(ServerFailure(error: error))") }
        print("server \(address): \(info.serverVersion), model \(info.modelID), \(info.episodes) episodes × \(info.dimensions) dimensions")
        let inputs = try serverInputs(serving: info)
        let driver = ServerDriver(address: address, configuration: configuration, operation: op, k: k, inputs: inputs)
        let result = try await driver.run(seconds: duration, warmup: warmup, connections: connections, pipeline: pipeline)
        print("op \(op.rawValue), k \(k), \(connections) connection(s) × pipeline \(pipeline), "
            + String(format: "%.1f s after %.1f s warm-up, load %@", result.seconds, warmup, Memory.loadAverage()))
        result.print()
        if let stats = try? await probe.stats() {
            let l = stats.latency
            print("server's own view (STATS, all requests since it started, decode → answer): \(l.count) requests, µs "
                + "p50 \(l.p50Microseconds)  p90 \(l.p90Microseconds)  p99 \(l.p99Microseconds)  p99.9 \(l.p999Microseconds)  max \(l.maxMicroseconds)")
        }
        // Latencies of nothing are no measurement: a script running the bench must see it.
        if result.histogram.totalCount == 0 { throw BenchFailure("no request was answered successfully in \(String(format: "%.1f", result.seconds)) s") }
    }

    /// Episode ids or titles from the model file the server is assumed to serve. A different
    /// model is allowed (a copy of an older build) but said, since unknown ids count as errors.
    private func serverInputs(serving info: ServerInfo) throws -> [String] {
        guard op != .ping else { return [] }
        let path = model ?? ModelOptions.defaultModel
        let local: PodsimModel
        do { local = try PodsimModel(contentsOf: path) } catch {
            throw BenchFailure("--op \(op.rawValue) takes its query inputs (episode ids, titles) from a model file, "
                + "--model (default \(ModelOptions.defaultModel)): \(error)")
        }
        if local.info.modelID != info.modelID {
            printError("note: \(path) is model \(local.info.modelID), the server serves \(info.modelID): ids it does not know count as NOT_FOUND")
        }
        return QueryDriver.inputs(for: op, from: local.episodes, seed: seed)
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

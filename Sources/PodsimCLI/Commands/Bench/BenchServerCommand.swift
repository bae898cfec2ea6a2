import ArgumentParser
import Foundation
import PodsimClient
import PodsimCore
import PodsimProtocol

/// What `bench server` asks: a query, or PING (the cost of the server and network alone).
enum ServerOperation: String, ExpressibleByArgument, CaseIterable, Encodable {
    case similar, search, guests, ping
    case guestsLike = "guests-like"

    /// The query whose inputs are drawn from the model; nil for PING.
    var query: QueryOperation? { QueryOperation(rawValue: rawValue) }
}

/// `podsim bench server`: latency and throughput of a running server over TCP.
struct BenchServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Measure a running server over TCP: QPS and latency percentiles.",
        discussion: """
            --connections clients, each keeping --pipeline requests in flight, send --op for \
            --duration seconds after --warmup seconds. Latencies come from an HdrHistogram \
            (request handed to the connection → answer); errors are counted by status; the \
            server's own STATS are printed for comparison. Query inputs (episode ids, titles) come \
            from --model, by default \(ModelOptions.defaultModel): the file the server serves, or a \
            copy. $PODSIM_AUTH_TOKEN is sent with AUTH when set.
            """)

    @Argument(help: ArgumentHelp("The server to measure.", valueName: "host:port"))
    var address: String = "127.0.0.1:7411"

    @OptionGroup var bench: BenchOptions
    @OptionGroup var tls: TLSClientOptions

    @Option(help: "What to send: \(ServerOperation.allCases.map(\.rawValue).joined(separator: ", ")).")
    var op: ServerOperation = .similar

    @Option(help: "Model file to take query inputs from (default \(ModelOptions.defaultModel)).")
    var model: String?

    @Option(help: "Seconds of measured load.")
    var duration: Double = 10

    @Option(help: "Seconds of unrecorded load before the measured --duration.")
    var warmup: Double = 1

    @Option(help: "Connections, one client each.")
    var connections: Int = 1

    @Option(help: "Requests each connection keeps in flight (pipelined).")
    var pipeline: Int = 1

    func validate() throws {
        guard PodsimClient(address: address) != nil else {
            throw ValidationError("the address must be host:port, like 127.0.0.1:7411 or [::1]:7411; got '\(address)'")
        }
        guard (1...10_000).contains(connections), (1...10_000).contains(pipeline) else {
            throw ValidationError("--connections and --pipeline must be within 1…10000")
        }
        guard duration > 0, warmup >= 0 else { throw ValidationError("--duration must be positive and --warmup at least 0") }
    }

    func run() async throws {
        let machine = MachineDescription.current()
        bench.note(machine.line)
        let configuration = tls.clientConfiguration
        guard let probe = PodsimClient(address: address, configuration: configuration) else {
            throw ValidationError("the address must be host:port; got '\(address)'")
        }
        do {
            try await measure(configuration: configuration, probe: probe, machine: machine)
        } catch {
            await probe.close()
            throw error
        }
        await probe.close()
    }

    /// INFO, the load, STATS, through `probe` and the driver's clients.
    private func measure(configuration: PodsimClient.Configuration, probe: PodsimClient, machine: MachineDescription) async throws {
        let info: ServerInfo
        do { info = try await probe.info() } catch { throw BenchFailure("cannot ask the server at \(address) for INFO: \(ServerFailure(error: error))") }
        bench.note("server \(address): \(info.serverVersion), model \(info.modelID), \(info.episodes) episodes × \(info.dimensions) dimensions")
        let inputs = try queryInputs(serving: info)
        let driver = ServerDriver(address: address, configuration: configuration, operation: op, k: bench.k, inputs: inputs)
        let result = try await driver.run(seconds: duration, warmup: warmup, connections: connections, pipeline: pipeline)
        let stats = try? await probe.stats()
        if bench.json {
            try Output.json(Report(
                machine: machine, address: address, serverVersion: info.serverVersion, modelID: info.modelID,
                episodes: Int(info.episodes), op: op, k: bench.k, connections: connections, pipeline: pipeline,
                warmupSeconds: warmup, result: result.figures, serverLatencyMicroseconds: stats.map(Self.latency)))
        } else {
            print("op \(op.rawValue), k \(bench.k), \(connections) connection(s) × pipeline \(pipeline), "
                + String(format: "%.1f s after %.1f s warm-up, load %@", result.seconds, warmup, Memory.loadAverage()))
            result.print()
            if let stats {
                let latency = Self.latency(stats)
                print("server's own view (STATS, all requests since it started, decode → answer): \(stats.latency.count) requests, µs "
                    + ["p50", "p90", "p99", "p99.9", "max"].map { "\($0) \(latency[$0] ?? 0)" }.joined(separator: "  "))
            }
        }
        // Latencies of nothing are no measurement: a script running the bench must see it.
        if result.histogram.totalCount == 0 { throw BenchFailure("no request was answered successfully in \(String(format: "%.1f", result.seconds)) s") }
    }

    private static func latency(_ stats: ServerStats) -> [String: UInt64] {
        let l = stats.latency
        return ["p50": l.p50Microseconds, "p90": l.p90Microseconds, "p99": l.p99Microseconds,
                "p99.9": l.p999Microseconds, "max": l.maxMicroseconds]
    }

    /// Episode ids or titles from the model file the server is assumed to serve. A different
    /// model is allowed (a copy of an older build) but said, since unknown ids count as errors.
    private func queryInputs(serving info: ServerInfo) throws -> [String] {
        guard let query = op.query else { return [] }
        let path = model ?? ModelOptions.defaultModel
        let local: PodsimModel
        do { local = try PodsimModel(contentsOf: path) } catch {
            throw BenchFailure("--op \(op.rawValue) takes its query inputs (episode ids, titles) from a model file, "
                + "--model (default \(ModelOptions.defaultModel)): \(error)")
        }
        if local.info.modelID != info.modelID {
            printError("note: \(path) is model \(local.info.modelID), the server serves \(info.modelID): ids it does not know count as NOT_FOUND")
        }
        return QueryDriver.inputs(for: query, from: local, seed: bench.seed)
    }

    /// `--json`'s object.
    struct Report: Encodable {
        var machine: MachineDescription
        var address: String
        var serverVersion: String
        var modelID: String
        var episodes: Int
        var op: ServerOperation
        var k: Int
        var connections: Int
        var pipeline: Int
        var warmupSeconds: Double
        var result: DriverResult.Figures
        /// The server's STATS latencies (all requests since it started), in microseconds.
        var serverLatencyMicroseconds: [String: UInt64]?

        enum CodingKeys: String, CodingKey {
            case machine, address, serverVersion = "server_version", modelID = "model_id", episodes, op, k, connections,
                 pipeline, warmupSeconds = "warmup_seconds", result, serverLatencyMicroseconds = "server_latency_us"
        }
    }
}

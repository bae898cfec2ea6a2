import Dispatch
import Histogram
import PodsimClient
import PodsimProtocol

/// Drives one opcode against a running server: `connections` clients, each keeping `pipeline`
/// calls in flight on its one connection, for a fixed time. Every answered call's latency — from
/// handing the request to the connection to its answer — goes into an HdrHistogram; failures are
/// counted by status (or by client error kind: timeout, connection closed…), not timed.
///
/// A closed loop: each of the `connections × pipeline` callers sends its next request when the
/// previous one is answered, so the figures are latency at the throughput the server sustains
/// with that many requests outstanding — raise `pipeline` to find the saturation point.
struct ServerDriver: Sendable {
    let address: String
    let configuration: PodsimClient.Configuration
    let operation: ServerOperation
    let k: Int
    /// Inputs, cycled: episode ids for `similar`, texts for `search`/`guests`; unused by `ping`.
    let inputs: [String]

    /// Connects every client (a PING each, so a wrong address fails before timing starts), runs
    /// `warmup` seconds unrecorded, then `seconds` recorded.
    func run(seconds: Double, warmup: Double, connections: Int, pipeline: Int) async throws -> DriverResult {
        guard PodsimClient(address: address) != nil else { throw BenchFailure("--server must be host:port; got '\(address)'") }
        let clients = (0..<connections).map { _ in PodsimClient(address: address, configuration: configuration)! }
        do {
            for client in clients { try await client.ping() }
        } catch {
            for client in clients { await client.close() }
            throw BenchFailure("cannot reach the server at \(address): \(error)")
        }
        let result = await load(clients, seconds: seconds, warmup: warmup, pipeline: pipeline)
        for client in clients { await client.close() }
        return result
    }

    /// `pipeline` callers per client for `warmup` + `seconds`; the histogram holds the last `seconds`.
    private func load(_ clients: [PodsimClient], seconds: Double, warmup: Double, pipeline: Int) async -> DriverResult {
        let connections = clients.count
        let callers = connections * pipeline
        let stride = max(inputs.count / callers, 1)
        let start = DispatchTime.now().uptimeNanoseconds
        let measureFrom = start + UInt64(warmup * 1e9)
        let deadline = measureFrom + UInt64(seconds * 1e9)
        var total = Histogram<UInt64>(highestTrackableValue: QueryDriver.highestLatency, numberOfSignificantValueDigits: .three)
        var errors: [String: Int] = [:]
        await withTaskGroup(of: (Histogram<UInt64>, [String: Int]).self) { group in
            for caller in 0..<callers {
                let client = clients[caller % connections]
                group.addTask {
                    await self.call(client, from: caller * stride, measureFrom: measureFrom, deadline: deadline)
                }
            }
            for await (histogram, failures) in group {
                total.add(histogram)
                errors.merge(failures, uniquingKeysWith: +)
            }
        }
        let measured = Double(DispatchTime.now().uptimeNanoseconds - measureFrom) / 1e9
        return DriverResult(histogram: total, errors: errors, seconds: measured)
    }

    /// One caller's loop: a request, its answer, the next request.
    private func call(
        _ client: PodsimClient, from first: Int, measureFrom: UInt64, deadline: UInt64
    ) async -> (Histogram<UInt64>, [String: Int]) {
        var histogram = Histogram<UInt64>(highestTrackableValue: QueryDriver.highestLatency, numberOfSignificantValueDigits: .three)
        var errors: [String: Int] = [:]
        var next = first
        while true {
            let began = DispatchTime.now().uptimeNanoseconds
            if began >= deadline { break }
            let input = inputs.isEmpty ? "" : inputs[next % inputs.count]
            next += 1
            let failure: String?
            do {
                try await ask(client, input)
                failure = nil
            } catch {
                failure = Self.label(error)
            }
            guard began >= measureFrom else { continue }
            if let failure {
                errors[failure, default: 0] += 1
            } else {
                _ = histogram.record(DispatchTime.now().uptimeNanoseconds - began)
            }
        }
        return (histogram, errors)
    }

    private func ask(_ client: PodsimClient, _ input: String) async throws(PodsimClientError) {
        switch operation {
        case .similar: _ = try await client.similar(input, k: k)
        case .search: _ = try await client.search(input, k: k)
        case .guests: _ = try await client.guests(topic: input, k: k)
        case .guestsLike: _ = try await client.guestsLike(input, k: k)
        case .ping: try await client.ping()
        }
    }

    /// `NOT_FOUND (2)` for a server's status, the error kind (`timeout`) otherwise.
    static func label(_ error: PodsimClientError) -> String {
        if error.code == .server, let status = error.status { return "\(status)" }
        return error.code.description
    }
}

/// A bench run that cannot start; printed as one line, exit status 1.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

import NIOCore
import PodsimProtocol
import PodsimTestSupport
import Testing
@testable import PodsimServer

/// A real server and its metrics endpoint on 127.0.0.1, scraped over HTTP and parsed.
@Suite("Metrics endpoint")
struct MetricsEndpointTests {
    @Test("a scrape counts requests by opcode and status as STATS does, with latency histograms")
    func scrapeAgreesWithStats() async throws {
        try await withEndpoint { server, port, metricsPort in
            let client = try await TestClient.connect(port: port)
            for id in 1...7 { _ = try await client.call(.similar(SimilarRequest(episodeID: "ep-1", k: 3)), id: UInt32(id)) }
            for id in 8...9 { _ = try await client.call(.similar(SimilarRequest(episodeID: "nope", k: 3)), id: UInt32(id)) }
            _ = try await client.call(.ping, id: 10)
            guard case .stats(let stats) = try await client.call(.stats, id: 11) else { throw HTTPProbe.Failure(description: "no STATS") }

            let answer = try await HTTPProbe.request("GET", "/metrics", port: metricsPort)
            #expect(answer.status == 200)
            #expect(answer.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
            let (samples, types) = try parsePrometheus(answer.body)
            #expect(samples.value("podsim_requests_total", ["opcode": "SIMILAR", "status": "OK"]) == 7)
            #expect(samples.value("podsim_requests_total", ["opcode": "SIMILAR", "status": "NOT_FOUND"]) == 2)
            #expect(samples.value("podsim_requests_total", ["opcode": "PING", "status": "OK"]) == 1)
            #expect(types["podsim_requests_total"] == "counter")
            // The same numbers as STATS: every request STATS counted has been answered by now.
            for count in stats.requests {
                let label = PrometheusMetrics.label(count.opcode)
                #expect(samples.sum("podsim_requests_total", ["opcode": label]) == Double(count.count), "\(label)")
            }
            #expect(samples.value("podsim_open_connections") == 1)
            #expect(samples.value("podsim_connections_accepted_total") == Double(server.gauges.connectionsAccepted))

            #expect(types["podsim_request_duration_seconds"] == "histogram")
            let buckets = samples.filter { $0.name == "podsim_request_duration_seconds_bucket" && $0.labels["opcode"] == "SIMILAR" }
            #expect(buckets.count == PrometheusMetrics.latencyBuckets.count + 1, "one per bound and +Inf")
            let bounds = buckets.map { Double($0.labels["le"]!) ?? .infinity }
            #expect(bounds.first == 0.00001 && bounds.last == .infinity && bounds == bounds.sorted())
            #expect(buckets.map(\.value) == buckets.map(\.value).sorted(), "cumulative buckets never decrease")
            #expect(buckets.last?.value == 9)
            #expect(samples.value("podsim_request_duration_seconds_count", ["opcode": "SIMILAR"]) == 9)
            #expect((samples.value("podsim_request_duration_seconds_sum", ["opcode": "SIMILAR"]) ?? 0) > 0)

            #expect(samples.value("podsim_model_info", ["model_id": "m1"]) == 1)
            #expect(samples.value("podsim_model_episodes") == 20)
            #expect(samples.value("podsim_model_dimensions") == 8)
            #expect((samples.value("podsim_uptime_seconds") ?? -1) >= 0)
            await client.close()
        }
    }

    @Test("reloads and ADD count by outcome; the model info follows the serving model")
    func reloadsAndUpdates() async throws {
        let source = TestSource()
        try await withEndpoint(source: source) { _, port, metricsPort in
            let client = try await TestClient.connect(port: port)
            _ = try await client.call(.reload, id: 1)
            source.failLoads(with: "bad magic")
            _ = try await client.call(.reload, id: 2)
            _ = try await client.call(.add(jsonl: "{\"id\":\"new-1\"}\n"), id: 3)
            _ = try await client.call(.add(jsonl: "not json\n"), id: 4)
            _ = try await client.call(.add(jsonl: "{\"id\":\"new-2\"}\n"), id: 5)
            let (samples, _) = try parsePrometheus(try await HTTPProbe.request("GET", "/metrics", port: metricsPort).body)
            #expect(samples.value("podsim_reloads_total", ["outcome": "ok"]) == 1)
            #expect(samples.value("podsim_reloads_total", ["outcome": "refused"]) == 1)
            #expect(samples.value("podsim_model_updates_total", ["operation": "add", "outcome": "ok"]) == 2)
            #expect(samples.value("podsim_model_updates_total", ["operation": "add", "outcome": "refused"]) == 1)
            #expect(samples.value("podsim_model_info", ["model_id": "m2+1+1"]) == 1)
            #expect(samples.filter { $0.name == "podsim_model_info" }.count == 1, "only the serving model's series")
            #expect(samples.value("podsim_model_episodes") == 22)
            await client.close()
        }
    }

    @Test("queries that waited for the worker and were answered together count as one batch")
    func batchesAreCounted() async throws {
        let gate = Gate()
        let source = TestSource.offloaded(gate: gate, batches: true)
        try await withEndpoint({ $0.offloadThreshold = 1; $0.workerThreads = 1 }, source: source) { server, port, metricsPort in
            let client = try await TestClient.connect(port: port)
            func similar(_ id: Int) -> Frame { PodsimRequest.similar(SimilarRequest(episodeID: "ep-\(id)", k: 2)).frame(requestID: UInt32(id)) }
            // The first, alone, holds the only worker at the gate; the other four wait for it together.
            try await client.send([similar(1)])
            try await eventually("the first query at the gate") { gate.arrivals == 1 }
            try await client.send((2...5).map(similar))
            try await eventually("four more waiting") { server.gauges.queuedRequests == 5 }
            var (samples, _) = try parsePrometheus(try await HTTPProbe.request("GET", "/metrics", port: metricsPort).body)
            #expect((samples.value("podsim_query_batches_total") ?? 0) == 0, "no batch before the worker is free")
            gate.open()
            for id in 1...5 { #expect(try await client.next().requestID == UInt32(id)) }
            (samples, _) = try parsePrometheus(try await HTTPProbe.request("GET", "/metrics", port: metricsPort).body)
            #expect(samples.value("podsim_query_batches_total") == 1)
            #expect(samples.value("podsim_batched_queries_total") == 4)
            await client.close()
        }
    }

    @Test("a connection over the limit counts as refused BUSY")
    func busyRefusals() async throws {
        try await withEndpoint({ $0.maxConnections = 1 }) { _, port, metricsPort in
            let first = try await TestClient.connect(port: port)
            _ = try await first.call(.ping)
            let second = try await TestClient.connect(port: port)
            #expect(try await second.next().status == .busy)
            let (samples, _) = try parsePrometheus(try await HTTPProbe.request("GET", "/metrics", port: metricsPort).body)
            #expect(samples.value("podsim_connections_refused_total", ["reason": "busy"]) == 1)
            #expect(samples.value("podsim_requests_total", ["opcode": "none", "status": "BUSY"]) == 1)
            #expect(samples.value("podsim_open_connections") == 1)
            await first.close()
        }
    }
}

/// Starts a real server and its metrics endpoint on ephemeral loopback ports, runs `body`, then
/// shuts both down (also when `body` throws).
func withEndpoint(
    _ adjust: (inout ServerConfiguration) -> Void = { _ in }, source: TestSource = TestSource(),
    _ body: (PodsimServer, Int, Int) async throws -> Void
) async throws {
    let server = try PodsimServer(configuration: testConfiguration { $0.metricsPort = 0; adjust(&$0) }, source: source)
    // A long request deadline: a stalled machine must not cut a probe (ProbeTests.slowloris tests it).
    let endpoint = MetricsEndpoint(server: server, requestTimeout: .seconds(120))
    let metricsPort = try await endpoint.start().port!
    do {
        let port = try await server.start().port!
        try await body(server, port, metricsPort)
    } catch {
        await server.shutdown()
        await endpoint.shutdown()
        throw error
    }
    await server.shutdown()
    await endpoint.shutdown()
}

import NIOCore
import PodsimProtocol
import PodsimTestSupport
import Testing
@testable import PodsimServer

/// `/healthz`, `/readyz` and the endpoint's refusals, against a real endpoint on 127.0.0.1.
@Suite("Health probes and bad HTTP input", .serialized)
struct ProbeTests {
    @Test("/readyz: 503 while loading, 200 while serving, 503 while draining; /healthz 200 throughout")
    func readinessFollowsTheLifecycle() async throws {
        let gate = Gate()
        let server = try PodsimServer(
            configuration: testConfiguration { $0.metricsPort = 0; $0.offloadThreshold = 1; $0.drainTimeout = .seconds(5) },
            source: TestSource.offloaded(gate: gate))
        // The request deadline (5 s by default, `slowloris` tests it) would cut a probe whose bytes
        // a stalled machine holds back — a full test run beside the Spark suite stalled for longer —
        // and answer it with nothing: this test is about readiness, not the deadline.
        let endpoint = MetricsEndpoint(server: server, requestTimeout: .seconds(120))
        let metricsPort = try await endpoint.start().port!
        let loading = try await HTTPProbe.request("GET", "/readyz", port: metricsPort)
        #expect(loading.status == 503 && loading.body == "not ready: loading the model\n")
        #expect(try await HTTPProbe.request("GET", "/healthz", port: metricsPort).status == 200)

        let port = try await server.start().port!
        let ready = try await HTTPProbe.request("GET", "/readyz", port: metricsPort)
        #expect(ready.status == 200 && ready.body == "ready\n")

        // A request stuck in the model keeps the server draining, its connection open.
        let client = try await TestClient.connect(port: port)
        try await client.send(.search(SearchRequest(text: "slow", k: 1)), id: 1)
        try await eventually("the request is in the model") { gate.arrivals == 1 }
        let shutdown = Task { await server.shutdown() }
        try await eventually("/readyz says draining") {
            try await HTTPProbe.request("GET", "/readyz", port: metricsPort).body == "not ready: draining for shutdown\n"
        }
        #expect(client.isOpen, "the probe turned 503 before the connection closed")
        #expect(try await HTTPProbe.request("GET", "/readyz", port: metricsPort).status == 503)
        #expect(try await HTTPProbe.request("GET", "/healthz", port: metricsPort).status == 200)
        gate.open()
        #expect(try await client.next().status == .ok, "the request in flight is still answered")
        await shutdown.value
        #expect(try await HTTPProbe.request("GET", "/readyz", port: metricsPort).status == 503)
        await endpoint.shutdown()
    }

    @Test("other paths are 404, other methods 405 with Allow: GET, a query string is ignored")
    func routing() async throws {
        try await withEndpoint { _, _, metricsPort in
            let missing = try await HTTPProbe.request("GET", "/", port: metricsPort)
            #expect(missing.status == 404 && missing.body.contains("/metrics"))
            #expect(try await HTTPProbe.request("GET", "/metrics/extra", port: metricsPort).status == 404)
            for method in ["POST", "PUT", "DELETE", "HEAD"] {
                let refused = try await HTTPProbe.request(method, "/metrics", port: metricsPort, extraHeaders: "Content-Length: 0\r\n")
                #expect(refused.status == 405 && refused.headers["allow"] == "GET", "\(method)")
            }
            #expect(try await HTTPProbe.request("GET", "/healthz?verbose=1", port: metricsPort).status == 200)
        }
    }

    @Test("a request over 4 KiB gets 413 and is not parsed; malformed HTTP gets 400")
    func hostileRequests() async throws {
        try await withEndpoint { server, _, metricsPort in
            let huge = try await HTTPProbe.request(
                "GET", "/metrics", port: metricsPort, extraHeaders: "X-Padding: \(String(repeating: "a", count: MetricsEndpoint.maxRequestBytes))\r\n")
            #expect(huge.status == 413 && huge.body == "request larger than 4096 bytes\n")
            let body = String(repeating: "b", count: 5000)
            let withBody = try await HTTPProbe.request("GET", "/metrics", port: metricsPort, extraHeaders: "Content-Length: 5000\r\n\r\n" + body)
            #expect(withBody.status == 413)
            let garbage = try await HTTPProbe.send(Array("\u{01}\u{02} not http at all\r\n\r\n".utf8), port: metricsPort)
            #expect(garbage.status == 400)
            // The endpoint still serves after all that.
            #expect(try await HTTPProbe.request("GET", "/healthz", port: metricsPort).status == 200)
            #expect(server.readiness == .ready)
        }
    }

    @Test("a client that trickles its request is cut at the request deadline, unanswered")
    func slowloris() async throws {
        let server = try PodsimServer(configuration: testConfiguration { $0.metricsPort = 0 }, source: TestSource())
        let endpoint = MetricsEndpoint(server: server, requestTimeout: .milliseconds(300))
        let metricsPort = try await endpoint.start().port!
        let client = try await TestClient.connect(port: metricsPort)
        try await client.send(raw: Array("GET /metrics HTTP/1.1\r\n".utf8))
        // One header byte every 20 ms (the attack, not a wait): an idle timer would never fire.
        let trickle = Task {
            while client.isOpen {
                try? await client.send(raw: Array("X".utf8))
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        try await client.waitForClose(timeout: .seconds(5))
        trickle.cancel()
        #expect(try await client.receivedBytes().isEmpty, "no answer to a request that never ended")
        #expect(try await HTTPProbe.request("GET", "/healthz", port: metricsPort).status == 200)
        await endpoint.shutdown()
    }

    @Test("a metrics port in use fails the start, naming the address")
    func metricsPortInUse() async throws {
        try await withEndpoint { server, _, metricsPort in
            let second = try PodsimServer(configuration: testConfiguration { $0.metricsPort = metricsPort }, source: TestSource())
            let error = await #expect(throws: ServerError.self) { try await MetricsEndpoint(server: second).start() }
            #expect(error?.code == .bindFailed)
            #expect(error?.message.contains("metrics on 127.0.0.1:\(metricsPort)") == true)
        }
    }

    @Test("the metrics port follows the main port's rules")
    func configuration() throws {
        for bad in [-1, 65536] {
            let error = #expect(throws: ServerError.self) { try testConfiguration { $0.metricsPort = bad }.validate() }
            #expect(error?.message.contains("metricsPort must be 0…65535") == true)
        }
        let same = #expect(throws: ServerError.self) { try testConfiguration { $0.port = 9000; $0.metricsPort = 9000 }.validate() }
        #expect(same?.message.contains("port of its own") == true)
        // Off loopback the token rule holds for both ports: one host, one rule.
        let open = #expect(throws: ServerError.self) { try testConfiguration { $0.host = "0.0.0.0"; $0.metricsPort = 9090 }.validate() }
        #expect(open?.message.contains("not a loopback address") == true)
        try testConfiguration { $0.host = "0.0.0.0"; $0.metricsPort = 9090; $0.authToken = "secret" }.validate()
    }
}

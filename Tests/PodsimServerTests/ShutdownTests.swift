import NIOCore
import PodsimProtocol
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import PodsimServer
import PodsimTestSupport

/// Graceful shutdown, by call and by signal.
@Suite("Shutdown", .serialized)
struct ShutdownTests {
    @Test("shutdown answers the requests in flight, then closes, within the drain timeout")
    func drainsInFlight() async throws {
        let gate = Gate()
        let source = TestSource.offloaded(gate: gate)
        let (server, port, client) = try await startServerAndClient(
            { $0.offloadThreshold = 1; $0.drainTimeout = .seconds(60) }, source: source)
        try await client.send((1...5).map { PodsimRequest.search(SearchRequest(text: "slow", k: 2)).frame(requestID: UInt32($0)) })
        try await eventually("the requests are in flight") { server.gauges.queuedRequests == 5 && gate.arrivals == 2 }
        let clock = ContinuousClock()
        let started = clock.now
        let shutdown = Task { await server.shutdown() }
        try await eventually("new connections are refused") { (try? await TestClient.connect(port: port)) == nil }
        #expect(client.isOpen, "closed with requests in flight")
        gate.open()
        for id in 1...5 {
            let frame = try await client.next()
            #expect(frame.requestID == UInt32(id) && frame.status == .ok)
        }
        try await client.waitForClose()
        await shutdown.value
        // Done because the requests were answered, not because the drain timeout ran out: the
        // margin is wide so a loaded machine cannot blur the two.
        #expect(clock.now - started < .seconds(60))
    }

    @Test("a connection still busy at the drain timeout is closed regardless")
    func drainTimeout() async throws {
        let gate = Gate()
        let source = TestSource.offloaded(gate: gate)
        let (server, _, client) = try await startServerAndClient(
            { $0.offloadThreshold = 1; $0.drainTimeout = .milliseconds(300) }, source: source)
        try await client.send(.search(SearchRequest(text: "stuck", k: 1)), id: 1)
        try await eventually("the request is stuck in the model") { gate.arrivals == 1 }
        let shutdown = Task { await server.shutdown() }
        try await client.waitForClose(timeout: .seconds(2))
        gate.open()  // the worker thread can only finish once the model returns
        await shutdown.value
        #expect(server.gauges.queuedRequests == 0, "the closed connection's request still counts as queued")
    }

    @Test("run() returns after shutdown(); start() twice is refused")
    func runAndShutdown() async throws {
        let server = try PodsimServer(configuration: testConfiguration(), source: TestSource())
        let run = Task { try await server.run() }
        try await eventually("the server listens") { server.port != nil }
        await #expect(throws: ServerError.self) { try await server.start() }
        await server.shutdown()
        try await run.value
        #expect(server.port == nil)
        await server.shutdown()  // a second shutdown is harmless
    }

    @Test("a model that does not load stops start() with a clear error")
    func modelDoesNotLoad() async throws {
        let source = TestSource()
        source.failLoads(with: "episodes.podsim: bad magic")
        let server = try PodsimServer(configuration: testConfiguration(), source: source)
        let error = await #expect(throws: ServerError.self) { try await server.start() }
        #expect(error?.code == .modelRejected && error?.message.contains("bad magic") == true)
    }

    @Test("a port in use stops start() with a clear error")
    func portInUse() async throws {
        try await withServer { _, port in
            let second = try PodsimServer(configuration: testConfiguration { $0.port = port }, source: TestSource())
            let error = await #expect(throws: ServerError.self) { try await second.start() }
            #expect(error?.code == .bindFailed && error?.message.contains("\(port)") == true)
        }
    }

    @Test("SIGHUP reloads the model; SIGTERM shuts the server down gracefully")
    func signals() async throws {
        let server = try PodsimServer(configuration: testConfiguration(), source: TestSource())
        let run = Task { try await server.runUntilSignalled() }
        try await eventually("the server listens") { server.port != nil }
        let client = try await TestClient.connect(port: server.port!)
        kill(getpid(), SIGHUP)
        try await eventually("the model is reloaded") {
            guard case .info(let info) = try await client.call(.info) else { return false }
            return info.modelID == "m2"
        }
        kill(getpid(), SIGTERM)
        try await run.value
        try await client.waitForClose()
        #expect(server.port == nil)
    }

    @Test("under the ServiceGroup, SIGTERM turns /readyz 503 first, drains, then closes the metrics endpoint")
    func serviceGroupDrain() async throws {
        let gate = Gate()
        let server = try PodsimServer(
            configuration: testConfiguration { $0.metricsPort = 0; $0.offloadThreshold = 1; $0.drainTimeout = .seconds(5) },
            source: TestSource.offloaded(gate: gate))
        let run = Task { try await server.runUntilSignalled() }
        try await eventually("both ports listen") { server.port != nil && server.metricsPort != nil }
        let metricsPort = server.metricsPort!
        #expect(try await HTTPProbe.request("GET", "/readyz", port: metricsPort).status == 200)
        let client = try await TestClient.connect(port: server.port!)
        try await client.send(.search(SearchRequest(text: "slow", k: 1)), id: 1)
        try await eventually("the request is in the model") { gate.arrivals == 1 }
        kill(getpid(), SIGTERM)
        try await eventually("/readyz says draining") {
            try await HTTPProbe.request("GET", "/readyz", port: metricsPort).status == 503
        }
        #expect(client.isOpen)
        gate.open()
        #expect(try await client.next().status == .ok, "the request in flight is answered")
        try await client.waitForClose()
        try await run.value
        #expect(server.port == nil && server.metricsPort == nil)
        await #expect(throws: (any Error).self) { _ = try await HTTPProbe.request("GET", "/healthz", port: metricsPort) }
    }

    @Test("under the ServiceGroup, a metrics port in use stops the start with its address; nothing keeps running")
    func serviceGroupBindFailure() async throws {
        try await withEndpoint { _, _, taken in
            let server = try PodsimServer(configuration: testConfiguration { $0.metricsPort = taken }, source: TestSource())
            let error = await #expect(throws: ServerError.self) { try await server.runUntilSignalled() }
            #expect(error?.code == .bindFailed && error?.message.contains("127.0.0.1:\(taken)") == true)
            #expect(server.port == nil)
            #expect(server.readiness == .stopped || server.readiness == .loading)
        }
    }
}

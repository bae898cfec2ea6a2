import Logging
import NIOCore
import PodsimProtocol
@testable import PodsimServer

/// Test defaults: an ephemeral port on loopback, few threads, a short drain. The idle timeout is
/// long: CI runs these suites beside the Spark tests on 2 cores, where a client can stall for
/// more than 10 s between two calls (a run lost a connection that way); the tests of the idle
/// timeout set their own.
func testConfiguration(_ adjust: (inout ServerConfiguration) -> Void = { _ in }) -> ServerConfiguration {
    var configuration = ServerConfiguration()
    configuration.port = 0
    configuration.eventLoopThreads = 2
    configuration.workerThreads = 2
    configuration.idleTimeout = .seconds(600)
    configuration.drainTimeout = .seconds(3)
    configuration.serverVersion = "podsim test"
    adjust(&configuration)
    return configuration
}

/// Starts a real server on 127.0.0.1 with an ephemeral port, runs `body`, and shuts it down
/// (also when `body` throws).
func withServer(
    _ adjust: (inout ServerConfiguration) -> Void = { _ in },
    source: TestSource = TestSource(),
    _ body: (PodsimServer, Int) async throws -> Void
) async throws {
    let server = try PodsimServer(configuration: testConfiguration(adjust), source: source)
    try await server.start()
    do {
        try await body(server, server.port!)
    } catch {
        await server.shutdown()
        throw error
    }
    await server.shutdown()
}

/// Starts a real server on any `source` with one client connected, runs `body`, then closes the
/// client and shuts the server down (also when `body` throws).
func withServerAndClient(
    _ configuration: ServerConfiguration, source: any ModelSource, logger: Logger = Logger(label: "podsim.server"),
    _ body: (PodsimServer, Int, TestClient) async throws -> Void
) async throws {
    let server = try PodsimServer(configuration: configuration, source: source, logger: logger)
    let port = try await server.start().port!
    let client = try await TestClient.connect(port: port)
    do {
        try await body(server, port, client)
    } catch {
        await client.close()
        await server.shutdown()
        throw error
    }
    await client.close()
    await server.shutdown()
}

/// Starts a real server (for tests that shut it down themselves) and connects one client.
func startServerAndClient(
    _ adjust: (inout ServerConfiguration) -> Void, source: TestSource
) async throws -> (server: PodsimServer, port: Int, client: TestClient) {
    let server = try PodsimServer(configuration: testConfiguration(adjust), source: source)
    let port = try await server.start().port!
    return (server, port, try await TestClient.connect(port: port))
}

extension Frame {
    /// The `str message` of an error answer.
    var message: String? {
        guard case .success(.failure(let failure)) = PodsimResponse.decode(self) else { return nil }
        return failure.message
    }
}

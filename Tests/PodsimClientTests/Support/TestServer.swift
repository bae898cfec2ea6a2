import Foundation
import Logging
import PodsimCatalogue
import PodsimClient
import PodsimServer
import Testing

/// Paths in the repository the tests run from.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The committed seed model: 30 episodes, 24 dimensions.
    static let seedModel = root.appendingPathComponent("Models/episodes.podsim").path
}

/// A real `PodsimServer` on 127.0.0.1 with an ephemeral port, serving a model file.
struct TestServer {
    let server: PodsimServer
    let port: Int

    /// A client of this server.
    func client(_ configuration: PodsimClient.Configuration = .init()) -> PodsimClient {
        PodsimClient(host: "127.0.0.1", port: port, configuration: configuration)
    }

    /// The test servers' configuration: an ephemeral port, one event loop and one worker (the
    /// machine is shared), then whatever `configure` changes.
    static func configuration(port: Int = 0, _ configure: (inout ServerConfiguration) -> Void = { _ in }) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.port = port
        configuration.eventLoopThreads = 1
        configuration.workerThreads = 1
        configure(&configuration)
        return configuration
    }

    /// Starts a server on `model`; the caller shuts it down.
    static func start(model: String = Repository.seedModel, _ configuration: ServerConfiguration = configuration()) async throws -> TestServer {
        var logger = Logger(label: "podsim.test-server")
        logger.logLevel = .error
        let server = try PodsimServer(configuration: configuration, source: ModelFileSource(path: model, decodeEpisodes: { try JSONLCatalogue.decode(payload: $0) }), logger: logger)
        let address = try await server.start()
        return TestServer(server: server, port: try #require(address.port))
    }

    /// Runs `body` against a fresh server and shuts the server down afterwards, whatever happens.
    static func with<T>(
        model: String = Repository.seedModel, _ configuration: ServerConfiguration = configuration(),
        _ body: (TestServer) async throws -> T
    ) async throws -> T {
        let running = try await start(model: model, configuration)
        do {
            let result = try await body(running)
            await running.server.shutdown()
            return result
        } catch {
            await running.server.shutdown()
            throw error
        }
    }
}

/// A scratch directory removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("podsim-client-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A copy of the seed model in this directory, for tests that change it (ADD, RELOAD).
    func seedModelCopy() throws -> String {
        let path = url.appendingPathComponent("episodes.podsim").path
        try FileManager.default.copyItem(atPath: Repository.seedModel, toPath: path)
        return path
    }
}

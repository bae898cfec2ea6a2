import Foundation
import PodsimProtocol
import PodsimTestSupport
import Testing

/// `podsim bench server`: real load against a real server, failures counted by status, and
/// clear errors for misuse. Figures are never asserted (speed is the benchmarks' business), only
/// that requests were really sent and counted.
@Suite struct BenchServerTests {
    /// `answered N` from the bench's output.
    static func answered(_ stdout: String) -> Int? {
        guard let range = stdout.range(of: #"answered (\d+)"#, options: .regularExpression) else { return nil }
        return Int(stdout[range].dropFirst("answered ".count))
    }

    @Test func similarOverPipelinedConnectionsIsAnsweredAndCounted() async throws {
        try await TestServer.with { server in
            let result = try await PodsimProcess.run([
                "bench", "server", "127.0.0.1:\(server.port)", "--op", "similar", "--connections", "2",
                "--pipeline", "4", "--duration", "0.5", "--warmup", "0.2", "--k", "5",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let answered = try #require(Self.answered(result.stdout), "\(result.stdout)")
            #expect(answered > 0)
            #expect(result.stdout.contains("errors 0\n"))
            #expect(result.stdout.contains("2 connection(s) × pipeline 4"))
            for percentile in ["p50", "p90", "p99", "p99.9", "max"] { #expect(result.stdout.contains("\(percentile) ")) }
            // The server saw at least the measured requests (plus warm-up and the probe's).
            let stats = try await server.client().stats()
            let similar = stats.requests.first { $0.opcode == .similar }?.count ?? 0
            #expect(similar >= UInt64(answered))
            #expect(result.stdout.contains("server's own view (STATS"))
        }
    }

    @Test(arguments: ["search", "guests", "ping"])
    func everyOperationRuns(op: String) async throws {
        try await TestServer.with { server in
            let result = try await PodsimProcess.run([
                "bench", "server", "127.0.0.1:\(server.port)", "--op", op, "--duration", "0.3", "--warmup", "0",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect((Self.answered(result.stdout) ?? 0) > 0, "\(result.stdout)")
        }
    }

    @Test func failuresAreCountedByStatusAndAllFailingExitsOne() async throws {
        // A server that knows none of the ids: every SIMILAR is NOT_FOUND.
        let server = try await ScriptedServer.start { request, _ in
            switch request.opcode {
            case .info:
                let info = ServerInfo(serverVersion: "podsim 0.0.0", modelID: "other", episodes: 1, guests: 0, terms: 1, dimensions: 1)
                return .bytes(ScriptedServer.bytes(PodsimResponse.info(info).frame(answering: request)))
            case .ping:
                return .bytes(ScriptedServer.bytes(PodsimResponse.pong.frame(answering: request)))
            default:
                return .bytes(ScriptedServer.bytes(Frame.failure(
                    .notFound, message: "unknown episode id", opcode: request.opcode, requestID: request.requestID)))
            }
        }
        let result = try await PodsimProcess.run([
            "bench", "server", "127.0.0.1:\(server.port)", "--duration", "0.3", "--warmup", "0",
        ])
        #expect(result.status == 1)
        #expect(result.stdout.contains("answered 0"))
        #expect(result.stdout.range(of: #"errors \d+ \(NOT_FOUND \(2\): \d+\)"#, options: .regularExpression) != nil, "\(result.stdout)")
        #expect(result.stderr.contains("the server serves other"), "a different model is said")
        #expect(result.stderr.contains("Error: no request was answered successfully"))
        await server.stop()
    }

    @Test func jsonIsOneObjectWithTheFigures() async throws {
        try await TestServer.with { server in
            let result = try await PodsimProcess.run([
                "bench", "server", "127.0.0.1:\(server.port)", "--op", "similar", "--duration", "0.3", "--warmup", "0", "--json",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let figures = try #require(object["result"] as? [String: Any])
            #expect((figures["answered"] as? Int ?? 0) > 0)
            #expect((figures["errors"] as? [String: Int])?.isEmpty == true)
            #expect(Set((figures["latency_ms"] as? [String: Double] ?? [:]).keys) == ["p50", "p90", "p99", "p99.9", "max"])
            #expect(object["op"] as? String == "similar" && object["connections"] as? Int == 1)
            #expect((object["machine"] as? [String: Any])?["cores"] as? Int ?? 0 >= 1)
            #expect(object["server_latency_us"] is [String: Any])
        }
    }

    @Test func anAbsentServerExitsOneNamingTheAddress() async throws {
        let refusing = try RefusingPort()  // a stopped server's port could be handed to another test's
        let port = refusing.port
        defer { withExtendedLifetime(refusing) {} }
        let result = try await PodsimProcess.run(["bench", "server", "127.0.0.1:\(port)", "--duration", "0.2"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("127.0.0.1:\(port)") && result.stderr.contains("connection refused"))
    }

    @Test(arguments: [
        ["bench", "--duration", "1"],
        ["bench", "server", "127.0.0.1:7411", "--model", "Models/episodes.podsim", "--concurrency", "2"],
        ["bench", "server", "127.0.0.1:7411", "--op", "scan"],
        ["bench", "server", "localhost"],
        ["bench", "server", "127.0.0.1:7411", "--pipeline", "0"],
        ["bench", "server", "127.0.0.1:7411", "--k", "0"],
        ["bench", "server", "127.0.0.1:7411", "--vectors", "10"],
        ["bench", "local", "--op", "ping"],
        ["bench", "local", "--duration", "0"],
        ["bench", "scan"],
        ["bench", "scan", "--model", "Models/episodes.podsim", "--vectors", "10"],
        ["bench", "scan", "--vectors", "10", "--threads", "0"],
    ])
    func misuseIsAUsageError(arguments: [String]) async throws {
        let result = try await PodsimProcess.run(arguments)
        #expect(result.status == 64, "ArgumentParser's usage error (EX_USAGE): \(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: "))
    }
}

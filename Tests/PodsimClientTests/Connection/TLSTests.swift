import Foundation
import PodsimCatalogue
import PodsimClient
import PodsimServer
import PodsimTestSupport
import Testing

/// TLS end to end: a real server with the test certificate (Tests/Fixtures/tls), real clients.
@Suite struct TLSTests {
    static let fixtures = Repository.root.appendingPathComponent("Tests/Fixtures/tls")
    static func file(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    static let serverTLS = ServerTLS(certificateChainFile: file("server.pem"), privateKeyFile: file("server-key.pem"))

    static func tlsServer(_ configure: (inout ServerConfiguration) -> Void = { _ in }) -> ServerConfiguration {
        TestServer.configuration {
            $0.tls = serverTLS
            configure(&$0)
        }
    }

    static func client(_ server: TestServer, host: String = "127.0.0.1", trusting: String? = file("ca.pem"), token: String? = nil) -> PodsimClient {
        var configuration = PodsimClient.Configuration()
        configuration.tls = PodsimClient.TLS(trustedCertificatesFile: trusting)
        configuration.authToken = token
        return PodsimClient(host: host, port: server.port, configuration: configuration)
    }

    @Test(arguments: ["127.0.0.1", "localhost"])
    func queriesOverTLSAnswerLikePlainTCP(host: String) async throws {
        let plain = try await TestServer.with { server in try await server.client().similar("devops-paradox-333", k: 3) }
        try await TestServer.with(Self.tlsServer()) { server in
            let client = Self.client(server, host: host)
            try await client.ping()
            #expect(try await client.similar("devops-paradox-333", k: 3) == plain)
            // Many calls in flight on the one TLS connection.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<50 { group.addTask { _ = try await client.search("kubernetes", k: 2) } }
                try await group.waitForAll()
            }
            #expect(try await client.stats().connectionsAccepted == 1)
            await client.close()
        }
    }

    @Test func aCertificateTheClientDoesNotTrustFailsTheConnect() async throws {
        try await TestServer.with(Self.tlsServer()) { server in
            let client = Self.client(server, trusting: Self.file("other.pem"))
            let error = try #require(await clientError { try await client.ping() })
            #expect(error.code == .connectionFailed)
            #expect(error.message.contains("TLS handshake") && error.message.contains("CERTIFICATE_VERIFY_FAILED"), "\(error.message)")
            await client.close()
        }
    }

    @Test func aPlainClientAtATLSServerIsToldWhy() async throws {
        try await TestServer.with(Self.tlsServer()) { server in
            let client = server.client()
            let error = try #require(await clientError { try await client.ping() })
            #expect(error.message.contains("TLS is on at one end only"), "\(error.message)")
            await client.close()
        }
    }

    @Test func aTLSClientAtAPlainServerIsToldWhy() async throws {
        try await TestServer.with { server in
            let client = Self.client(server)
            let error = try #require(await clientError { try await client.ping() })
            #expect(error.code == .connectionFailed && error.message.contains("does not speak TLS"), "\(error.message)")
            await client.close()
        }
    }

    @Test func authTravelsInsideTLS() async throws {
        try await TestServer.with(Self.tlsServer { $0.authToken = "s3cret" }) { server in
            let refused = Self.client(server)
            #expect(await clientError { try await refused.similar("devops-paradox-333") }?.status == .unauthorized)
            await refused.close()
            let client = Self.client(server, token: "s3cret")
            let hits = try await client.similar("devops-paradox-333", k: 1)
            #expect(hits.count == 1)
            await client.close()
        }
    }

    @Test func anUnusableCertificateOrKeyStopsTheStartNamingTheFile() async throws {
        let cases: [(ServerTLS, String)] = [
            (ServerTLS(certificateChainFile: "/nonexistent/cert.pem", privateKeyFile: Self.file("server-key.pem")), "/nonexistent/cert.pem"),
            (ServerTLS(certificateChainFile: Self.file("server.pem"), privateKeyFile: "/nonexistent/key.pem"), "/nonexistent/key.pem"),
            (ServerTLS(certificateChainFile: Self.file("README.md"), privateKeyFile: Self.file("server-key.pem")), "README.md"),
            (ServerTLS(certificateChainFile: Self.file("other.pem"), privateKeyFile: Self.file("server-key.pem")), "does not fit"),
        ]
        for (tls, expected) in cases {
            let server = try PodsimServer(
                configuration: TestServer.configuration { $0.tls = tls }, source: ModelFileSource(path: Repository.seedModel, decodeEpisodes: { try JSONLCatalogue.decode(payload: $0) }))
            do {
                try await server.start()
                Issue.record("started with \(tls)")
                await server.shutdown()
            } catch {
                #expect(error.code == .tlsUnusable && error.message.contains(expected), "\(error)")
            }
        }
    }

    @Test func theCommandLineSpeaksTLS() async throws {
        try await TestServer.with(Self.tlsServer()) { server in
            let arguments = ["similar", "devops-paradox-333", "--k", "3"]
            let local = try await PodsimProcess.run(arguments)
            let remote = try await PodsimProcess.run(arguments + ["--server", "127.0.0.1:\(server.port)", "--tls-ca", Self.file("ca.pem")])
            #expect(remote.status == 0 && remote.stdout == local.stdout, "\(remote.stderr)")
            let untrusted = try await PodsimProcess.run(arguments + ["--server", "127.0.0.1:\(server.port)", "--tls"])
            #expect(untrusted.status == 1 && untrusted.stderr.contains("CERTIFICATE_VERIFY_FAILED"))
            let bench = try await PodsimProcess.run([
                "bench", "server", "127.0.0.1:\(server.port)", "--tls-ca", Self.file("ca.pem"), "--op", "ping", "--duration", "0.2", "--warmup", "0",
            ])
            #expect(bench.status == 0 && bench.stdout.contains("errors 0"), "\(bench.stderr)")
        }
    }

    @Test(arguments: [
        ["serve", "--tls-cert", "Tests/Fixtures/tls/server.pem"],
        ["serve", "--tls-key", "Tests/Fixtures/tls/server-key.pem"],
        ["similar", "devops-paradox-333", "--tls"],
        ["search", "dns", "--tls-ca", "Tests/Fixtures/tls/ca.pem"],
        ["bench", "local", "--model", "Models/episodes.podsim", "--tls"],
    ])
    func tlsMisuseIsAUsageError(arguments: [String]) async throws {
        let result = try await PodsimProcess.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: "))
    }
}

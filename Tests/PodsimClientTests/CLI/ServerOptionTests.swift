import Foundation
import PodsimTestSupport
import Testing

/// `podsim <query> --server host:port` against a real server: the same output as the local
/// command, the same exit statuses, clear errors.
@Suite struct ServerOptionTests {
    /// Query commands whose output over `--server` must equal the local output byte for byte.
    static let sameOutput: [[String]] = [
        ["similar", "devops-paradox-333", "--k", "5"],
        ["similar", "devops-paradox-333", "--k", "5", "--json"],
        ["similar", "devops-paradox-333", "--exclude-same-show", "--diversity", "0.3", "--k", "6"],
        ["similar", "platform-engineering-podcast-2025-07-30", "--from", "2025-04-01", "--to", "2025-06-30", "--json"],
        ["search", "DNS and email deliverability", "--k", "3"],
        ["search", "kubernetes", "--show", "DevOps Paradox", "--k", "4", "--json"],
        ["search", "zzyzx", "--k", "3"],
        ["guests", "feature flags experimentation", "--k", "3"],
        ["guests", "feature flags experimentation", "--k", "3", "--json"],
        ["guests-like", "Trevor Stuart", "--k", "3", "--json"],
        ["guests-like", "Trevor Stuart", "--k", "3"],
        ["guests", "platform engineering", "--not-on", "DevOps Paradox", "--exclude-guest", "dr. pete hunt", "--k", "5"],
        ["guests", "platform engineering", "--show", "DevOps Paradox", "--from", "2025-05-01", "--k", "5", "--json"],
        ["guests-like", "Trevor Stuart", "--not-on", "Platform Engineering Podcast", "--k", "3", "--json"],
        ["episode", "platform-engineering-podcast-2025-07-30"],
        ["episode", "devops-paradox-339"],
    ]

    @Test func queriesPrintWhatTheLocalCommandPrints() async throws {
        try await TestServer.with { server in
            for arguments in Self.sameOutput {
                let local = try await PodsimProcess.run(arguments)
                let remote = try await PodsimProcess.run(arguments + ["--server", "127.0.0.1:\(server.port)"])
                #expect(local.status == 0 && remote.status == 0, "\(arguments): \(remote.stderr)")
                #expect(remote.stdout == local.stdout, "\(arguments)")
                #expect(!remote.stdout.isEmpty)
            }
        }
    }

    @Test func episodeJSONLeavesOutOnlyWhatTheWireDoesNotCarry() async throws {
        try await TestServer.with { server in
            for id in ["platform-engineering-podcast-2025-07-30", "devops-paradox-339"] {
                let local = try await PodsimProcess.run(["episode", id, "--json"])
                let remote = try await PodsimProcess.run(["episode", id, "--json", "--server", "127.0.0.1:\(server.port)"])
                var expected = try #require(try JSONSerialization.jsonObject(with: Data(local.stdout.utf8)) as? [String: Any])
                let got = try #require(try JSONSerialization.jsonObject(with: Data(remote.stdout.utf8)) as? [String: Any])
                #expect(expected.removeValue(forKey: "number") != nil || expected.removeValue(forKey: "durationSeconds") != nil)
                expected["durationSeconds"] = nil
                #expect(NSDictionary(dictionary: got).isEqual(to: expected), "\(id)")
            }
        }
    }

    @Test func explainPrintsTheSharedTermsTheWireCarries() async throws {
        try await TestServer.with { server in
            let arguments = ["explain", "devops-paradox-333", "platform-engineering-podcast-2025-07-30", "--k", "4"]
            let local = try await PodsimProcess.run(arguments)
            let remote = try await PodsimProcess.run(arguments + ["--server", "127.0.0.1:\(server.port)"])
            #expect(remote.status == 0)
            // The local table follows a line of cosines, which EXPLAIN does not carry.
            #expect(local.stdout.split(separator: "\n").dropFirst() == remote.stdout.split(separator: "\n")[...])
            let json = try await PodsimProcess.run(arguments + ["--json", "--server", "127.0.0.1:\(server.port)"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let terms = try #require(object["terms"] as? [[String: Any]])
            #expect(terms.count == 4 && terms.contains { $0["term"] as? String == "dagster" })
        }
    }

    @Test func anUnknownIdExitsOneWithTheServersSuggestion() async throws {
        try await TestServer.with { server in
            let result = try await PodsimProcess.run(["similar", "devops-paradox-3411", "--server", "127.0.0.1:\(server.port)"])
            #expect(result.status == 1 && result.stdout.isEmpty)
            #expect(result.stderr == "Error: unknown episode id 'devops-paradox-3411' (did you mean 'devops-paradox-341'?)\n")
            let episode = try await PodsimProcess.run(["episode", "nope", "--server", "127.0.0.1:\(server.port)"])
            #expect(episode.status == 1 && episode.stderr.contains("unknown episode id 'nope'"))
        }
    }

    @Test func aServerThatIsNotThereExitsOneNamingTheAddress() async throws {
        let refusing = try RefusingPort()  // a stopped server's port could be handed to another test's
        let port = refusing.port
        defer { withExtendedLifetime(refusing) {} }
        let result = try await PodsimProcess.run(["search", "dns", "--server", "127.0.0.1:\(port)"])
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(result.stderr == "Error: cannot connect to podsim at 127.0.0.1:\(port): connection refused\n")
    }

    @Test func theTokenComesFromTheEnvironment() async throws {
        let configuration = TestServer.configuration { $0.authToken = "s3cret" }
        try await TestServer.with(configuration) { server in
            let arguments = ["guests", "dns", "--k", "2", "--server", "127.0.0.1:\(server.port)"]
            let without = try await PodsimProcess.run(arguments, environment: ["PODSIM_AUTH_TOKEN": nil])
            #expect(without.status == 1 && without.stderr.contains("UNAUTHORIZED (7)") && without.stderr.contains("PODSIM_AUTH_TOKEN"))
            let wrong = try await PodsimProcess.run(arguments, environment: ["PODSIM_AUTH_TOKEN": "guess"])
            #expect(wrong.status == 1 && wrong.stderr.contains("refused the AUTH token"))
            let right = try await PodsimProcess.run(arguments, environment: ["PODSIM_AUTH_TOKEN": "s3cret"])
            #expect(right.status == 0 && right.stdout.hasPrefix("score"))
        }
    }

    @Test(arguments: [
        ["similar", "devops-paradox-333", "--server", "127.0.0.1:7411", "--model", "Models/episodes.podsim"],
        ["search", "dns", "--server", "localhost"],
        ["episode", "x", "--server", "::1:7411"],
        ["topics", "--server", "127.0.0.1:7411"],
        ["episodes", "--server", "127.0.0.1:7411"],
        ["evaluate", "--server", "127.0.0.1:7411"],
    ])
    func misuseIsAUsageError(arguments: [String]) async throws {
        let result = try await PodsimProcess.run(arguments)
        #expect(result.status == 64, "ArgumentParser's usage error (EX_USAGE): \(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: "))
    }
}

import Foundation
import PodsimTestSupport
import Testing

/// The v1.1 commands and options through the `podsim` binary: the same output locally and with
/// `--server`, and clear errors for every bad value.
@Suite struct RecommendationCLITests {
    static let sameOutput: [[String]] = [
        ["recommend", "--like", "devops-paradox-329", "platform-engineering-podcast-2025-05-28", "--unlike", "devops-paradox-333", "--k", "5"],
        ["recommend", "--like", "devops-paradox-329", "--text", "kubernetes", "--exclude-liked-shows", "--json"],
        ["recommend", "--text", "feature flags", "--max-per-show", "2", "--k", "4"],
        ["similar", "devops-paradox-333", "--offset", "3", "--k", "4", "--recency", "30:0.5"],
        ["similar", "devops-paradox-333", "--exclude", "devops-paradox-341", "--exclude", "nope", "--min-score", "0.1", "--json"],
        ["search", "kubernetes", "--max-per-show", "1", "--recency", "90", "--json"],
        ["similar-shows", "DevOps Paradox"],
        ["similar-shows", "Platform Engineering Podcast", "--json"],
        ["guest", "Dr. Pete Hunt"],
        ["guest", "pete   HUNT", "--json", "--terms", "3"],
    ]

    @Test func commandsPrintTheSameLocallyAndOverTheWire() async throws {
        try await TestServer.with { server in
            for arguments in Self.sameOutput {
                let local = try await PodsimProcess.run(arguments)
                let remote = try await PodsimProcess.run(arguments + ["--server", "127.0.0.1:\(server.port)"])
                #expect(local.status == 0 && remote.status == 0, "\(arguments): \(local.stderr) \(remote.stderr)")
                #expect(remote.stdout == local.stdout, "\(arguments)")
                #expect(!local.stdout.isEmpty, "\(arguments)")
            }
        }
    }

    @Test(arguments: [
        (["similar", "devops-paradox-333", "--offset", "10001"], "--offset must be between 0 and 10000, got 10001"),
        (["search", "dns", "--min-score", "nan"], "--min-score must be between -1 and 1, got nan"),
        (["search", "dns", "--min-score", "1.5"], "--min-score must be between -1 and 1, got 1.5"),
        (["recommend", "--like", "devops-paradox-333", "--max-per-show", "0"], "--max-per-show must be between 1 and 65535, got 0"),
        (["similar", "devops-paradox-333", "--recency", "0"], "--recency: the half-life must be a number of days above 0, got 0"),
        (["similar", "devops-paradox-333", "--recency", "30:2"], "--recency: the weight must be between 0 and 1, got 2"),
        (["similar", "devops-paradox-333", "--recency", "30:x"], "--recency must be HALF_LIFE_DAYS or HALF_LIFE_DAYS:WEIGHT"),
        (["recommend", "--unlike", "devops-paradox-333"], "give at least one --like ID or a --text"),
        (["guest", "Pete Hunt", "--terms", "11"], "--terms must be between 1 and 10, got 11"),
    ])
    func badValuesAreUsageErrors(arguments: [String], message: String) async throws {
        let result = try await PodsimProcess.run(arguments)
        #expect(result.status == 64, "ArgumentParser's usage error (EX_USAGE): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func unknownNamesExitOneWithTheSameMessageLocallyAndOverTheWire() async throws {
        try await TestServer.with { server in
            let cases: [([String], String)] = [
                (["recommend", "--like", "devops-paradox-3411"],
                 "Error: like_ids: unknown episode id 'devops-paradox-3411' (did you mean 'devops-paradox-341'?)\n"),
                (["recommend", "--like", "devops-paradox-333", "--unlike", "zzz"], "Error: unlike_ids: unknown episode id 'zzz'\n"),
                (["similar-shows", "devops paradoxx"], "Error: unknown show 'devops paradoxx' (did you mean 'DevOps Paradox'?)\n"),
                (["guest", "Pete Hant"], "Error: unknown guest 'Pete Hant' (did you mean 'Pete Hunt'?)\n"),
            ]
            for (arguments, message) in cases {
                for extra in [[], ["--server", "127.0.0.1:\(server.port)"]] {
                    let result = try await PodsimProcess.run(arguments + extra)
                    #expect(result.status == 1 && result.stdout.isEmpty, "\(arguments + extra)")
                    #expect(result.stderr == message, "\(arguments + extra)")
                }
            }
        }
    }
}

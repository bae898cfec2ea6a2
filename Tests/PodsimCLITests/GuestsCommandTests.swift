import Foundation
import PodsimTestSupport
import Testing

/// `podsim guests` and `guests-like` with the GUESTS options, on the seed model.
@Suite struct GuestsCommandTests {
    static func names(_ arguments: [String]) throws -> [String] {
        let guests = try #require(try PodsimProcess.json(arguments) as? [[String: Any]])
        return guests.compactMap { $0["name"] as? String }
    }

    @Test func notOnAndExcludeGuestLeaveGuestsOut() throws {
        let topic = "platform engineering"
        let everyone = try Self.names(["guests", topic, "--k", "30"])
        let notOn = try Self.names(["guests", topic, "--k", "30", "--not-on", "DevOps Paradox"])
        #expect(!notOn.isEmpty && notOn.count < everyone.count)
        #expect(notOn == everyone.filter(notOn.contains), "the guests kept keep their order")
        for name in notOn {
            let profile = try #require(try PodsimProcess.json(["guest", name]) as? [String: Any])
            #expect((profile["shows"] as? [String])?.contains("DevOps Paradox") == false, "\(name)")
        }
        let first = try #require(everyone.first)
        let without = try Self.names(["guests", topic, "--k", "30", "--exclude-guest", "Prof. " + first.lowercased()])
        #expect(without == Array(everyone.dropFirst()))
    }

    @Test func evidenceOptionsRestrictTheEpisodesListed() throws {
        let guests = try #require(try PodsimProcess.json(
            ["guests", "platform engineering", "--show", "Platform Engineering Podcast", "--to", "2025-06-30"]) as? [[String: Any]])
        #expect(!guests.isEmpty)
        for id in guests.flatMap({ $0["episodes"] as? [String] ?? [] }) {
            #expect(id.hasPrefix("platform-engineering-podcast-") && id < "platform-engineering-podcast-2025-07", "\(id)")
        }
    }

    @Test(arguments: [
        (["guests", "dns", "--from", "2025-02-30"], "--from must be a calendar date like 2025-07-30, got '2025-02-30'"),
        (["guests", "dns", "--from", "2025-03-01", "--to", "2025-01-01"], "--from 2025-03-01 is after --to 2025-01-01"),
        (["guests-like", "Trevor Stuart", "--to", "soon"], "--to must be a calendar date like 2025-07-30, got 'soon'"),
    ])
    func badOptionsExitWithAClearError(arguments: [String], message: String) throws {
        let result = try PodsimProcess.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}

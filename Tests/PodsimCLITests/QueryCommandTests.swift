import Foundation
import PodsimTestSupport
import Testing

/// The query commands against the committed seed model, as a user runs them.
@Suite struct QueryCommandTests {
    @Test func unknownIdExitsOneWithASuggestion() throws {
        let result = try PodsimProcess.run(["similar", "devops-paradox-3411"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("unknown episode id 'devops-paradox-3411' (did you mean 'devops-paradox-341'?)"))
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack") && result.stdout.isEmpty)
        #expect(try PodsimProcess.run(["episode", "nope"]).status == 1)
        #expect(try PodsimProcess.run(["explain", "devops-paradox-341", "nope"]).status == 1)
    }

    @Test(arguments: [["similar", "devops-paradox-333", "--k", "0"], ["search", "dns", "--k", "1001"],
                      ["guests", "dns", "--k", "-3"], ["search", "dns", "--diversity", "2"], ["search", "dns", "--from", "2025-13-01"]])
    func absurdOptionsAreUsageErrors(arguments: [String]) throws {
        let result = try PodsimProcess.run(arguments)
        #expect(result.status == 64, "ArgumentParser's usage error (EX_USAGE)")
        #expect(result.stderr.contains("Error:"))
    }

    @Test func similarJSONShape() throws {
        let hits = try #require(try PodsimProcess.json(["similar", "devops-paradox-333", "--k", "3"]) as? [[String: Any]])
        #expect(hits.count == 3)
        #expect(hits.allSatisfy { Set($0.keys) == ["id", "score", "show", "title"] })
        #expect(hits.first?["id"] as? String == "platform-engineering-podcast-2025-07-30")
        #expect(hits.allSatisfy { ($0["score"] as? Double).map { (-1...1).contains($0) } ?? false })
    }

    @Test func searchJSONShape() throws {
        let hits = try #require(try PodsimProcess.json(["search", "DNS and email deliverability", "--k", "2"]) as? [[String: Any]])
        #expect(hits.map { $0["id"] as? String }.first == "devops-paradox-339")
        #expect(hits.allSatisfy { Set($0.keys) == ["id", "score", "show", "title"] })
    }

    @Test func guestsJSONShape() throws {
        let guests = try #require(try PodsimProcess.json(["guests", "feature flags experimentation", "--k", "3"]) as? [[String: Any]])
        #expect(guests.allSatisfy { Set($0.keys) == ["name", "score", "episodes"] })
        #expect(guests.first?["name"] as? String == "Trevor Stuart")
        #expect((guests.first?["episodes"] as? [String]) == ["devops-paradox-341"])
    }

    @Test func episodesJSONShape() throws {
        let episodes = try #require(try PodsimProcess.json(["episodes"]) as? [[String: Any]])
        #expect(episodes.count == 30)
        #expect(episodes.allSatisfy { Set($0.keys) == ["id", "show", "title", "published", "guests"] })
        #expect(episodes.filter { ($0["guests"] as? [String])?.count == 1 }.count == 20)
        #expect(try #require(try PodsimProcess.json(["episodes", "--k", "4"]) as? [[String: Any]]).count == 4)
    }

    @Test func tablesAreReadable() throws {
        let similar = try PodsimProcess.run(["similar", "devops-paradox-333", "--k", "2"])
        #expect(similar.status == 0)
        let lines = similar.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("score"))
        #expect(lines[1].contains("platform-engineering-podcast-2025-07-30"))
        let topics = try PodsimProcess.run(["topics", "--k", "3"])
        #expect(topics.status == 0 && topics.stdout.split(separator: "\n").count == 25)
        let explain = try PodsimProcess.run(["explain", "devops-paradox-333", "platform-engineering-podcast-2025-07-30"])
        #expect(explain.status == 0 && explain.stdout.contains("dagster"))
    }

    @Test func missingOrCorruptModelIsAClearError() throws {
        let missing = try PodsimProcess.run(["similar", "devops-paradox-333", "--model", "/nonexistent/m.podsim"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/m.podsim"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podsim-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let corrupt = directory.appendingPathComponent("bad.podsim").path
        var bytes = try Data(contentsOf: PodsimProcess.repository.appendingPathComponent("Models/episodes.podsim"))
        bytes.removeLast(1000)
        try bytes.write(to: URL(fileURLWithPath: corrupt))
        let result = try PodsimProcess.run(["guests", "dns", "--model", corrupt])
        #expect(result.status == 1)
        #expect(result.stderr.contains(corrupt) && result.stderr.contains("truncated"))
    }

    @Test func guestCommands() throws {
        let profile = try #require(try PodsimProcess.json(["guest", "mark fussell"]) as? [String: Any])
        #expect(profile["name"] as? String == "Mark Fussell")
        #expect((profile["episodes"] as? [[String: Any]])?.count == 2)
        let like = try #require(try PodsimProcess.json(["guests-like", "Mark Fussell", "--k", "3"]) as? [[String: Any]])
        #expect(like.count == 3 && !like.contains { $0["name"] as? String == "Mark Fussell" })
        let unknown = try PodsimProcess.run(["guest", "Nobody"])
        #expect(unknown.status == 1 && unknown.stderr.contains("unknown guest 'Nobody'"))
    }
}

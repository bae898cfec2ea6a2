import Foundation
import PodsimTestSupport
import Testing

/// `podsim delete --model M ID…` and `podsim add --replace` on a model file: what they print,
/// what they change, and the errors.
@Suite struct ModelChangeCommandTests {
    /// A copy of the seed model, and a JSON Lines file replacing devops-paradox-339 (whose only
    /// guest, Anthony Eden, is on no other episode) and adding one episode.
    func fixture() throws -> (directory: TemporaryDirectory, model: String, jsonl: String, original: Data) {
        let (directory, model, original) = try CrashSafetyTests().copyOfSeedModel()
        let jsonl = directory.file("changes.jsonl")
        try """
            {"id":"devops-paradox-339","show":"Kube Talk","title":"Kubernetes multi-tenancy","description":"Virtual Kubernetes clusters and namespaces for platform teams.","guests":["Ada Quill"]}
            {"id":"kube-2","show":"Kube Talk","title":"Operators","description":"Kubernetes operators and GitOps."}

            """.write(toFile: jsonl, atomically: true, encoding: .utf8)
        return (directory, model, jsonl, original)
    }

    @Test func deleteRemovesEpisodesAndSaysWhatItDid() throws {
        let (directory, model, _, _) = try fixture()
        defer { directory.remove() }
        let delete = try PodsimProcess.run(["delete", "--model", model, "devops-paradox-339", "no-such-episode"])
        #expect(delete.status == 0, "\(delete.stderr)")
        #expect(delete.stdout.contains(
            "deleted 1 episodes (1 of the ids given is not in the model); the model now has 29 episodes and 17 guests"), "\(delete.stdout)")
        #expect(delete.stdout.contains("since the fit: 0 added, 0 replaced, 1 deleted"))
        #expect(delete.stdout.contains("no refit needed yet") && delete.stdout.contains("wrote \(model) (podsim-"))
        let episode = try PodsimProcess.run(["episode", "devops-paradox-339", "--model", model])
        #expect(episode.status != 0 && episode.stderr.contains("devops-paradox-339"))
        let guests = try PodsimProcess.run(["guests", "DNS registrar anycast", "--k", "30", "--model", model])
        #expect(guests.status == 0 && !guests.stdout.contains("Anthony Eden"))

        let json = try #require(try PodsimProcess.json(["delete", "--model", model, "devops-paradox-341"]) as? [String: Any])
        #expect(json["deleted"] as? Int == 1 && json["episodes_total"] as? Int == 28 && json["not_in_model"] as? Int == 0)
        #expect((json["since_fit"] as? [String: Int]) == ["added": 0, "replaced": 0, "deleted": 2])
    }

    @Test func deletingOnlyUnknownIdsChangesNothing() throws {
        let (directory, model, _, original) = try fixture()
        defer { directory.remove() }
        let delete = try PodsimProcess.run(["delete", "--model", model, "nope"])
        #expect(delete.status == 0)
        #expect(delete.stdout.contains("deleted 0 episodes (1 of the ids given is not in the model); the model now has 30 episodes"))
        #expect(!delete.stdout.contains("wrote"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == original)
    }

    @Test func addReplaceUpsertsAndPlainAddRefusesAKnownId() throws {
        let (directory, model, jsonl, original) = try fixture()
        defer { directory.remove() }
        let plain = try PodsimProcess.run(["add", "--model", model, jsonl])
        #expect(plain.status != 0 && plain.stderr.contains("'devops-paradox-339' is already in the model"), "\(plain.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == original)

        let upsert = try PodsimProcess.run(["add", "--replace", "--model", model, jsonl])
        #expect(upsert.status == 0, "\(upsert.stderr)")
        #expect(upsert.stdout.contains(
            "added 2 episodes (1 of them replacing an episode with the same id); the model now has 31 episodes and 18 guests"),
            "\(upsert.stdout)")
        #expect(upsert.stdout.contains("since the fit: 1 added, 1 replaced, 0 deleted"))
        let episode = try #require(try PodsimProcess.json(["episode", "devops-paradox-339", "--model", model]) as? [String: Any])
        #expect(episode["show"] as? String == "Kube Talk" && episode["guests"] as? [String] == ["Ada Quill"])
    }

    @Test func badInputIsAClearError() throws {
        let (directory, model, _, original) = try fixture()
        defer { directory.remove() }
        let bad = directory.file("bad.jsonl")
        try "{\"id\":\"devops-paradox-339\",\"show\":\"X\",\"description\":\"x\"}\n{not json\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let upsert = try PodsimProcess.run(["add", "--replace", "--model", model, bad])
        #expect(upsert.status != 0 && upsert.stderr.contains("line 2"), "\(upsert.stderr)")
        let both = try PodsimProcess.run(["delete", "--model", model, "--server", "127.0.0.1:1", "x"])
        #expect(both.status != 0 && both.stderr.contains("--server and --model are mutually exclusive"), "\(both.stderr)")
        let noIDs = try PodsimProcess.run(["delete", "--model", model])
        #expect(noIDs.status != 0 && noIDs.stderr.contains("<ids>"), "\(noIDs.stderr)")
        let missing = try PodsimProcess.run(["delete", "--model", directory.file("none.podsim"), "x"])
        #expect(missing.status != 0 && missing.stderr.contains("none.podsim"), "\(missing.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == original)
    }

    /// `kill -9` of a delete or an upsert at the rename leaves the old model or the complete new
    /// one, as for `build`.
    @Test(arguments: [["delete", "devops-paradox-339"], ["add", "--replace", "JSONL"]])
    func aKilledChangeLeavesTheOldModelOrTheCompleteNewOne(command: [String]) throws {
        let (directory, model, jsonl, original) = try fixture()
        defer { directory.remove() }
        let arguments = command.map { $0 == "JSONL" ? jsonl : $0 } + ["--model", model]
        // The complete change, made on a copy: what an uninterrupted run writes.
        let reference = directory.file("reference.podsim")
        try original.write(to: URL(fileURLWithPath: reference))
        let completed = try PodsimProcess.run(command.map { $0 == "JSONL" ? jsonl : $0 } + ["--model", reference])
        #expect(completed.status == 0, "\(completed.stderr)")
        let expected = try Data(contentsOf: URL(fileURLWithPath: reference))

        let before = try BuildProcess(arguments + ["--test-pause-at", "before-rename"])
        #expect(before.waitForLine(containing: "podsim: paused before-rename"), "never reached the rename: \(before.stderr)")
        #expect(try directory.entries().contains { $0.hasPrefix(".episodes.podsim.tmp-") })
        before.kill()
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == original, "the previous model was changed")

        let after = try BuildProcess(arguments + ["--test-pause-at", "after-rename"])
        #expect(after.waitForLine(containing: "podsim: paused after-rename"), "never renamed: \(after.stderr)")
        after.kill()
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == expected, "the new model is not the complete change")
    }
}

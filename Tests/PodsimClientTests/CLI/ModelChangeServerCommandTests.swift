import Foundation
import PodsimCore
import PodsimTestSupport
import Testing

/// `podsim delete --server` and `podsim add [--replace] --server` against a real server on a copy
/// of the seed model: DELETE, ADD and UPSERT over the wire, the token from $PODSIM_AUTH_TOKEN.
@Suite struct ModelChangeServerCommandTests {
    static let changes = """
        {"id":"devops-paradox-339","show":"Kube Talk","title":"Kubernetes multi-tenancy","description":"Virtual Kubernetes clusters and namespaces for platform teams.","guests":["Ada Quill"]}
        {"id":"kube-2","show":"Kube Talk","title":"Operators","description":"Kubernetes operators and GitOps."}

        """

    @Test func deleteAndUpsertThroughTheServer() async throws {
        let directory = try TemporaryDirectory()
        let model = try directory.seedModelCopy()
        let jsonl = directory.url.appendingPathComponent("changes.jsonl").path
        try Self.changes.write(toFile: jsonl, atomically: true, encoding: .utf8)
        try await TestServer.with(model: model) { server in
            let address = "127.0.0.1:\(server.port)"
            let add = try await PodsimProcess.run(["add", "--server", address, jsonl])
            #expect(add.status != 0 && add.stderr.contains("'devops-paradox-339' is already in the model"), "\(add.stderr)")
            let delete = try await PodsimProcess.run(["delete", "--server", address, "devops-paradox-339", "nope"])
            #expect(delete.status == 0, "\(delete.stderr)")
            #expect(delete.stdout == "deleted 1 episodes (1 of the ids given is not in the model); the model now has 29 episodes\n")
            let upsert = try await PodsimProcess.run(["add", "--replace", "--server", address, "--json", jsonl])
            #expect(upsert.status == 0, "\(upsert.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(upsert.stdout.utf8)) as? [String: Any])
            #expect(object["added"] as? Int == 2 && object["episodes_total"] as? Int == 31 && object["refit_due"] as? Bool == false)
            let replace = try await PodsimProcess.run(["add", "--replace", "--server", address, jsonl])
            #expect(replace.stdout.contains("[JSON Lines] 2 episodes\nadded 2 episodes; the model now has 31 episodes\nterms of the new episodes not in the vocabulary:"), "\(replace.stdout)")
            let episode = try await PodsimProcess.run(["episode", "devops-paradox-339", "--server", address])
            #expect(episode.stdout.contains("Kube Talk") && episode.stdout.contains("Ada Quill"), "\(episode.stdout)")
        }
        let info = try PodsimModel(contentsOf: model).info
        #expect(info.deletedEpisodes == 1 && info.replacedEpisodes == 2 && info.addedEpisodes == 2)
    }

    @Test func theTokenComesFromTheEnvironment() async throws {
        let directory = try TemporaryDirectory()
        let model = try directory.seedModelCopy()
        try await TestServer.with(model: model, TestServer.configuration { $0.authToken = "s3cret" }) { server in
            let address = "127.0.0.1:\(server.port)"
            let refused = try await PodsimProcess.run(["delete", "--server", address, "devops-paradox-339"], environment: ["PODSIM_AUTH_TOKEN": nil])
            #expect(refused.status != 0 && refused.stderr.contains("PODSIM_AUTH_TOKEN"), "\(refused.stderr)")
            let accepted = try await PodsimProcess.run(
                ["delete", "--server", address, "devops-paradox-339"], environment: ["PODSIM_AUTH_TOKEN": "s3cret"])
            #expect(accepted.status == 0 && accepted.stdout.hasPrefix("deleted 1 episodes"), "\(accepted.stderr)")
        }
    }
}

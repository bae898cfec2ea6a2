import ArgumentParser
import PodsimClient
import PodsimCore

struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Remove episodes from a model, or from a running server's model (DELETE).",
        discussion: """
            The episodes are never returned again, and a guest left with no episodes is no longer \
            a guest. Ids the model does not know are counted out, not an error. The model file is \
            rewritten atomically (a server writes its own before it answers); the vocabulary and \
            latent space stay as fitted, so after many changes a refit (`podsim build`) is due.
            """)

    @Argument(help: "Ids of the episodes to remove (see `podsim episodes`).")
    var ids: [String]

    @OptionGroup var target: ModelChangeTarget

    func run() async throws {
        if let server = target.server {
            let ids = ids
            let result = try await ServerCall.run(server, target.tls.clientConfiguration) { client throws(PodsimClientError) in
                try await client.delete(ids)
            }
            var report = ModelChangeReport(server: result)
            report.notInModel = Set(ids).count - Int(result.deleted)
            return try report.print(json: target.json)
        }
        let model = target.modelPath
        let existing = try PodsimModel(contentsOf: model)
        let result = try target.write { try ModelUpdater.delete(ids, from: existing, writingTo: model) }
        if !target.json { printRemovedStale(result.removedStale) }
        var report = ModelChangeReport(local: result, path: model, replace: false, delete: true)
        report.notInModel = Set(ids).count - result.deleted
        // Nothing was known: nothing was written.
        if result.deleted == 0 { report.model = nil }
        try report.print(json: target.json)
    }
}

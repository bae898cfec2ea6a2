import ArgumentParser
import Foundation
import PodsimCatalogue
import PodsimClient
import PodsimCore
import PodsimText

struct AddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Fold new episodes into an existing model without a refit, and say when a refit is due.",
        discussion: """
            New episodes are analysed with the model's vocabulary and projected into its latent space, \
            so they are found and recommended at once; words the model never saw carry no weight. The \
            model file is rewritten atomically. With --replace an episode whose id is already in the \
            model replaces it (text, metadata, show and guests); without it a known id is an error. \
            With --server the episodes go to a running server (ADD, or UPSERT with --replace), which \
            writes its model file before it answers. Keep the new episodes' source: `podsim build` \
            (a refit) starts from the sources and does not know about episodes added here.
            """)

    @Argument(help: "Seed pages, JSON Lines catalogues, RSS feeds, or directories of them.")
    var inputs: [String]

    @Flag(help: "Replace episodes whose id is already in the model (upsert) instead of refusing them.")
    var replace = false

    @OptionGroup var target: ModelChangeTarget

    func run() async throws {
        let catalogue = try CatalogueLoader.load(paths: inputs)
        if !target.json { printSourceReports(catalogue.sources) }
        if let server = target.server {
            let jsonl = try EpisodeJSONLines.encode(catalogue.episodes)
            let replace = replace
            let result = try await ServerCall.run(server, target.tls.clientConfiguration) { client throws(PodsimClientError) in
                replace ? try await client.upsert(jsonl: jsonl) : try await client.add(jsonl: jsonl)
            }
            try ModelChangeReport(server: result, replace: replace).print(json: target.json)
            return
        }
        let model = target.modelPath
        let existing = try PodsimModel(contentsOf: model)
        let language = existing.info.analyzer.language
        if let declared = try CatalogueLanguage.declared(by: catalogue.sources),
            AnalyzerLanguage.snowballName(language) != declared
        {
            throw PodsimError(
                .invalidInput,
                "the new sources are in \(declared) but \(model) analyses \(language); add them to a model of their language")
        }
        let result = try target.write {
            replace
                ? try ModelUpdater.upsert(catalogue.episodes, into: existing, writingTo: model)
                : try ModelUpdater.add(catalogue.episodes, to: existing, writingTo: model)
        }
        if !target.json { printRemovedStale(result.removedStale) }
        try ModelChangeReport(local: result, path: model, replace: replace).print(json: target.json)
    }
}

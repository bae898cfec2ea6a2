import ArgumentParser
import Foundation
import PodsimCatalogue
import PodsimCore
import PodsimText

struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Fold new episodes into an existing model without a refit, and say when a refit is due.",
        discussion: """
            New episodes are analysed with the model's vocabulary and projected into its latent space, \
            so they are found and recommended at once; words the model never saw carry no weight. The \
            model file is rewritten atomically. Keep the new episodes' source: `podsim build` (a refit) \
            starts from the sources and does not know about episodes added here.
            """)

    @Argument(help: "Seed pages, JSON Lines catalogues, RSS feeds, or directories of them.")
    var inputs: [String]

    @Option(help: "Model file to add to (rewritten in place).")
    var model: String = ModelOptions.defaultModel

    func run() throws {
        let catalogue = try CatalogueLoader.load(paths: inputs)
        printSourceReports(catalogue.sources)
        let existing = try PodsimModel(contentsOf: model)
        let language = existing.info.analyzer.language
        if let declared = try CatalogueLanguage.declared(by: catalogue.sources),
            AnalyzerLanguage.snowballName(language) != declared
        {
            throw PodsimError(
                .invalidInput,
                "the new sources are in \(declared) but \(model) analyses \(language); add them to a model of their language")
        }
        let result = try ModelUpdater.add(catalogue.episodes, to: existing, writingTo: model)
        printRemovedStale(result.removedStale)
        print("added \(result.added) episodes; the model now has \(result.episodes) episodes and \(result.info.guests) guests")
        print(String(format: "terms of the new episodes not in the vocabulary: %.1f%%", result.unknownTermShare * 100))
        if let reason = result.refitReason {
            print("refit due: \(reason) — rebuild with `podsim build` from all sources")
        } else {
            print("no refit needed yet")
        }
        if result.droppedGraphIndex {
            print("the graph index no longer matches the rows and was left out: `podsim index --model \(model)` adds it again")
        }
        print("wrote \(model) (\(result.info.modelID))")
    }
}

import ArgumentParser
import Foundation
import PodsimCore

extension GraphChoice: ExpressibleByArgument {}

/// `podsim index`: add the HNSW graph index to a model that was built without one (or rebuild
/// it with other parameters), or take it out.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Add the HNSW graph index to a model file (or take it out with --index none).",
        discussion: """
            The graph (hnswlib, M links per node, built on every core in fixed batches with the \
            seed, so the same model and options give the same bytes on any machine) lets queries visit a few thousand episodes \
            instead of scanning all; its candidates are rescored exactly. `podsim build` adds it \
            from \(GraphParameters.automaticFrom) episodes on its own. Every other part of the \
            model is kept byte for byte.
            """)

    @Option(help: "Model file to rewrite.")
    var model: String = ModelOptions.defaultModel

    @Option(help: "hnsw: add (or rebuild) the graph; none: take it out.")
    var index: GraphChoice = .hnsw

    @Option(help: "Links per node (hnswlib's M).")
    var m: Int = GraphParameters().m

    @Option(help: "Candidates while linking (hnswlib's ef_construction).")
    var efConstruction: Int = GraphParameters().efConstruction

    @Option(help: "Seed of the level generator (default: the model's build seed).")
    var seed: UInt64?

    @Flag(name: .shortAndLong, help: "Print progress to standard error.")
    var verbose = false

    func validate() throws {
        guard (2...10_000).contains(m) else { throw ValidationError("--m must be between 2 and 10000, got \(m)") }
        guard efConstruction >= 1 else { throw ValidationError("--ef-construction must be at least 1, got \(efConstruction)") }
    }

    func run() throws {
        let started = DispatchTime.now()
        let seed = try self.seed ?? PodsimModel(contentsOf: model).info.seed
        let parameters = index == .hnsw ? GraphParameters(m: m, efConstruction: efConstruction, seed: seed) : nil
        let result = try GraphIndexer.rewrite(model, parameters: parameters, progress: verbose ? { printError("  \($0)") } : nil)
        printRemovedStale(result.removedStale)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        if let parameters {
            print("linked \(result.rows) episodes (M \(parameters.m), ef_construction \(parameters.efConstruction), seed \(parameters.seed)) in \(String(format: "%.1f", seconds)) s (the graph \(String(format: "%.1f", result.linkSeconds)) s, on \(ProcessInfo.processInfo.activeProcessorCount) threads)")
            print("wrote \(model) with a graph index of \(result.sectionBytes) bytes")
        } else {
            print("wrote \(model) without a graph index")
        }
    }
}

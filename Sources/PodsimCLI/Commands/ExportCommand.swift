import ArgumentParser
import Foundation
import PodsimCore

/// `podsim export`: the episode vectors as NumPy, to take them elsewhere (another index, a
/// notebook, a benchmark against faiss or hnswlib on the same vectors).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the episode vectors as a NumPy .npy file (float32, one row per episode), and the ids.",
        discussion: """
            Rows are in the model's order (episode ids sorted by their UTF-8 bytes), each the \
            unit-length latent vector podsim searches with, so a dot product of two rows is the \
            cosine podsim reports. --ids writes the episode ids one per line in the same order.
            """)

    @Option(help: "Model file to export.")
    var model: String = ModelOptions.defaultModel

    @Option(help: "Where to write the vectors (.npy).")
    var vectors: String

    @Option(help: "Where to write the episode ids, one per line (optional).")
    var ids: String?

    func validate() throws {
        guard !vectors.isEmpty else { throw ValidationError("--vectors needs a file name") }
        if let ids, ids == vectors { throw ValidationError("--ids and --vectors must be different files") }
    }

    func run() throws {
        let loaded = try PodsimModel(contentsOf: model)
        let index = loaded.index
        try NumPyFile(rows: index.count, columns: index.dimensions).write(to: vectors, row: index.vector)
        if let ids {
            let text = (0..<loaded.episodes.count).map(loaded.episodes.id).joined(separator: "\n") + "\n"
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: ids)) } catch {
                throw ExportFailure("cannot write \(ids): \(error.localizedDescription)")
            }
        }
        print("wrote \(index.count) × \(index.dimensions) float32 vectors to \(vectors)" + (ids.map { " and their ids to \($0)" } ?? ""))
    }
}

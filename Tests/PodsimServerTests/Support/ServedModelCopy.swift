import Foundation
import PodsimCore
@testable import PodsimServer

/// A scratch directory holding a copy of the seed model, served through a real
/// `ModelFileSource`: what the DELETE and UPSERT tests change.
final class ServedModelCopy: Sendable {
    let directory: URL
    let path: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("podsim-served-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("served.podsim").path
        try FileManager.default.copyItem(atPath: ModelFileSourceTests.seedModel, toPath: path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var bytes: Data { get throws { try Data(contentsOf: URL(fileURLWithPath: path)) } }
    var source: ModelFileSource { ModelFileSource.forTests(path) }
    /// The model file as it is on disk now.
    func model() throws -> PodsimModel { try PodsimModel(contentsOf: path) }
}

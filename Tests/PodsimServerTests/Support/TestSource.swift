import NIOConcurrencyHelpers
import Foundation
import PodsimProtocol
@testable import PodsimServer

/// A model source whose n-th load serves `TestModel` "m<n>" (built by `makeModel`); it can be told
/// to fail, as a corrupt model file would.
final class TestSource: ModelSource {
    struct LoadError: Error, CustomStringConvertible {
        var description: String
    }

    private let makeModel: @Sendable (String) -> TestModel
    private let loads = NIOLockedValueBox(0)
    private let failure = NIOLockedValueBox<String?>(nil)
    private let loadSeconds: Double

    /// - Parameters:
    ///   - loadSeconds: how long each load takes (a real model file takes a while).
    ///   - makeModel: the model for an id ("m1", "m2", …).
    init(loadSeconds: Double = 0, makeModel: @escaping @Sendable (String) -> TestModel = { TestModel(modelID: $0) }) {
        self.loadSeconds = loadSeconds
        self.makeModel = makeModel
    }

    /// A source of slow models whose queries always run on worker threads (their cost is above
    /// any threshold the tests set): each answer waits at `gate` and then sleeps `delaySeconds`;
    /// with `batches`, queries waiting for a worker are taken together.
    static func offloaded(gate: Gate? = nil, delaySeconds: Double = 0, batches: Bool = false) -> TestSource {
        TestSource { id in
            var model = TestModel(modelID: id)
            model.queryCost = 1_000_000_000
            model.gate = gate
            model.delaySeconds = delaySeconds
            model.batchesQueries = batches
            return model
        }
    }

    /// Loads so far (successful ones).
    var loadCount: Int { loads.withLockedValue { $0 } }

    /// From now on, `load()` throws with `message` (nil: loads succeed again).
    func failLoads(with message: String?) { failure.withLockedValue { $0 = message } }

    func load() throws -> any ModelService {
        if loadSeconds > 0 { Thread.sleep(forTimeInterval: loadSeconds) }
        if let message = failure.withLockedValue { $0 } { throw LoadError(description: message) }
        let number = loads.withLockedValue { count -> Int in
            count += 1
            return count
        }
        return makeModel("m\(number)")
    }

    /// Each non-empty line must be a JSON object with a string "id"; anything else names the line.
    func add(jsonl: String, to current: any ModelService) throws -> (any ModelService, AddResult) {
        guard var model = current as? TestModel else { throw LoadError(description: "not a test model") }
        var added: [String] = []
        for (index, line) in jsonl.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8))
            guard let fields = object as? [String: Any] else {
                throw LoadError(description: "line \(index + 1): not a JSON object")
            }
            guard let id = fields["id"] as? String, !id.isEmpty else {
                throw LoadError(description: "line \(index + 1): field \"id\" is missing or not a string")
            }
            added.append(id)
        }
        model.episodeIDs += added
        model.modelID = current.modelID + "+\(added.count)"
        let result = AddResult(added: UInt32(added.count), episodesTotal: UInt32(model.episodeIDs.count),
                               unknownTermShare: 0.25, refitDue: false)
        return (model, result)
    }
}

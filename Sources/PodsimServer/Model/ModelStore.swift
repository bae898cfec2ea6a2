import NIOConcurrencyHelpers
import PodsimProtocol

/// The model being served, swapped whole by RELOAD, SIGHUP, ADD, UPSERT and DELETE.
///
/// Readers take the current snapshot under a short lock and then use it without one: a request
/// keeps the snapshot it started with even if a reload lands while it runs. Writers (`reload`,
/// `add`) run on the server's single admin thread, so they never interleave with each other.
final class ModelStore: Sendable {
    let source: any ModelSource
    private let snapshot: NIOLockedValueBox<any ModelService>

    init(source: any ModelSource, initial: any ModelService) {
        self.source = source
        self.snapshot = NIOLockedValueBox(initial)
    }

    /// The model serving now.
    var current: any ModelService { snapshot.withLockedValue { $0 } }

    /// Loads the model file again and serves it; on error the old model keeps serving.
    /// Blocking: call on the admin thread.
    func reload() throws -> any ModelService {
        let model = try source.load()
        snapshot.withLockedValue { $0 = model }
        return model
    }

    /// Folds `jsonl` into the current model and serves the result; on error nothing changes.
    /// Blocking: call on the admin thread.
    func add(jsonl: String) throws -> AddResult {
        try change { try source.add(jsonl: jsonl, to: $0) }
    }

    /// Applies a change of the source (ADD, UPSERT, DELETE) to the current model and serves the
    /// result; on error nothing changes. Blocking: call on the admin thread.
    func change<Result>(_ apply: (any ModelService) throws -> (any ModelService, Result)) throws -> Result {
        let (model, result) = try apply(current)
        snapshot.withLockedValue { $0 = model }
        return result
    }
}

import PodsimCore
import PodsimProtocol
@testable import PodsimServer

/// A real model file source whose write-backs (ADD, UPSERT, DELETE) stop with the complete
/// temporary file on disk, just before the rename, until the test opens `gate` — the moment a
/// slow disk would leave readers waiting if the server made them wait.
struct PausingModelFileSource: ModelSource {
    let inner: ModelFileSource
    let gate: Gate

    func load() throws -> any ModelService { try inner.load() }
    func currentVersion() -> String? { inner.currentVersion() }

    func add(jsonl: String, to current: any ModelService) throws -> (any ModelService, AddResult) {
        try paused { try inner.add(jsonl: jsonl, to: current) }
    }

    func upsert(jsonl: String, into current: any ModelService) throws -> (any ModelService, AddResult) {
        try paused { try inner.upsert(jsonl: jsonl, into: current) }
    }

    func delete(episodeIDs ids: [String], from current: any ModelService) throws -> (any ModelService, DeleteResult) {
        try paused { try inner.delete(episodeIDs: ids, from: current) }
    }

    /// Runs `body` on this (admin) thread with the rename held at the gate.
    private func paused<T>(_ body: () throws -> T) throws -> T {
        let gate = gate
        return try WriteHooks.$current.withValue(WriteHooks(beforeRename: { _ in gate.pass() })) { try body() }
    }
}

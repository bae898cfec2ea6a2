import PodsimCore
import PodsimEpisodes
import PodsimProtocol

/// UPSERT and DELETE on the model file: the same path as ADD (`change`), so they are written
/// atomically before the answer and survive a RELOAD or restart.
extension ModelFileSource {
    /// Throws a `ModelSourceError`: a bad line is named and nothing changes.
    public func upsert(jsonl: String, into current: any ModelService) throws -> (any ModelService, AddResult) {
        let episodes = try decode(jsonl)
        let (updated, result) = try change(current, "UPSERT") { model in
            try ModelUpdater.upsert(episodes, into: model, writingTo: path)
        }
        return (updated, Self.addResult(result))
    }

    /// Throws a `ModelSourceError` when the write-back fails (or would leave no episode).
    public func delete(episodeIDs ids: [String], from current: any ModelService) throws -> (any ModelService, DeleteResult) {
        let (updated, result) = try change(current, "DELETE") { model in
            try ModelUpdater.delete(ids, from: model, writingTo: path)
        }
        return (updated, DeleteResult(deleted: UInt32(clamping: result.deleted), episodesTotal: UInt32(clamping: result.episodes)))
    }
}

import PodsimCore
import PodsimProtocol

/// The INFO fields a model supplies (the server adds its own `server_version`).
public struct ModelSummary: Sendable, Hashable {
    /// Episodes in the model.
    public var episodes: UInt32
    /// Distinct guests (people; hosts are not guests).
    public var guests: UInt32
    /// Terms in the vocabulary.
    public var terms: UInt32
    /// Dimensions of the latent space.
    public var dimensions: UInt16

    public init(episodes: UInt32, guests: UInt32, terms: UInt32, dimensions: UInt16) {
        self.episodes = episodes
        self.guests = guests
        self.terms = terms
        self.dimensions = dimensions
    }
}

/// What the server asks of a loaded model.
///
/// Implementations are immutable snapshots: a RELOAD or ADD swaps the whole value, and a request
/// keeps the snapshot it was started with, so `answer` never sees a model change under it.
/// `answer` is called concurrently from event-loop and worker threads.
public protocol ModelService: Sendable {
    /// Identifies the model (INFO, RELOAD, STATS); changes when a different model is loaded.
    var modelID: String { get }
    /// INFO's episodes, guests, terms and dimensions.
    var summary: ModelSummary { get }
    /// Rough work of one scan query, in multiply-adds (episodes × dimensions). The server runs a
    /// scan query (SIMILAR, SEARCH, GUESTS, EXPLAIN, GUESTS_LIKE) on a worker thread when this is
    /// above `ServerConfiguration.offloadThreshold`, and on the connection's event loop otherwise.
    var queryCost: Int { get }
    /// Answers one query: SIMILAR, SEARCH, GUESTS, EPISODE, EXPLAIN or GUESTS_LIKE (the
    /// connection answers PING and AUTH, the server INFO, STATS, RELOAD and ADD).
    ///
    /// Returns the matching success case (`.similar` for SIMILAR…) or `.failure` with a non-zero
    /// status (2 NOT_FOUND for an unknown id…). Never traps on bad input: the request has passed
    /// the codec's checks, but ids and text are the client's. An answer of the wrong kind is sent
    /// as status 8 INTERNAL.
    func answer(_ query: ModelQuery) -> PodsimResponse
    /// Answers several queries on this snapshot at once, in order: each answer must be exactly
    /// what `answer` gives for that query alone. The default answers them one by one.
    func answer(batch queries: [ModelQuery]) -> [PodsimResponse]
    /// Whether `answer(batch:)` does better than one by one, so the server should gather queries
    /// that wait for a worker into batches (`QueryBatcher`). Default false.
    var batchesQueries: Bool { get }
    /// Which state of the source this snapshot was loaded from (for a model file: its inode, size
    /// and times as read), compared with `ModelSource.currentVersion()` to see that the source
    /// has changed since. Nil (the default): unknown, never reloaded on a change.
    var sourceVersion: String? { get }
    /// Seconds since the model's file was written (built, or rewritten by ADD), for the
    /// `podsim_model_file_age_seconds` metric; nil (the default) when there is no such file.
    var fileAgeSeconds: Double? { get }
}

extension ModelService {
    public func answer(batch queries: [ModelQuery]) -> [PodsimResponse] { queries.map { answer($0) } }
    public var batchesQueries: Bool { false }
    public var sourceVersion: String? { nil }
    public var fileAgeSeconds: Double? { nil }
}

/// Where models come from: the configured model file, and the ADD fold-in.
///
/// The server calls both from one dedicated thread, one call at a time, so an implementation
/// needs no locking of its own between RELOAD, ADD and SIGHUP.
public protocol ModelSource: Sendable {
    /// Reads the configured model file again (start-up, SIGHUP, RELOAD and a change the watcher
    /// saw). Throws an error whose description says what is wrong with the file, for the log; a
    /// client is told `ErrorText.forClient(error)` (a `ModelSourceError`'s `clientMessage`, which
    /// names no server path) in status 9's message.
    func load() throws -> any ModelService
    /// ADD: folds JSON Lines episodes into `current`; returns the new snapshot and the ADD answer.
    /// Throws an error whose description names the bad line and field when the payload is
    /// unusable; the server answers status 1 with it and `current` keeps serving unchanged.
    func add(jsonl: String, to current: any ModelService) throws -> (any ModelService, AddResult)
    /// UPSERT: ADD where an id already in `current` replaces that episode; all or nothing, as ADD.
    func upsert(jsonl: String, into current: any ModelService) throws -> (any ModelService, AddResult)
    /// DELETE: removes the episodes `ids` names (unknown ids are counted out); returns the new
    /// snapshot (`current` itself when nothing was deleted) and the answer.
    func delete(episodeIDs ids: [String], from current: any ModelService) throws -> (any ModelService, DeleteResult)
    /// The source's state now, cheaply (a `stat` for a model file), in the terms of
    /// `ModelService.sourceVersion`; nil (the default) when it cannot tell. The server's model
    /// watcher calls it every `ServerConfiguration.modelCheckInterval` on the admin thread and
    /// reloads when it differs from the serving snapshot's.
    func currentVersion() -> String?
}

extension ModelSource {
    public func currentVersion() -> String? { nil }

    /// A source that cannot change its models refuses UPSERT (status 1, nothing changes).
    public func upsert(jsonl: String, into current: any ModelService) throws -> (any ModelService, AddResult) {
        throw PodsimError(.invalidInput, "this server's model source does not take UPSERT")
    }

    /// A source that cannot change its models refuses DELETE (status 1, nothing changes).
    public func delete(episodeIDs ids: [String], from current: any ModelService) throws -> (any ModelService, DeleteResult) {
        throw PodsimError(.invalidInput, "this server's model source does not take DELETE")
    }
}

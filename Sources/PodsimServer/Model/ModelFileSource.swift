import Foundation
import Logging
import PodsimCore
import PodsimEpisodes
import PodsimProtocol

/// Models from one model file: RELOAD and SIGHUP read it again; ADD, UPSERT and DELETE change the
/// model (`ModelUpdater`) and rewrite the file atomically, so the changes survive a reload or restart.
public struct ModelFileSource: ModelSource {
    /// Turns ADD's JSON Lines payload into episodes. The CLI passes the catalogue's JSON Lines
    /// reader (`JSONLCatalogue.decode(payload:)`): the server itself links no ingestion parser.
    public typealias EpisodeDecoder = @Sendable (_ jsonl: String) throws -> [Episode]

    public let path: String
    /// How every model loaded from the file is searched. Default `.serving` (exact scans for small
    /// models, the int8 scan with exact rescoring for large ones: `SearchOptions.serving`);
    /// `.exact` scans every episode in f32 (never the graph).
    public let searchOptions: SearchOptions
    /// How answers mix the latent and lexical cosines; default `ScoreFusion.standard` (w = 0.8).
    public let fusion: ScoreFusion
    let decodeEpisodes: EpisodeDecoder
    /// Where the write-back after ADD reports the temporary files of dead writers it removed.
    let logger: Logger

    public init(
        path: String, searchOptions: SearchOptions = .serving, fusion: ScoreFusion = .standard,
        decodeEpisodes: @escaping EpisodeDecoder, logger: Logger = Logger(label: "podsim")
    ) {
        self.path = path
        self.searchOptions = searchOptions
        self.fusion = fusion
        self.decodeEpisodes = decodeEpisodes
        self.logger = logger
    }

    /// Throws a `ModelSourceError`: the loader's message for the log, without the path for clients.
    public func load() throws -> any ModelService {
        do {
            return RecommenderService(
                model: try PodsimModel(contentsOf: path, storage: .leasedMapping), options: searchOptions, fusion: fusion)
        } catch {
            throw ModelSourceError(error, modelPath: path)
        }
    }

    /// Throws a `ModelSourceError` (a bad payload names its line and field; a failed write-back
    /// names the file for the log only).
    public func add(jsonl: String, to current: any ModelService) throws -> (any ModelService, AddResult) {
        let episodes = try decode(jsonl)
        let (updated, result) = try change(current, "ADD") { model in
            try ModelUpdater.add(episodes, to: model, writingTo: path)
        }
        return (updated, Self.addResult(result))
    }

    /// The ADD (and UPSERT) answer of a change.
    static func addResult(_ result: ModelUpdater.Result) -> AddResult {
        AddResult(
            added: UInt32(clamping: result.added), episodesTotal: UInt32(clamping: result.episodes),
            unknownTermShare: Float(result.unknownTermShare), refitDue: result.refitDue)
    }

    /// The request's JSON Lines as episodes; a bad line is the client's fault and names the line.
    func decode(_ jsonl: String) throws -> [Episode] {
        do {
            return try decodeEpisodes(jsonl)
        } catch {
            throw ModelSourceError(error, modelPath: path, isClientFault: true)
        }
    }

    /// Applies `update` (a `ModelUpdater` change that writes `path`) to the model `current` serves
    /// and loads the written file as the new snapshot — the same path for ADD, DELETE and UPSERT,
    /// so everything derived from a model is built from the new file's model, never patched.
    /// A change that wrote nothing (`result.info` is the old META) keeps `current`.
    func change(
        _ current: any ModelService, _ operation: String, _ update: (PodsimModel) throws -> ModelUpdater.Result
    ) throws -> (any ModelService, ModelUpdater.Result) {
        do {
            guard let service = current as? RecommenderService else {
                throw PodsimError(.invalidInput, "\(operation) needs a podsim model")
            }
            let result = try update(service.recommender.model)
            for file in result.removedStale {
                logger.notice("removed a stale temporary model file before the write-back", metadata: [
                    "path": "\(file.path)", "bytes": "\(file.bytes)", "dead_writer_pid": "\(file.pid)",
                ])
            }
            guard result.info != service.recommender.model.info else { return (current, result) }
            let updated = RecommenderService(
                model: try PodsimModel(contentsOf: path, storage: .leasedMapping), options: searchOptions, fusion: fusion)
            return (updated, result)
        } catch {
            throw ModelSourceError(error, modelPath: path)
        }
    }

    /// The model file's inode, size and times now (nil when there is no file at `path`).
    public func currentVersion() -> String? {
        FileIdentity(path: path).map(Self.version(of:))
    }

    /// Every field of the identity: any of them changing means the file changed.
    static func version(of identity: FileIdentity) -> String {
        "\(identity.device):\(identity.inode):\(identity.size):\(identity.modifiedNanoseconds):\(identity.changedNanoseconds)"
    }
}

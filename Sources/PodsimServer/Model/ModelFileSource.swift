import Foundation
import Logging
import PodsimCore
import PodsimEpisodes
import PodsimProtocol

/// Models from one model file: RELOAD and SIGHUP read it again; ADD folds JSON Lines episodes in
/// (`ModelUpdater`) and rewrites the file atomically, so the additions survive a reload or restart.
public struct ModelFileSource: ModelSource {
    /// Turns ADD's JSON Lines payload into episodes. The CLI passes the catalogue's JSON Lines
    /// reader (`JSONLCatalogue.decode(payload:)`): the server itself links no ingestion parser.
    public typealias EpisodeDecoder = @Sendable (_ jsonl: String) throws -> [Episode]

    public let path: String
    /// How every model loaded from the file is searched. Default `.serving` (exact scans for small
    /// models, the int8 scan with exact rescoring for large ones: `SearchOptions.serving`);
    /// `.exact` scans every episode in f32.
    public let searchOptions: SearchOptions
    let decodeEpisodes: EpisodeDecoder
    /// Where the write-back after ADD reports the temporary files of dead writers it removed.
    let logger: Logger

    public init(
        path: String, searchOptions: SearchOptions = .serving, decodeEpisodes: @escaping EpisodeDecoder,
        logger: Logger = Logger(label: "podsim")
    ) {
        self.path = path
        self.searchOptions = searchOptions
        self.decodeEpisodes = decodeEpisodes
        self.logger = logger
    }

    /// Throws a `ModelSourceError`: the loader's message for the log, without the path for clients.
    public func load() throws -> any ModelService {
        do {
            return RecommenderService(model: try PodsimModel(contentsOf: path), options: searchOptions)
        } catch {
            throw ModelSourceError(error, modelPath: path)
        }
    }

    /// Throws a `ModelSourceError` (a bad payload names its line and field; a failed write-back
    /// names the file for the log only).
    public func add(jsonl: String, to current: any ModelService) throws -> (any ModelService, AddResult) {
        let episodes: [Episode]
        do {
            episodes = try decodeEpisodes(jsonl)
        } catch {
            throw ModelSourceError(error, modelPath: path, isClientFault: true)
        }
        do {
            guard let service = current as? RecommenderService else {
                throw PodsimError(.invalidInput, "ADD needs a podsim model")
            }
            let result = try ModelUpdater.add(episodes, to: service.recommender.model, writingTo: path)
            for file in result.removedStale {
                logger.notice("removed a stale temporary model file before the write-back", metadata: [
                    "path": "\(file.path)", "bytes": "\(file.bytes)", "dead_writer_pid": "\(file.pid)",
                ])
            }
            let updated = RecommenderService(model: try PodsimModel(contentsOf: path), options: searchOptions)
            return (updated, AddResult(
                added: UInt32(clamping: result.added), episodesTotal: UInt32(clamping: result.episodes),
                unknownTermShare: Float(result.unknownTermShare), refitDue: result.refitDue))
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

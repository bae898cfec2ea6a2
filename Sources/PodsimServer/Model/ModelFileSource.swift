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

    public init(path: String, searchOptions: SearchOptions = .serving, decodeEpisodes: @escaping EpisodeDecoder) {
        self.path = path
        self.searchOptions = searchOptions
        self.decodeEpisodes = decodeEpisodes
    }

    public func load() throws -> any ModelService {
        RecommenderService(model: try PodsimModel(contentsOf: path), options: searchOptions)
    }

    public func add(jsonl: String, to current: any ModelService) throws -> (any ModelService, AddResult) {
        guard let service = current as? RecommenderService else {
            throw PodsimError(.invalidInput, "ADD needs a podsim model")
        }
        let episodes = try decodeEpisodes(jsonl)
        let result = try ModelUpdater.add(episodes, to: service.recommender.model, writingTo: path)
        let updated = RecommenderService(model: try PodsimModel(contentsOf: path), options: searchOptions)
        return (updated, AddResult(
            added: UInt32(clamping: result.added), episodesTotal: UInt32(clamping: result.episodes),
            unknownTermShare: Float(result.unknownTermShare), refitDue: result.refitDue))
    }
}

import Foundation
import PodsimCatalogue
import PodsimCore
import PodsimProtocol

/// The server's view of a loaded podsim model: maps wire requests to `Recommender` calls and
/// core errors to protocol statuses. An immutable snapshot, as `ModelService` requires.
public struct RecommenderService: ModelService {
    public let recommender: Recommender
    /// When the model's file was written, read as it is loaded (so a newer file waiting for a
    /// reload does not change it). The model format records no build time — a build is
    /// reproducible to the byte — so this stands in for the time of the fit (or the last ADD).
    let fileWrittenAt: Date?

    /// `options` choose the search path by model size; the server's default is `.serving`.
    public init(model: PodsimModel, options: SearchOptions = .serving) {
        recommender = Recommender(model: model, options: options)
        fileWrittenAt = (try? FileManager.default.attributesOfItem(atPath: model.path))?[.modificationDate] as? Date
    }

    public var modelID: String { recommender.model.info.modelID }

    public var fileAgeSeconds: Double? { fileWrittenAt.map { max(0, Date().timeIntervalSince($0)) } }

    public var summary: ModelSummary {
        let info = recommender.model.info
        return ModelSummary(
            episodes: UInt32(clamping: info.episodes), guests: UInt32(clamping: info.guests),
            terms: UInt32(clamping: info.terms), dimensions: UInt16(clamping: info.dimensions))
    }

    /// One scan is episodes × dimensions multiply-adds.
    public var queryCost: Int { recommender.model.info.episodes * recommender.model.info.dimensions }

    public func answer(_ request: PodsimRequest) -> PodsimResponse {
        do {
            switch request {
            case .similar(let query):
                return .similar(try recommender.similar(
                    to: query.episodeID, k: Int(query.k), excludeSameShow: query.flags.contains(.excludeSameShow),
                    filter: Self.filter(query.options), diversity: query.options.diversity ?? 0
                ).map(Self.hit))
            case .search(let query):
                return .search(try recommender.search(
                    query.text, k: Int(query.k), filter: Self.filter(query.options),
                    diversity: query.options.diversity ?? 0
                ).map(Self.hit))
            case .guests(let query):
                return .guests(try recommender.guests(topic: query.topic, k: Int(query.k)).map(Self.guestHit))
            case .guestsLike(let query):
                return .guestsLike(try recommender.guestsLike(query.guestName, k: Int(query.k)).map(Self.guestHit))
            case .episode(let id):
                let episode = try recommender.episode(id)
                return .episode(EpisodeDetails(
                    id: episode.id, show: episode.show, title: episode.title, published: episode.published ?? "",
                    guests: episode.guests, description: episode.description))
            case .explain(let query):
                return .explain(try recommender.explain(query.episodeA, query.episodeB, k: Int(query.k)).terms.map {
                    TermContribution(term: $0.term, contribution: $0.contribution)
                })
            default:
                return .failure(ErrorResponse(status: .internal, message: "\(request.opcode) is not a model query"))
            }
        } catch let error as PodsimError {
            return .failure(ErrorResponse(status: Self.status(for: error), message: error.message))
        } catch {
            return .failure(ErrorResponse(status: .internal, message: "\(error)"))
        }
    }

    static func status(for error: PodsimError) -> Status {
        switch error.code {
        case .unknownEpisode: .notFound
        case .invalidArgument, .invalidInput: .badRequest
        default: .internal
        }
    }

    static func filter(_ options: QueryOptions) -> EpisodeFilter {
        EpisodeFilter(
            shows: options.shows.map(Set.init), publishedFrom: options.publishedFrom?.description,
            publishedTo: options.publishedTo?.description)
    }

    static func hit(_ match: EpisodeMatch) -> EpisodeHit {
        EpisodeHit(id: match.id, score: match.score, show: match.show, title: match.title)
    }

    static func guestHit(_ match: GuestMatch) -> GuestHit {
        GuestHit(name: match.name, score: match.score, episodeIDs: match.episodes)
    }
}

/// Models from one model file: RELOAD and SIGHUP read it again; ADD folds JSON Lines episodes in
/// (`ModelUpdater`) and rewrites the file atomically, so the additions survive a reload or restart.
public struct ModelFileSource: ModelSource {
    public let path: String
    /// How every model loaded from the file is searched. Default `.serving`: exact below 524,288
    /// episodes, an int8 scan with exact f32 rescoring from there (recall@10 0.9995 at 1M × 128,
    /// 3.4× faster; docs/PERFORMANCE.md); `.exact` scans every episode in f32.
    public let searchOptions: SearchOptions

    public init(path: String, searchOptions: SearchOptions = .serving) {
        self.path = path
        self.searchOptions = searchOptions
    }

    public func load() throws -> any ModelService {
        RecommenderService(model: try PodsimModel(contentsOf: path), options: searchOptions)
    }

    public func add(jsonl: String, to current: any ModelService) throws -> (any ModelService, AddResult) {
        guard let service = current as? RecommenderService else {
            throw PodsimError(.invalidInput, "ADD needs a podsim model")
        }
        let episodes = try JSONLCatalogue.decode(Data(jsonl.utf8), source: "ADD request")
        let result = try ModelUpdater.add(episodes, to: service.recommender.model, writingTo: path)
        let updated = RecommenderService(model: try PodsimModel(contentsOf: path), options: searchOptions)
        return (updated, AddResult(
            added: UInt32(clamping: result.added), episodesTotal: UInt32(clamping: result.episodes),
            unknownTermShare: Float(result.unknownTermShare), refitDue: result.refitDue))
    }
}

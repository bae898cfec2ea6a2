#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PodsimCore
import PodsimProtocol

/// The server's view of a loaded podsim model: maps wire requests to `Recommender` calls and
/// core errors to protocol statuses. An immutable snapshot, as `ModelService` requires.
public struct RecommenderService: ModelService {
    public let recommender: Recommender

    /// `options` choose the search path by model size; the server's default is `.serving`.
    /// `fusion` mixes the latent and lexical cosines (`podsim serve --lexical-weight`).
    public init(model: PodsimModel, options: SearchOptions = .serving, fusion: ScoreFusion = .standard) {
        recommender = Recommender(model: model, options: options, fusion: fusion)
        // Show vectors and publication ages: once per model loaded (start, RELOAD, ADD), not per query.
        recommender.prepareDerivedTables()
    }

    public var modelID: String { recommender.model.info.modelID }

    /// From the file's modification time as it was read (a newer file waiting for a reload does
    /// not change it). The model format records no build time — a build is reproducible to the
    /// byte — so this stands in for the time of the fit (or of the last ADD).
    public var fileAgeSeconds: Double? {
        max(0, Self.wallClock() - Double(recommender.model.fileIdentity.modifiedNanoseconds) / 1e9)
    }

    /// Now, in seconds since 1970: the clock file times are on.
    static func wallClock() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// The model file's identity as it was read.
    public var sourceVersion: String? { ModelFileSource.version(of: recommender.model.fileIdentity) }

    public var summary: ModelSummary {
        let info = recommender.model.info
        return ModelSummary(
            episodes: UInt32(clamping: info.episodes), guests: UInt32(clamping: info.guests),
            terms: UInt32(clamping: info.terms), dimensions: UInt16(clamping: info.dimensions))
    }

    /// One scan is episodes × dimensions multiply-adds.
    public var queryCost: Int { recommender.model.info.episodes * recommender.model.info.dimensions }

    public func answer(_ query: ModelQuery) -> PodsimResponse {
        do {
            switch query {
            case .similar(let request):
                return .similar(try recommender.similar(
                    to: request.episodeID, k: Int(request.k), excludeSameShow: request.flags.contains(.excludeSameShow),
                    filter: Self.filter(request.options), diversity: request.options.diversity ?? 0,
                    ranking: Self.ranking(request.options)
                ).map(Self.hit))
            case .search(let request):
                return .search(try recommender.search(
                    request.text, k: Int(request.k), filter: Self.filter(request.options),
                    diversity: request.options.diversity ?? 0, ranking: Self.ranking(request.options)
                ).map(Self.hit))
            case .recommend(let request):
                return .recommend(try recommender.recommend(
                    like: request.likeIDs, unlike: request.unlikeIDs, text: request.text, k: Int(request.k),
                    excludeLikedShows: request.flags.contains(.excludeSameShow), filter: Self.filter(request.options),
                    diversity: request.options.diversity ?? 0, ranking: Self.ranking(request.options)
                ).map(Self.hit))
            case .similarShows(let request):
                return .similarShows(try recommender.similarShows(to: request.show, k: Int(request.k)).map(Self.showHit))
            case .guest(let name):
                return .guest(Self.guestDetails(try recommender.guestProfile(name)))
            case .guests(let request):
                return .guests(try recommender.guests(
                    topic: request.topic, k: Int(request.k), options: Self.guestOptions(request.options)).map(Self.guestHit))
            case .guestsLike(let request):
                return .guestsLike(try recommender.guestsLike(
                    request.guestName, k: Int(request.k), options: Self.guestOptions(request.options)).map(Self.guestHit))
            case .episode(let id):
                let episode = try recommender.episode(id)
                return .episode(EpisodeDetails(
                    id: episode.id, show: episode.show, title: episode.title, published: episode.published ?? "",
                    guests: episode.guests, description: episode.description))
            case .explain(let request):
                return .explain(try recommender.explain(request.episodeA, request.episodeB, k: Int(request.k)).terms.map {
                    TermContribution(term: $0.term, contribution: $0.contribution)
                })
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

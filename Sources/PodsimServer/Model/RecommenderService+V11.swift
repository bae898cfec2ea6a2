import PodsimCore
import PodsimProtocol

/// Wire ↔ core conversions for the protocol v1.1 queries (options 0x05–0x09, RECOMMEND,
/// SIMILAR_SHOWS, GUEST).
extension RecommenderService {
    static func ranking(_ options: QueryOptions) -> RankingOptions {
        RankingOptions(
            excludeIDs: options.excludeIDs ?? [], offset: Int(options.offset ?? 0), minScore: options.minScore,
            maxPerShow: options.maxPerShow.map(Int.init),
            recency: options.recency.map { RankingOptions.Recency(halfLifeDays: $0.halfLifeDays, weight: $0.weight) })
    }

    static func showHit(_ match: ShowMatch) -> ShowHit {
        ShowHit(show: match.show, score: match.score, episodes: UInt32(clamping: match.episodes), episodeIDs: match.evidence)
    }

    static func guestDetails(_ profile: GuestProfile) -> GuestDetails {
        GuestDetails(name: profile.name, shows: profile.shows, episodeIDs: profile.episodes.map(\.id), topTerms: profile.topTerms)
    }
}

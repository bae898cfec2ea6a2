import PodsimCore
import PodsimProtocol

extension RecommenderService {
    /// GUESTS and GUESTS_LIKE options as the core takes them.
    static func guestOptions(_ options: GuestsOptions) -> GuestOptions {
        GuestOptions(
            evidence: EpisodeFilter(
                shows: options.shows.map(Set.init), publishedFrom: options.publishedFrom?.description,
                publishedTo: options.publishedTo?.description),
            notOnShows: options.notOnShows ?? [], excludeGuests: options.excludeGuests ?? [])
    }
}

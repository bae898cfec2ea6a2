import ArgumentParser
import PodsimClient
import PodsimCore
import PodsimEpisodes

/// What `guests` and `guests-like` restrict: the evidence episodes (`--show`, `--from`, `--to`)
/// and the guests (`--not-on`, `--exclude-guest`) — the protocol's GUESTS options.
struct GuestFilterOptions: ParsableArguments {
    @Option(name: .customLong("show"), help: "Only episodes of this show count as evidence (repeatable).")
    var shows: [String] = []

    @Option(name: .customLong("from"), help: "Only episodes published on or after this date count (yyyy-mm-dd).")
    var publishedFrom: String?

    @Option(name: .customLong("to"), help: "Only episodes published on or before this date count (yyyy-mm-dd).")
    var publishedTo: String?

    @Option(name: .customLong("not-on"), help: ArgumentHelp(
        "Only guests who have never been on this show: whom to invite next (repeatable).", valueName: "show"))
    var notOn: [String] = []

    @Option(name: .customLong("exclude-guest"), help: ArgumentHelp(
        "Leave out this person, in any spelling (repeatable).", valueName: "name"))
    var excludeGuests: [String] = []

    func validate() throws {
        let dates = [("--from", publishedFrom), ("--to", publishedTo)].compactMap { name, value in value.map { (name, $0) } }
        for (name, value) in dates where PublishedDate(value) == nil {
            throw ValidationError("\(name) must be a calendar date like 2025-07-30, got '\(value)'")
        }
        if let from = publishedFrom, let to = publishedTo, from > to {
            throw ValidationError("--from \(from) is after --to \(to)")
        }
    }

    /// For a local model.
    var guestOptions: GuestOptions {
        GuestOptions(
            evidence: EpisodeFilter(shows: shows.isEmpty ? nil : Set(shows), publishedFrom: publishedFrom, publishedTo: publishedTo),
            notOnShows: notOn, excludeGuests: excludeGuests)
    }

    /// For the wire (dates are valid once `validate()` passed).
    var wireOptions: GuestsOptions {
        GuestsOptions(
            shows: shows.isEmpty ? nil : shows, publishedFrom: publishedFrom.flatMap(PublishedDate.init),
            publishedTo: publishedTo.flatMap(PublishedDate.init), notOnShows: notOn.isEmpty ? nil : notOn,
            excludeGuests: excludeGuests.isEmpty ? nil : excludeGuests)
    }
}

import ArgumentParser
import PodsimClient
import PodsimCore
import PodsimEpisodes

/// Filters and diversity for `similar` and `search`.
struct FilterOptions: ParsableArguments {
    @Option(name: .customLong("show"), help: "Only episodes of this show (repeatable).")
    var shows: [String] = []

    @Option(name: .customLong("from"), help: "Only episodes published on or after this date (yyyy-mm-dd).")
    var publishedFrom: String?

    @Option(name: .customLong("to"), help: "Only episodes published on or before this date (yyyy-mm-dd).")
    var publishedTo: String?

    @Option(help: "Trade similarity for variety, 0…1 (maximal marginal relevance; 0 = off).")
    var diversity: Float = 0

    func validate() throws {
        for (name, value) in [("--from", publishedFrom), ("--to", publishedTo)] {
            if let value, PublishedDate(value) == nil {
                throw ValidationError("\(name) must be a calendar date like 2025-07-30, got '\(value)'")
            }
        }
        guard (0...1).contains(diversity) else { throw ValidationError("--diversity must be between 0 and 1, got \(diversity)") }
    }

    var episodeFilter: EpisodeFilter {
        EpisodeFilter(shows: shows.isEmpty ? nil : Set(shows), publishedFrom: publishedFrom, publishedTo: publishedTo)
    }

    /// The same filters for the wire (the option is left out when diversity is off). Dates are
    /// valid once `validate()` passed.
    var queryOptions: QueryOptions {
        QueryOptions(
            shows: shows.isEmpty ? nil : shows, publishedFrom: publishedFrom.flatMap(PublishedDate.init),
            publishedTo: publishedTo.flatMap(PublishedDate.init), diversity: diversity > 0 ? diversity : nil)
    }
}

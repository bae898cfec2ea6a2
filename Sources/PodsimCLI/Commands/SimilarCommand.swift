import ArgumentParser
import PodsimClient
import PodsimCore
import PodsimEpisodes

struct SimilarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar", abstract: "Episodes most like a given episode (never the episode itself).")

    @Argument(help: "Episode id, e.g. devops-paradox-333 (see `podsim episodes`).")
    var id: String

    @Flag(name: .long, help: "Leave out episodes of the same show.")
    var excludeSameShow = false

    @OptionGroup var filter: FilterOptions
    @OptionGroup var count: CountOption
    @OptionGroup var options: SourceOptions

    func run() async throws {
        let matches = try await options.answer { recommender in
            try recommender.similar(
                to: id, k: count.k, excludeSameShow: excludeSameShow, filter: filter.episodeFilter,
                diversity: filter.diversity)
        } remote: { client throws(PodsimClientError) in
            try await client.similar(id, k: count.k, excludeSameShow: excludeSameShow, options: filter.queryOptions)
                .map(EpisodeMatch.init)
        }
        try EpisodeMatchPrinter.print(matches, json: options.json)
    }
}

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Episodes most like a free text (more like this, for text).")

    @Argument(help: "The text, e.g. \"feature flags and experimentation\".")
    var text: String

    @OptionGroup var filter: FilterOptions
    @OptionGroup var count: CountOption
    @OptionGroup var options: SourceOptions

    func run() async throws {
        let matches = try await options.answer { recommender in
            let matches = try recommender.search(text, k: count.k, filter: filter.episodeFilter, diversity: filter.diversity)
            if matches.isEmpty && !options.json && recommender.model.foldIn(text) == nil {
                printError("no word of the text is in the model's vocabulary")
            }
            return matches
        } remote: { client throws(PodsimClientError) in
            try await client.search(text, k: count.k, options: filter.queryOptions).map(EpisodeMatch.init)
        }
        try EpisodeMatchPrinter.print(matches, json: options.json)
    }
}

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

extension EpisodeMatch {
    /// A hit from a server, printed exactly as a local match.
    init(_ hit: EpisodeHit) {
        self.init(id: hit.id, score: hit.score, show: hit.show, title: hit.title)
    }
}

enum EpisodeMatchPrinter {
    static func print(_ matches: [EpisodeMatch], json: Bool) throws {
        if json { return try Output.json(matches) }
        Output.table(
            ["score", "id", "show", "title"],
            matches.map { [Output.score($0.score), $0.id, $0.show, $0.title] })
    }
}

import ArgumentParser
import PodsimClient
import PodsimCore

struct RecommendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Episodes like the liked ones (and a text), unlike the unliked ones; never those episodes.",
        discussion: """
            The query is a weighted centroid in the model's space: the text (weight 1), the mean of \
            the liked episodes (0.75), minus the mean of the unliked ones (0.15) — see docs/HOW-IT-WORKS.md.
            """)

    @Option(name: .customLong("like"), parsing: .upToNextOption, help: ArgumentHelp(
        "Episode ids the listener liked (one or more; at most 1000).", valueName: "id"))
    var like: [String] = []

    @Option(name: .customLong("unlike"), parsing: .upToNextOption, help: ArgumentHelp(
        "Episode ids the listener did not like (at most 1000).", valueName: "id"))
    var unlike: [String] = []

    @Option(help: "Free text to steer by, e.g. \"kubernetes security\".")
    var text: String = ""

    @Flag(name: .customLong("exclude-liked-shows"), help: "Leave out every show of the liked episodes.")
    var excludeLikedShows = false

    @OptionGroup var filter: FilterOptions
    @OptionGroup var ranking: RankingCLIOptions
    @OptionGroup var count: CountOption
    @OptionGroup var options: SourceOptions

    func validate() throws {
        guard !like.isEmpty || !text.isEmpty else {
            throw ValidationError("give at least one --like ID or a --text")
        }
        for (name, ids) in [("--like", like), ("--unlike", unlike)] where ids.count > Recommender.maxRecommendIDs {
            throw ValidationError("\(name) takes at most \(Recommender.maxRecommendIDs) ids, got \(ids.count)")
        }
    }

    func run() async throws {
        let matches = try await options.answer { recommender in
            try recommender.recommend(
                like: like, unlike: unlike, text: text, k: count.k, excludeLikedShows: excludeLikedShows,
                filter: filter.episodeFilter, diversity: filter.diversity, ranking: ranking.ranking)
        } remote: { client throws(PodsimClientError) in
            try await client.recommend(
                like: like, unlike: unlike, text: text, k: count.k, excludeLikedShows: excludeLikedShows,
                options: ranking.adding(to: filter.queryOptions)
            ).map(EpisodeMatch.init)
        }
        try EpisodeMatchPrinter.print(matches, json: options.json)
    }
}

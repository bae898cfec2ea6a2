import ArgumentParser
import PodsimClient
import PodsimCore
import PodsimEpisodes

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Episodes most like a free text (more like this, for text).")

    @Argument(help: "The text, e.g. \"feature flags and experimentation\".")
    var text: String

    @OptionGroup var filter: FilterOptions
    @OptionGroup var ranking: RankingCLIOptions
    @OptionGroup var count: CountOption
    @OptionGroup var options: SourceOptions

    func run() async throws {
        let matches = try await options.answer { recommender in
            let matches = try recommender.search(text, k: count.k, filter: filter.episodeFilter, diversity: filter.diversity, ranking: ranking.ranking)
            if matches.isEmpty && !options.json && recommender.model.foldIn(text) == nil {
                printError("no word of the text is in the model's vocabulary")
            }
            return matches
        } remote: { client throws(PodsimClientError) in
            try await client.search(text, k: count.k, options: ranking.adding(to: filter.queryOptions)).map(EpisodeMatch.init)
        }
        try EpisodeMatchPrinter.print(matches, json: options.json)
    }
}

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
    @OptionGroup var ranking: RankingCLIOptions
    @OptionGroup var count: CountOption
    @OptionGroup var options: SourceOptions

    func run() async throws {
        let matches = try await options.answer { recommender in
            try recommender.similar(
                to: id, k: count.k, excludeSameShow: excludeSameShow, filter: filter.episodeFilter,
                diversity: filter.diversity, ranking: ranking.ranking)
        } remote: { client throws(PodsimClientError) in
            try await client.similar(id, k: count.k, excludeSameShow: excludeSameShow, options: ranking.adding(to: filter.queryOptions))
                .map(EpisodeMatch.init)
        }
        try EpisodeMatchPrinter.print(matches, json: options.json)
    }
}

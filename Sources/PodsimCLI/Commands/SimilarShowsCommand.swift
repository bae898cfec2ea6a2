import ArgumentParser
import PodsimClient
import PodsimCore

struct SimilarShowsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar-shows",
        abstract: "Shows most like a given show (never the show itself), each with its nearest episodes.")

    @Argument(help: "The show's name exactly as the catalogue spells it, e.g. \"DevOps Paradox\".")
    var show: String

    @OptionGroup var count: CountOption
    @OptionGroup var options: SourceOptions

    func run() async throws {
        let shows = try await options.answer { recommender in
            try recommender.similarShows(to: show, k: count.k)
        } remote: { client throws(PodsimClientError) in
            try await client.similarShows(show, k: count.k).map {
                ShowMatch(show: $0.show, score: $0.score, episodes: Int($0.episodes), evidence: $0.episodeIDs)
            }
        }
        if options.json { return try Output.json(shows) }
        Output.table(
            ["score", "show", "episodes", "nearest episodes"],
            shows.map { [Output.score($0.score), $0.show, String($0.episodes), $0.evidence.joined(separator: ", ")] })
    }
}

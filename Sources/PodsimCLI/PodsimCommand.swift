import ArgumentParser
import PodsimCore

@main
struct PodsimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podsim",
        abstract: "More-like-this similarity and guest recommendations for podcast episodes.",
        discussion: """
            Build a model from seed pages or JSON Lines catalogues, then ask it for similar episodes, \
            episodes about a text, or guests for a topic — from the command line or over TCP.
            """,
        version: PodsimVersion.current,
        subcommands: [
            BuildCommand.self, ServeCommand.self, EpisodesCommand.self, EpisodeCommand.self, SimilarCommand.self,
            SearchCommand.self, RecommendCommand.self, SimilarShowsCommand.self, GuestsCommand.self, GuestCommand.self,
            GuestsLikeCommand.self, ExplainCommand.self,
            TopicsCommand.self, AddCommand.self, DeleteCommand.self, ExportCommand.self,
        ],
        // For the people who work on podsim or measure it, apart from what a user runs.
        groupedSubcommands: [
            CommandGroup(name: "Developer", subcommands: [EvaluateCommand.self, SynthCommand.self, BenchCommand.self])
        ])
}

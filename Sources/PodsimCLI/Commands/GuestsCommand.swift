import ArgumentParser
import PodsimCore

struct GuestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guests",
        abstract: "Guests ranked by how well their episodes match a topic, with those episodes.")

    @Argument(help: "The topic, e.g. \"feature flags experimentation\".")
    var topic: String

    @OptionGroup var count: CountOption
    @OptionGroup var options: ModelOptions

    func run() throws {
        let guests = try options.recommender().guests(topic: topic, k: count.k)
        if options.json { return try Output.json(guests) }
        Output.table(
            ["score", "guest", "episodes (best first)"],
            guests.map { [Output.score($0.score), $0.name, $0.episodes.joined(separator: ", ")] })
    }
}

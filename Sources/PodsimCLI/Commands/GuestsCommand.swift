import ArgumentParser
import PodsimClient
import PodsimCore

struct GuestsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guests",
        abstract: "Guests ranked by how well their episodes match a topic, with those episodes.")

    @Argument(help: "The topic, e.g. \"feature flags experimentation\".")
    var topic: String

    @OptionGroup var count: CountOption
    @OptionGroup var filter: GuestFilterOptions
    @OptionGroup var options: SourceOptions

    func run() async throws {
        let guests = try await options.answer { recommender in
            try recommender.guests(topic: topic, k: count.k, options: filter.guestOptions)
        } remote: { client throws(PodsimClientError) in
            try await client.guests(topic: topic, k: count.k, options: filter.wireOptions).map(GuestMatch.init)
        }
        try GuestMatchPrinter.print(guests, json: options.json)
    }
}

extension GuestMatch {
    /// A guest from a server, printed exactly as a local match.
    init(_ hit: GuestHit) {
        self.init(name: hit.name, score: hit.score, episodes: hit.episodeIDs)
    }
}

enum GuestMatchPrinter {
    static func print(_ guests: [GuestMatch], json: Bool) throws {
        if json { return try Output.json(guests) }
        Output.table(
            ["score", "guest", "episodes (best first)"],
            guests.map { [Output.score($0.score), $0.name, $0.episodes.joined(separator: ", ")] })
    }
}

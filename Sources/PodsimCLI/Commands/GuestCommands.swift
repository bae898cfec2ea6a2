import ArgumentParser
import PodsimClient
import PodsimCore

struct GuestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guest", abstract: "A guest's profile: shows, episodes and what they talked about.")

    @Argument(help: "The guest's name, in any spelling (case and accents do not matter).")
    var name: String

    @Option(help: "How many top terms to show.")
    var terms: Int = 10

    @OptionGroup var options: ModelOptions

    func run() throws {
        let profile = try options.recommender().guestProfile(name, terms: max(terms, 1))
        if options.json { return try Output.json(profile) }
        print("\(profile.name) — \(profile.shows.joined(separator: ", "))")
        print("about: \(profile.topTerms.joined(separator: ", "))")
        Output.table(
            ["published", "id", "title"],
            profile.episodes.map { [$0.published.isEmpty ? "-" : $0.published, $0.id, $0.title] })
    }
}

struct GuestsLikeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guests-like", abstract: "Guests whose episodes lie near a given guest's.")

    @Argument(help: "The guest's name, in any spelling.")
    var name: String

    @OptionGroup var count: CountOption
    @OptionGroup var filter: GuestFilterOptions
    @OptionGroup var options: SourceOptions

    func run() async throws {
        let guests = try await options.answer { recommender in
            try recommender.guestsLike(name, k: count.k, options: filter.guestOptions)
        } remote: { client throws(PodsimClientError) in
            try await client.guestsLike(name, k: count.k, options: filter.wireOptions).map(GuestMatch.init)
        }
        try GuestMatchPrinter.print(guests, json: options.json)
    }
}

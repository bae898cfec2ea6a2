import ArgumentParser
import PodsimClient
import PodsimCore
import PodsimEpisodes

struct GuestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guest", abstract: "A guest's profile: shows, episodes and what they talked about.",
        discussion: "The same answer as the GUEST opcode: shows and episodes newest first, up to 10 top terms.")

    @Argument(help: "The guest's name, in any spelling (case, accents, spacing and titles like \"Dr.\" do not matter).")
    var name: String

    @Option(help: "How many top terms to show (1…10).")
    var terms: Int = 10

    @OptionGroup var options: SourceOptions

    func validate() throws {
        guard (1...10).contains(terms) else { throw ValidationError("--terms must be between 1 and 10, got \(terms)") }
    }

    func run() async throws {
        var profile = try await options.answer { recommender in
            try recommender.guestProfile(name)
        } remote: { client throws(PodsimClientError) in
            let details = try await client.guest(name)
            var episodes: [GuestProfile.EpisodeSummary] = []
            for id in details.episodeIDs {
                let episode = try await client.episode(id)
                episodes.append(.init(id: episode.id, show: episode.show, title: episode.title, published: episode.published))
            }
            return GuestProfile(
                name: details.name, key: GuestName.key(for: name), shows: details.shows, episodes: episodes,
                topTerms: details.topTerms)
        }
        profile.topTerms = Array(profile.topTerms.prefix(terms))
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

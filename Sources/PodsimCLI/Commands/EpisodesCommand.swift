import ArgumentParser
import PodsimCatalogue
import PodsimClient
import PodsimCore
import PodsimEpisodes

struct EpisodesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "episodes", abstract: "List the episodes in a model (in id order).")

    @Option(name: .customLong("k"), help: "List at most this many (default: all).")
    var k: Int?

    @OptionGroup var options: ModelOptions

    func validate() throws {
        if let k, k < 1 { throw ValidationError("--k must be at least 1, got \(k)") }
    }

    /// The JSON shape of `podsim episodes --json`.
    struct Row: Encodable {
        var id: String
        var show: String
        var title: String
        var published: String
        var guests: [String]
    }

    func run() throws {
        let model = try options.recommender().model
        let count = min(k ?? model.episodes.count, model.episodes.count)
        let rows = (0..<count).map { row -> Row in
            let episode = model.episode(at: row)
            return Row(id: episode.id, show: episode.show, title: episode.title, published: episode.published ?? "",
                       guests: episode.guests)
        }
        if options.json { return try Output.json(rows) }
        Output.table(
            ["id", "published", "guests", "title"],
            rows.map { [$0.id, $0.published.isEmpty ? "-" : $0.published, $0.guests.joined(separator: ", "), $0.title] })
    }
}

struct EpisodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "episode", abstract: "Show one episode: metadata, guests and indexed description.")

    @Argument(help: "Episode id.")
    var id: String

    @OptionGroup var options: SourceOptions

    func run() async throws {
        let episode = try await options.answer { recommender in
            try recommender.episode(id)
        } remote: { client throws(PodsimClientError) in
            Episode(try await client.episode(id))
        }
        if options.json { return try Output.json(episode) }
        print("""
            id:          \(episode.id)
            show:        \(episode.show)
            title:       \(episode.title)
            published:   \(episode.published ?? "unknown")
            guests:      \(episode.guests.isEmpty ? "none" : episode.guests.joined(separator: ", "))

            \(episode.description)
            """)
    }
}

extension Episode {
    /// An episode from a server. The wire carries no episode number or duration, so `--json`
    /// over `--server` leaves those two keys out.
    init(_ details: EpisodeDetails) {
        self.init(
            id: details.id, show: details.show, title: details.title,
            published: details.published.isEmpty ? nil : details.published, description: details.description,
            guests: details.guests)
    }
}

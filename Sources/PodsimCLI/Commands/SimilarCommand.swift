import ArgumentParser
import PodsimCore

struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar", abstract: "Episodes most like a given episode (never the episode itself).")

    @Argument(help: "Episode id, e.g. devops-paradox-333 (see `podsim episodes`).")
    var id: String

    @Flag(name: .long, help: "Leave out episodes of the same show.")
    var excludeSameShow = false

    @OptionGroup var filter: FilterOptions
    @OptionGroup var count: CountOption
    @OptionGroup var options: ModelOptions

    func run() throws {
        let matches = try options.recommender().similar(
            to: id, k: count.k, excludeSameShow: excludeSameShow, filter: filter.episodeFilter,
            diversity: filter.diversity)
        try EpisodeMatchPrinter.print(matches, json: options.json)
    }
}

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Episodes most like a free text (more like this, for text).")

    @Argument(help: "The text, e.g. \"feature flags and experimentation\".")
    var text: String

    @OptionGroup var filter: FilterOptions
    @OptionGroup var count: CountOption
    @OptionGroup var options: ModelOptions

    func run() throws {
        let recommender = try options.recommender()
        let matches = try recommender.search(text, k: count.k, filter: filter.episodeFilter, diversity: filter.diversity)
        if matches.isEmpty && !options.json && recommender.model.foldIn(text) == nil {
            printError("no word of the text is in the model's vocabulary")
        }
        try EpisodeMatchPrinter.print(matches, json: options.json)
    }
}

/// Filters and diversity for `similar` and `search`.
struct FilterOptions: ParsableArguments {
    @Option(name: .customLong("show"), help: "Only episodes of this show (repeatable).")
    var shows: [String] = []

    @Option(name: .customLong("from"), help: "Only episodes published on or after this date (yyyy-mm-dd).")
    var publishedFrom: String?

    @Option(name: .customLong("to"), help: "Only episodes published on or before this date (yyyy-mm-dd).")
    var publishedTo: String?

    @Option(help: "Trade similarity for variety, 0…1 (maximal marginal relevance; 0 = off).")
    var diversity: Float = 0

    func validate() throws {
        for (name, value) in [("--from", publishedFrom), ("--to", publishedTo)] {
            if let value, !isISODate(value) { throw ValidationError("\(name) must be a date like 2025-07-30, got '\(value)'") }
        }
        guard (0...1).contains(diversity) else { throw ValidationError("--diversity must be between 0 and 1, got \(diversity)") }
    }

    var episodeFilter: EpisodeFilter {
        EpisodeFilter(shows: shows.isEmpty ? nil : Set(shows), publishedFrom: publishedFrom, publishedTo: publishedTo)
    }

    private func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}

enum EpisodeMatchPrinter {
    static func print(_ matches: [EpisodeMatch], json: Bool) throws {
        if json { return try Output.json(matches) }
        Output.table(
            ["score", "id", "show", "title"],
            matches.map { [Output.score($0.score), $0.id, $0.show, $0.title] })
    }
}

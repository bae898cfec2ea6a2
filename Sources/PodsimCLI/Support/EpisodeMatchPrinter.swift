import ArgumentParser
import PodsimClient
import PodsimCore
import PodsimEpisodes

extension EpisodeMatch {
    /// A hit from a server, printed exactly as a local match.
    init(_ hit: EpisodeHit) {
        self.init(id: hit.id, score: hit.score, show: hit.show, title: hit.title)
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

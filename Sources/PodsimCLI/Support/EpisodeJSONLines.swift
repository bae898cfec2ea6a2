import Foundation
import PodsimEpisodes

/// Episodes as the JSON Lines of a catalogue (`docs/` "JSON Lines catalogues": `id`, `show`,
/// `number`, `title`, `published`, `duration_seconds`, `description`, `guests`), one object per
/// line: what `podsim add --server` sends as ADD's or UPSERT's payload, so a server reads the
/// episodes exactly as the local loader did.
enum EpisodeJSONLines {
    private struct Record: Encodable {
        var id: String
        var show: String
        var number: Int?
        var title: String
        var published: String?
        var duration_seconds: Int?
        var description: String
        var guests: [String]
    }

    static func encode(_ episodes: [Episode]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines = ""
        for episode in episodes {
            let record = Record(
                id: episode.id, show: episode.show, number: episode.number, title: episode.title,
                published: episode.published, duration_seconds: episode.durationSeconds,
                description: episode.description, guests: episode.guests)
            lines += String(decoding: try encoder.encode(record), as: UTF8.self) + "\n"
        }
        return lines
    }
}

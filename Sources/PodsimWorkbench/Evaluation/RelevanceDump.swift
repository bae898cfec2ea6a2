import Foundation
import PodsimCore
import PodsimEpisodes

/// What `Benchmarks/relevance.py` needs from a model to score other systems on the same episodes
/// as podsim: the text podsim indexed, and podsim's own answers for a sample of episodes.
public enum RelevanceDump {
    /// One episode as JSON Lines: the indexed text (title, newline, description) and the guests.
    struct CorpusLine: Encodable {
        var id: String
        var show: String
        var text: String
        var guests: [String]
    }

    /// One sampled episode and podsim's answers for it, best first.
    struct NeighbourLine: Encodable {
        var id: String
        var neighbours: [String]
    }

    /// Writes every episode of `model` as one JSON line, in row (id) order.
    public static func writeCorpus(of model: PodsimModel, to path: String) throws {
        try writeLines(to: path, (0..<model.episodes.count).map { row in
            let episode = model.episode(at: row)
            return CorpusLine(id: episode.id, show: episode.show, text: episode.indexedText, guests: episode.guests)
        })
    }

    /// The rows of an evenly spaced sample of `size` episodes out of `count` (all of them when
    /// `size >= count`): rows 0, s, 2s, … with s = count / size, so the sample is deterministic.
    public static func sampleRows(count: Int, size: Int) -> [Int] {
        guard size > 0, count > 0 else { return [] }
        let stride = max(1, count / size)
        return Array(Swift.stride(from: 0, to: count, by: stride).prefix(size))
    }

    /// Writes, for each sampled episode, the ids of its `k` most similar episodes as podsim
    /// answers them (`Recommender.similar`).
    public static func writeNeighbours(
        of recommender: Recommender, sample: Int, k: Int, to path: String
    ) throws {
        let model = recommender.model
        let lines = try sampleRows(count: model.episodes.count, size: sample).map { row in
            let id = model.episodes.id(row)
            return NeighbourLine(id: id, neighbours: try recommender.similar(to: id, k: k).map(\.id))
        }
        try writeLines(to: path, lines)
    }

    private static func writeLines<T: Encodable>(to path: String, _ lines: [T]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for line in lines {
            data.append(try encoder.encode(line))
            data.append(0x0A)
        }
        do { try data.write(to: URL(fileURLWithPath: path)) } catch {
            throw PodsimError(.io, "cannot write \(path): \(error.localizedDescription)")
        }
    }
}

import PodsimEpisodes
import PodsimLinearAlgebra

/// Folds new episodes into an existing model without a refit (`podsim add`, the ADD opcode).
///
/// The vocabulary, idf and projection stay as fitted; each new episode's text is folded in like a
/// query (`PodsimModel.foldIn`) and becomes a row like any other. This is fast and keeps every
/// existing answer's scale, but words the fit never saw carry no weight, and a catalogue that
/// drifts far from what was fitted deserves a refit: the result says when.
public enum ModelUpdater {
    /// A refit is advised when more than this share of the new episodes' terms (analysed unigrams
    /// and bigrams, counted with repetition) is missing from the vocabulary. Default 0.25.
    public static let unknownTermShareForRefit = 0.25
    /// …or when the episodes added since the last fit exceed this share of the fitted corpus.
    /// Default 0.25.
    public static let growthForRefit = 0.25

    public struct Result: Sendable {
        public var added: Int
        public var episodes: Int
        /// Share of the new episodes' analysed terms that the vocabulary does not know.
        public var unknownTermShare: Double
        /// Why a refit (`podsim build`) is advised, or nil.
        public var refitReason: String?
        public var info: ModelInfo
        /// Temporary files of killed writers removed before writing (`StaleTemporaryFiles`).
        public var removedStale: [StaleTemporaryFiles.Removed] = []
        public var refitDue: Bool { refitReason != nil }
    }

    /// Adds `newEpisodes` to `model` and writes the result to `path` (atomically; usually the
    /// model's own file). Ids must be new and unique; hosts of a known show are removed from
    /// the new episodes' guests.
    public static func add(_ newEpisodes: [Episode], to model: PodsimModel, writingTo path: String) throws -> Result {
        guard !newEpisodes.isEmpty else { throw PodsimError(.invalidInput, "no episodes to add") }
        var seen = Set<String>()
        for episode in newEpisodes {
            if model.episodes.row(of: episode.id) != nil {
                throw PodsimError(.invalidInput, "episode id '\(episode.id)' is already in the model")
            }
            if !seen.insert(episode.id).inserted {
                throw PodsimError(.invalidInput, "episode id '\(episode.id)' appears twice in the new episodes")
            }
        }

        var known = 0
        var total = 0
        var incoming: [(episode: Episode, vector: [Float], lexical: [(term: Int32, weight: Float)])] = []
        for var episode in newEpisodes {
            let hosts = HostSet(model.info.hosts[episode.show] ?? [])
            episode.guests.removeAll(where: hosts.contains)
            let terms = model.features.analyzer.terms(episode.indexedText)
            total += terms.count
            known += terms.filter { model.features.termID($0) != nil }.count
            // An episode with no known word gets a zero vector: it is listed, but matches nothing.
            let weights = model.features.transform(episode.indexedText)
            let vector = model.foldIn(weights) ?? [Float](repeating: 0, count: model.dimensions)
            incoming.append((episode, vector, weights))
        }

        var rows = (0..<model.episodes.count).map { row in
            (episode: model.episode(at: row), vector: model.index.vector(row), lexical: model.lexicalRow(row))
        }
        rows += incoming
        rows.sort { StringTable.precedes($0.episode.id, $1.episode.id) }

        var info = model.info
        info.addedEpisodes = (info.addedEpisodes ?? 0) + newEpisodes.count
        // No longer the build of its sources alone: `build --if-stale` must not take it for one.
        info.sourceDigest = "added:" + info.sourceDigest
        let contents = ModelContents(
            episodes: rows.map(\.episode), vectors: rows.flatMap(\.vector), features: model.features,
            projection: Array(model.projection),
            lexical: SparseMatrix(
                columns: model.features.termCount,
                rows: rows.map { $0.lexical.map { (column: Int($0.term), value: $0.weight) } }),
            info: info)
        let (written, removed) = try contents.write(to: path)

        let unknownShare = total == 0 ? 1 : Double(total - known) / Double(total)
        let growth = Double(info.addedEpisodes ?? 0) / Double(max(info.documentCount, 1))
        var reason: String?
        if unknownShare > unknownTermShareForRefit {
            reason = String(format: "%.0f%% of the new episodes' terms are not in the vocabulary", unknownShare * 100)
        } else if growth > growthForRefit {
            reason = String(format: "the model has grown by %.0f%% since it was fitted", growth * 100)
        }
        return Result(
            added: newEpisodes.count, episodes: rows.count, unknownTermShare: unknownShare, refitReason: reason,
            info: written, removedStale: removed)
    }
}

import PodsimEpisodes
import PodsimLinearAlgebra

/// The one path every change takes: fold the incoming episodes in, drop rows, write the whole
/// model atomically, and judge whether a refit is due.
extension ModelUpdater {
    /// Writes `model` without the rows in `dropping` and with `incoming` folded in, under `info`
    /// (whose change counters the caller has already advanced), to `path`. `replaced` of the
    /// dropped rows are replaced by incoming episodes of the same id; the rest are deletions.
    static func rewrite(
        _ model: PodsimModel, dropping: Set<Int>, folding incoming: [Episode], replaced: Int = 0, info: ModelInfo,
        writingTo path: String
    ) throws -> Result {
        var known = 0
        var total = 0
        var rows: [(episode: Episode, vector: [Float], lexical: [(term: Int32, weight: Float)])] = []
        rows.reserveCapacity(model.episodes.count - dropping.count + incoming.count)
        for row in 0..<model.episodes.count where !dropping.contains(row) {
            rows.append((model.episode(at: row), model.index.vector(row), model.lexicalRow(row)))
        }
        for var episode in incoming {
            let hosts = HostSet(model.info.hosts[episode.show] ?? [])
            episode.guests.removeAll(where: hosts.contains)
            // Words and bigrams only: the grams of a new word are mostly known (they are pieces
            // of other words), so counting them would hide exactly the new words a refit needs.
            let terms = model.features.analyzer.terms(episode.indexedText, characterGrams: false)
            total += terms.count
            known += terms.filter { model.features.termID($0) != nil }.count
            // An episode with no known word gets a zero vector: it is listed, but matches nothing.
            let weights = model.features.transform(episode.indexedText)
            let vector = model.foldIn(weights) ?? [Float](repeating: 0, count: model.dimensions)
            rows.append((episode, vector, weights))
        }
        rows.sort { StringTable.precedes($0.episode.id, $1.episode.id) }

        let contents = ModelContents(
            episodes: rows.map(\.episode), vectors: rows.flatMap(\.vector), features: model.features,
            projection: Array(model.projection),
            lexical: SparseMatrix(
                columns: model.features.termCount,
                rows: rows.map { $0.lexical.map { (column: Int($0.term), value: $0.weight) } }),
            info: info)
        let (written, removed) = try contents.write(to: path)

        let unknownShare = incoming.isEmpty ? 0 : total == 0 ? 1 : Double(total - known) / Double(total)
        return Result(
            added: incoming.count, replaced: replaced, deleted: dropping.count - replaced,
            episodes: rows.count, unknownTermShare: unknownShare,
            refitReason: refitReason(unknownShare: incoming.isEmpty ? nil : unknownShare, info: written),
            info: written, removedStale: removed)
    }

    /// Why a refit is advised after a change, or nil: too many unknown words in what was just
    /// folded in (`unknownTermShareForRefit`), or too much changed since the fit (`growthForRefit`:
    /// added, replaced and deleted episodes count alike — each is an episode the fitted space
    /// was not fitted to, or one it was fitted to that is gone).
    static func refitReason(unknownShare: Double?, info: ModelInfo) -> String? {
        if let unknownShare, unknownShare > unknownTermShareForRefit {
            return String(format: "%.0f%% of the new episodes' terms are not in the vocabulary", unknownShare * 100)
        }
        let share = Double(info.changedSinceFit) / Double(max(info.documentCount, 1))
        guard share > growthForRefit else { return nil }
        if (info.replacedEpisodes ?? 0) + (info.deletedEpisodes ?? 0) == 0 {
            return String(format: "the model has grown by %.0f%% since it was fitted", share * 100)
        }
        return String(
            format: "episodes added, replaced and deleted since the fit come to %.0f%% of the fitted corpus", share * 100)
    }
}

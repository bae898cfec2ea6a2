import PodsimEpisodes

/// Changes an existing model without a refit: folds new episodes in (`podsim add`, the ADD
/// opcode), replaces episodes (`podsim add --replace`, UPSERT) and removes them (`podsim delete`,
/// DELETE).
///
/// The vocabulary, idf and projection stay as fitted; each new or replaced episode's text is folded
/// in like a query (`PodsimModel.foldIn`) and becomes a row like any other, and a deleted
/// episode's row is dropped. This is fast and keeps every other answer's scale, but words the fit
/// never saw carry no weight, and a catalogue that drifts far from what was fitted deserves a
/// refit: the result says when. Every change writes a whole new model file atomically (temporary
/// file, fsync, rename), so a change applies completely or not at all.
public enum ModelUpdater {
    /// A refit is advised when more than this share of the new episodes' terms (analysed unigrams
    /// and bigrams, counted with repetition) is missing from the vocabulary. Default 0.25.
    public static let unknownTermShareForRefit = 0.25
    /// …or when the episodes added, replaced and deleted since the last fit, together
    /// (`ModelInfo.changedSinceFit`), exceed this share of the fitted corpus
    /// (`ModelInfo.documentCount`). Default 0.25.
    public static let growthForRefit = 0.25

    public struct Result: Sendable {
        /// Episodes this change folded in: new ones and replaced ones.
        public var added: Int
        /// Of `added`, the episodes that replaced one with the same id (upsert).
        public var replaced: Int = 0
        /// Episodes this change removed (delete).
        public var deleted: Int = 0
        /// Episodes in the model afterwards.
        public var episodes: Int
        /// Share of the new episodes' analysed terms that the vocabulary does not know (0 for a
        /// delete).
        public var unknownTermShare: Double
        /// Why a refit (`podsim build`) is advised, or nil.
        public var refitReason: String?
        /// The model's META after the change (before it, when nothing changed).
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
        try checkUnique(newEpisodes)
        for episode in newEpisodes where model.episodes.row(of: episode.id) != nil {
            throw PodsimError(.invalidInput, "episode id '\(episode.id)' is already in the model")
        }
        var info = model.info
        info.addedEpisodes = (info.addedEpisodes ?? 0) + newEpisodes.count
        markChanged(&info, "added")
        return try rewrite(model, dropping: [], folding: newEpisodes, info: info, writingTo: path)
    }

    /// Refuses a batch that holds one id twice: which of the two should win is not for us to guess.
    static func checkUnique(_ episodes: [Episode]) throws {
        var seen = Set<String>()
        for episode in episodes where !seen.insert(episode.id).inserted {
            throw PodsimError(.invalidInput, "episode id '\(episode.id)' appears twice in the new episodes")
        }
    }

    /// Marks `info` as no longer the build of its sources alone, so `build --if-stale` must not take
    /// it for one. Marked once (`added:…`, `upserted:…`, `deleted:…`): later changes keep the mark,
    /// so META does not grow with every change.
    static func markChanged(_ info: inout ModelInfo, _ operation: String) {
        if !info.sourceDigest.contains(":") { info.sourceDigest = operation + ":" + info.sourceDigest }
    }
}

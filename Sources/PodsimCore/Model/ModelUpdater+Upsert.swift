import PodsimEpisodes

extension ModelUpdater {
    /// Adds `episodes` to `model`, an id already in the model replacing that episode (`podsim add
    /// --replace`, UPSERT), and writes the result to `path` atomically. A replaced episode is
    /// taken out whole — its vector, metadata and guests — and the new one folded in from its
    /// text, so its show and guests follow the new record; a guest left with no episode is no
    /// longer in the model. Ids must be unique within `episodes`; the whole batch applies or,
    /// on any error, nothing does (the file is untouched).
    public static func upsert(_ episodes: [Episode], into model: PodsimModel, writingTo path: String) throws -> Result {
        guard !episodes.isEmpty else { throw PodsimError(.invalidInput, "no episodes to add or replace") }
        try checkUnique(episodes)
        let replacedRows = Set(episodes.compactMap { model.episodes.row(of: $0.id) })
        var info = model.info
        let new = episodes.count - replacedRows.count
        if new > 0 { info.addedEpisodes = (info.addedEpisodes ?? 0) + new }
        if !replacedRows.isEmpty { info.replacedEpisodes = (info.replacedEpisodes ?? 0) + replacedRows.count }
        markChanged(&info, "upserted")
        return try rewrite(
            model, dropping: replacedRows, folding: episodes, replaced: replacedRows.count, info: info, writingTo: path)
    }
}

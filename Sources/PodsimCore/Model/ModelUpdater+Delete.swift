import PodsimEpisodes

extension ModelUpdater {
    /// Removes the episodes `ids` names from `model` and writes the result to `path` atomically
    /// (`podsim delete`, DELETE). Ids the model does not know are counted out, not an error; when
    /// none is known nothing is written and `info` is the model's own. A guest left with no
    /// episode is no longer in the model. The vocabulary, idf and latent space stay as fitted.
    ///
    /// Refuses to remove every episode: a model answers from at least one (build a new one
    /// instead).
    public static func delete(_ ids: [String], from model: PodsimModel, writingTo path: String) throws -> Result {
        let rows = Set(ids.compactMap { model.episodes.row(of: $0) })
        guard !rows.isEmpty else {
            return Result(
                added: 0, episodes: model.episodes.count, unknownTermShare: 0,
                refitReason: refitReason(unknownShare: nil, info: model.info), info: model.info)
        }
        guard rows.count < model.episodes.count else {
            throw PodsimError(
                .invalidInput,
                "deleting \(rows.count) episodes would leave the model with none; build a new model instead")
        }
        var info = model.info
        info.deletedEpisodes = (info.deletedEpisodes ?? 0) + rows.count
        markChanged(&info, "deleted")
        return try rewrite(model, dropping: rows, folding: [], info: info, writingTo: path)
    }
}

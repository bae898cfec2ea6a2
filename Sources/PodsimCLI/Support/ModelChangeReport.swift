import PodsimCore
import PodsimProtocol

/// What `podsim add` (with or without `--replace`) and `podsim delete` print: text for a person,
/// or one JSON object (`--json`). A local change knows more than a server's answer carries
/// (guests, the model id, the counts since the fit), so its JSON has those fields too.
struct ModelChangeReport: Encodable {
    /// ADD/UPSERT: new and replaced episodes folded in; nil for a delete.
    var added: Int?
    /// Of `added`, the episodes that replaced one with the same id (local upsert only).
    var replaced: Int?
    /// DELETE: episodes removed; nil for an add.
    var deleted: Int?
    /// DELETE: distinct ids given that the model did not know (counted out, not an error).
    var notInModel: Int?
    var episodesTotal: Int
    var unknownTermShare: Double?
    var refitDue: Bool?
    var refitReason: String?
    /// The rest only for a model file.
    var guests: Int?
    var modelID: String?
    var model: String?
    var sinceFit: SinceFit?

    /// The model's change counters (META): what a refit would start afresh.
    struct SinceFit: Encodable {
        var added: Int
        var replaced: Int
        var deleted: Int
    }

    enum CodingKeys: String, CodingKey {
        case added, replaced, deleted, guests, model
        case notInModel = "not_in_model"
        case episodesTotal = "episodes_total", unknownTermShare = "unknown_term_share", refitDue = "refit_due"
        case refitReason = "refit_reason", modelID = "model_id", sinceFit = "since_fit"
    }

    init(local result: ModelUpdater.Result, path: String, replace: Bool, delete: Bool = false) {
        if delete { deleted = result.deleted } else { added = result.added }
        if replace { replaced = result.replaced }
        episodesTotal = result.episodes
        if !delete { unknownTermShare = result.unknownTermShare }
        refitDue = result.refitDue
        refitReason = result.refitReason
        guests = result.info.guests
        modelID = result.info.modelID
        model = path
        sinceFit = SinceFit(
            added: result.info.addedEpisodes ?? 0, replaced: result.info.replacedEpisodes ?? 0,
            deleted: result.info.deletedEpisodes ?? 0)
    }

    init(server result: AddResult, replace: Bool) {
        added = Int(result.added)
        episodesTotal = Int(result.episodesTotal)
        unknownTermShare = Double(result.unknownTermShare)
        refitDue = result.refitDue
    }

    init(server result: DeleteResult) {
        deleted = Int(result.deleted)
        episodesTotal = Int(result.episodesTotal)
    }

    func print(json: Bool) throws {
        if json { return try Output.json(self) }
        let guestsClause = guests.map { " and \($0) guests" } ?? ""
        if let added {
            let replacedClause = replaced.map { " (\($0) of them replacing an episode with the same id)" } ?? ""
            Swift.print("added \(added) episodes\(replacedClause); the model now has \(episodesTotal) episodes\(guestsClause)")
        }
        if let deleted {
            let unknownClause = notInModel.flatMap { $0 > 0 ? " (\($0) of the ids given \($0 == 1 ? "is" : "are") not in the model)" : nil } ?? ""
            Swift.print("deleted \(deleted) episodes\(unknownClause); the model now has \(episodesTotal) episodes\(guestsClause)")
        }
        if let unknownTermShare {
            Swift.print(String(format: "terms of the new episodes not in the vocabulary: %.1f%%", unknownTermShare * 100))
        }
        if let sinceFit {
            Swift.print("since the fit: \(sinceFit.added) added, \(sinceFit.replaced) replaced, \(sinceFit.deleted) deleted")
        }
        if let reason = refitReason {
            Swift.print("refit due: \(reason) — rebuild with `podsim build` from all sources")
        } else if refitDue == true {
            Swift.print("refit due — rebuild with `podsim build` from all sources")
        } else if refitDue == false {
            Swift.print("no refit needed yet")
        }
        if let model, let modelID { Swift.print("wrote \(model) (\(modelID))") }
    }
}

import Logging
import PodsimProtocol

/// UPSERT and DELETE, on the admin thread like ADD: the change is written to the model file and
/// served before the answer; a refused change leaves the serving model as it was.
extension RequestExecutor {
    func upsertEpisodes(_ jsonl: String, answering job: ConnectionJob) -> Frame {
        changeModel("UPSERT", answering: job) {
            let result = try models.change { try models.source.upsert(jsonl: jsonl, into: $0) }
            logger.info("episodes upserted", metadata: [
                "added_or_replaced": "\(result.added)", "episodes": "\(result.episodesTotal)", "refit_due": "\(result.refitDue)",
            ])
            return .upserted(result)
        }
    }

    func deleteEpisodes(_ ids: [String], answering job: ConnectionJob) -> Frame {
        changeModel("DELETE", answering: job) {
            let result = try models.change { try models.source.delete(episodeIDs: ids, from: $0) }
            logger.info("episodes deleted", metadata: [
                "deleted": "\(result.deleted)", "asked": "\(ids.count)", "episodes": "\(result.episodesTotal)",
            ])
            return .deleted(result)
        }
    }

    /// The answer of a model change (ADD, UPSERT, DELETE), or status 1 saying nothing changed: a
    /// bad payload is logged at debug (the client's business), a failed write-back at error with
    /// the file's path (which the client is not told).
    func changeModel(
        _ operation: String, nothing: String = "nothing was changed", answering job: ConnectionJob,
        _ apply: () throws -> PodsimResponse
    ) -> Frame {
        do {
            return frame(try apply(), answering: job)
        } catch {
            let payloadFault = (error as? ModelSourceError)?.isClientFault ?? true
            logger.log(level: payloadFault ? .debug : .error, "\(operation) refused; \(nothing)", metadata: [
                "error": "\(ErrorText.describe(error))",
            ])
            return Frame.failure(
                .badRequest, message: "\(operation): \(ErrorText.forClient(error)); \(nothing)",
                opcode: job.opcode, requestID: job.requestID)
        }
    }
}

import Logging
import NIOCore
import NIOPosix
import PodsimProtocol

/// Turns a connection's job into its answer frame: INFO and STATS from the server's own state,
/// queries from the model snapshot of the moment, RELOAD and ADD on the admin thread.
///
/// Scan queries run inline on the event loop when the model's `queryCost` is at most
/// `offloadThreshold`, on a worker thread otherwise. Every path ends in a frame: a failure of the
/// server's own machinery becomes status 8, never a dropped request.
struct RequestExecutor: Sendable {
    /// Where the job's answer will come from.
    enum Outcome {
        /// Answered already (on the calling event loop).
        case ready(Frame)
        /// Answered later on another thread; the future never fails.
        case pending(EventLoopFuture<Frame>)
    }

    /// Bytes first reserved for an answer's body: 2 KiB, which holds ten hits with titles of
    /// typical length; longer answers grow it.
    static let answerBodyBytes = 2048
    private static let allocator = ByteBufferAllocator()

    let models: ModelStore
    let metrics: ServerMetrics
    let serverVersion: String
    let offloadThreshold: Int
    let maxFrameBytes: Int
    /// Scan queries above the threshold.
    let workers: NIOThreadPool
    /// RELOAD, ADD and SIGHUP, one at a time.
    let admin: NIOThreadPool
    let logger: Logger
    /// Gathers offloaded queries that wait for a worker into batches, for a model that batches
    /// (`ModelService.batchesQueries`); nil: each query is its own task on `workers`.
    var batcher: QueryBatcher? = nil

    /// Answers `job`, inline or on another thread.
    func execute(_ job: ConnectionJob, on eventLoop: any EventLoop) -> Outcome {
        switch job.work {
        case .administration(let request): administer(request, job, on: eventLoop)
        case .query(let query): answer(query, job, on: eventLoop)
        }
    }

    /// INFO and STATS from the server's own state; RELOAD and ADD on the admin thread.
    private func administer(_ request: AdministrationRequest, _ job: ConnectionJob, on eventLoop: any EventLoop) -> Outcome {
        switch request {
        case .info:
            let model = models.current
            let summary = model.summary
            return .ready(frame(.info(ServerInfo(
                serverVersion: serverVersion, modelID: model.modelID, episodes: summary.episodes,
                guests: summary.guests, terms: summary.terms, dimensions: summary.dimensions)), answering: job))
        case .stats:
            return .ready(frame(.stats(metrics.snapshot(modelID: models.current.modelID)), answering: job))
        case .reload:
            return offload(job, to: admin, on: eventLoop) { executor in
                switch executor.reloadModel() {
                case .success(let result): executor.frame(.reloaded(result), answering: job)
                case .failure(let error): Frame.failure(.modelRejected, message: error.message, opcode: job.opcode, requestID: job.requestID)
                }
            }
        case .add(let jsonl):
            return offload(job, to: admin, on: eventLoop) { executor in executor.addEpisodes(jsonl, answering: job) }
        case .upsert(let jsonl):
            return offload(job, to: admin, on: eventLoop) { executor in executor.upsertEpisodes(jsonl, answering: job) }
        case .delete(let ids):
            return offload(job, to: admin, on: eventLoop) { executor in executor.deleteEpisodes(ids, answering: job) }
        }
    }

    /// A query against the model snapshot of the moment: inline on the event loop when it is a
    /// lookup or a scan cheaper than the hop to a worker, on a worker otherwise.
    private func answer(_ query: ModelQuery, _ job: ConnectionJob, on eventLoop: any EventLoop) -> Outcome {
        let model = models.current
        guard query.scans, model.queryCost > offloadThreshold else { return .ready(frame(model.answer(query), answering: job)) }
        if let batcher, model.batchesQueries {
            let executor = self
            return .pending(batcher.answer(query, with: model, on: eventLoop).map { executor.frame($0, answering: job) })
        }
        return offload(job, to: workers, on: eventLoop) { executor in executor.frame(model.answer(query), answering: job) }
    }

    /// Loads the model file again (blocking: call on the admin thread); logs the outcome.
    func reloadModel() -> Result<ReloadResult, ServerError> {
        let previous = models.current.modelID
        do {
            let model = try models.reload()
            metrics.recordReload(ok: true)
            logger.notice("model reloaded", metadata: [
                "model_id": "\(model.modelID)", "previous_model_id": "\(previous)", "episodes": "\(model.summary.episodes)",
            ])
            return .success(ReloadResult(modelID: model.modelID, episodes: model.summary.episodes))
        } catch {
            metrics.recordReload(ok: false)
            // The log gets the whole story (the file's path included); the client, no paths.
            logger.error("model reload refused; the old model keeps serving", metadata: [
                "model_id": "\(previous)", "error": "\(ErrorText.describe(error))",
            ])
            return .failure(ServerError(.modelRejected, ErrorText.forClient(error)))
        }
    }

    private func addEpisodes(_ jsonl: String, answering job: ConnectionJob) -> Frame {
        changeModel("ADD", nothing: "nothing was added", answering: job) {
            let result = try models.add(jsonl: jsonl)
            logger.info("episodes added", metadata: [
                "added": "\(result.added)", "episodes": "\(result.episodesTotal)", "refit_due": "\(result.refitDue)",
            ])
            return .added(result)
        }
    }

    /// Runs `work` on `pool`; a pool that has shut down answers status 8.
    private func offload(_ job: ConnectionJob, to pool: NIOThreadPool, on eventLoop: any EventLoop,
                         _ work: @escaping @Sendable (RequestExecutor) -> Frame) -> Outcome {
        let executor = self
        let future = pool.runIfActive(eventLoop: eventLoop) { work(executor) }
            .recover { error in executor.internalFailure("the server is shutting down (\(error))", answering: job) }
        return .pending(future)
    }

    /// The frame for the model's `response`, or status 8 when the model answered out of contract
    /// (wrong kind, status 0 as a failure) or the answer would not fit the max frame size.
    func frame(_ response: PodsimResponse, answering job: ConnectionJob) -> Frame {
        if case .failure(let failure) = response, failure.status == .ok {
            return internalFailure("the model answered \(job.opcode) with a failure of status 0", answering: job)
        }
        if let opcode = response.opcode, opcode != job.opcode {
            return internalFailure("the model answered \(job.opcode) with a \(opcode) answer", answering: job)
        }
        let frame: Frame
        if case .failure = response {
            frame = response.frame(opcode: job.opcode, requestID: job.requestID)
        } else {
            // One allocation of a size that holds a typical answer, instead of growing from empty.
            var body = Self.allocator.buffer(capacity: Self.answerBodyBytes)
            response.write(to: &body)
            frame = Frame(opcode: job.opcode, requestID: job.requestID, body: body)
        }
        guard frame.length <= maxFrameBytes else {
            return internalFailure(
                "the answer is \(frame.length) bytes, above the max frame size of \(maxFrameBytes); ask for fewer hits",
                answering: job)
        }
        return frame
    }

    private func internalFailure(_ message: String, answering job: ConnectionJob) -> Frame {
        logger.error("internal fault answering a request", metadata: [
            "opcode": "\(job.opcode)", "request_id": "\(job.requestID)", "error": "\(message)",
        ])
        return Frame.failure(.internal, message: message, opcode: job.opcode, requestID: job.requestID)
    }
}

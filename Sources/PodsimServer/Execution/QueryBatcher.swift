import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PodsimProtocol

/// Scan queries waiting for a worker thread, answered several at a time when several wait on
/// the same model snapshot (`ModelService.answer(batch:)`: for a podsim model, one pass over the
/// vectors scores every SIMILAR in it — each row of the vectors read once per batch instead of once per
/// query).
///
/// Nothing waits for a batch to fill: a query that finds a worker free starts at once, alone.
/// Queries arriving while every worker is busy queue here, and a worker that finishes takes all
/// that are waiting on its next model, up to `maxBatch`. So batches form only under load, and
/// their size follows it. Each connection's limits and order are unchanged: a query enters here
/// only once its connection has a slot for it, and its answer goes back to that slot.
final class QueryBatcher: Sendable {
    /// Queries one batch answers at most. 64: beyond it a batch's scores (64 × 2,048 rows, 512 KB)
    /// outgrow L2, and one batch would hold up the answers of many connections at once.
    static let maxBatch = 64

    private struct Waiting {
        let model: any ModelService
        let query: ModelQuery
        let promise: EventLoopPromise<PodsimResponse>
    }

    private struct State {
        /// Oldest first.
        var waiting: [Waiting] = []
        /// Workers taking batches now (at most `drainers`).
        var draining = 0
        /// Queries answered, and how many of them in a batch of two or more (for tests and STATS).
        var answered = 0
        var batched = 0
    }

    private let state = NIOLockedValueBox(State())
    private let workers: NIOThreadPool
    /// Worker threads that may take batches at once: the pool's size.
    private let drainers: Int
    /// Told the size of every batch of two or more, as it is taken (the server counts them for
    /// `GET /metrics`: how large batches grow under the load it sees).
    private let onBatch: @Sendable (Int) -> Void

    init(workers: NIOThreadPool, threads: Int, onBatch: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.workers = workers
        drainers = max(1, threads)
        self.onBatch = onBatch
    }

    /// Queries answered so far, and how many of them shared a batch.
    var counts: (answered: Int, batched: Int) {
        state.withLockedValue { ($0.answered, $0.batched) }
    }

    /// `model`'s answer to `query`, computed on a worker thread, alone or in a batch.
    func answer(_ query: ModelQuery, with model: any ModelService, on eventLoop: any EventLoop) -> EventLoopFuture<PodsimResponse> {
        let promise = eventLoop.makePromise(of: PodsimResponse.self)
        let startsWorker = state.withLockedValue { state in
            state.waiting.append(Waiting(model: model, query: query, promise: promise))
            guard state.draining < drainers else { return false }
            state.draining += 1
            return true
        }
        if startsWorker {
            workers.runIfActive(eventLoop: eventLoop) { self.drain() }
                .whenFailure { error in self.failWaiting("the server is shutting down (\(error))") }
        }
        return promise.futureResult
    }

    /// Answers batch after batch until nothing waits.
    private func drain() {
        while let batch = takeBatch() {
            if batch.count > 1 { onBatch(batch.count) }
            let answers = batch.count == 1 ? [batch[0].model.answer(batch[0].query)] : batch[0].model.answer(batch: batch.map(\.query))
            for (item, answer) in zip(batch, answers) { item.promise.succeed(answer) }
        }
    }

    /// The oldest waiting query and, behind it, those on the same model snapshot, up to
    /// `maxBatch`; nil — and one worker fewer draining — when nothing waits.
    private func takeBatch() -> [Waiting]? {
        state.withLockedValue { state in
            guard let first = state.waiting.first else {
                state.draining -= 1
                return nil
            }
            var batch: [Waiting] = []
            var rest: [Waiting] = []
            for item in state.waiting {
                if batch.count < Self.maxBatch, Self.sameSnapshot(item.model, first.model) {
                    batch.append(item)
                } else {
                    rest.append(item)
                }
            }
            state.waiting = rest
            state.answered += batch.count
            if batch.count > 1 { state.batched += batch.count }
            return batch
        }
    }

    /// A query is answered by the snapshot it was taken up with: batch only queries of one.
    private static func sameSnapshot(_ a: any ModelService, _ b: any ModelService) -> Bool {
        a.modelID == b.modelID && a.sourceVersion == b.sourceVersion
    }

    /// The pool refused work (shutdown): every waiting query gets status 8 instead of no answer.
    private func failWaiting(_ message: String) {
        let waiting = state.withLockedValue { state in
            defer {
                state.waiting = []
                state.draining -= 1
            }
            return state.waiting
        }
        for item in waiting { item.promise.succeed(.failure(ErrorResponse(status: .internal, message: message))) }
    }
}

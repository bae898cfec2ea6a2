import NIOConcurrencyHelpers
import Atomics
import Histogram
import NIOCore
import PodsimProtocol

/// The server's counters, gauges and latency histogram: written by every connection on every
/// event loop, read by STATS, by `PodsimServer.gauges` and — through `prometheus`, which every
/// call here feeds too — by `GET /metrics`. This is the one place the server reports events to.
///
/// The hot path (one request, one answer) costs two relaxed atomic increments and one short lock
/// around the histogram's record, plus the Prometheus counter and histogram (an atomic increment
/// and one lock each, after a look-up under one short lock); nothing allocates once an
/// (opcode, status) has been seen.
final class ServerMetrics: Sendable {
    /// Statuses below this have a lock-free counter; rarer ones (only a model's own invention
    /// could produce them) go to a locked dictionary. 64 covers every status the protocol defines.
    static let directStatusCount = 64
    /// Largest latency the histogram is sized for up front, in µs (60 s); it grows past it on demand.
    static let initialLatencyCeilingMicroseconds: UInt64 = 60_000_000

    private let startedAt: NIODeadline
    private let open = ManagedAtomic<Int>(0)
    private let accepted = ManagedAtomic<UInt64>(0)
    private let requestsByOpcode: [ManagedAtomic<UInt64>] = (0...255).map { _ in ManagedAtomic(0) }
    private let answersByStatus: [ManagedAtomic<UInt64>] = (0..<directStatusCount).map { _ in ManagedAtomic(0) }
    private let rareAnswers = NIOLockedValueBox<[UInt16: UInt64]>([:])
    private let latency: NIOLockedValueBox<Histogram<UInt64>>
    private let queued = ManagedAtomic<Int>(0)
    private let peakQueued = ManagedAtomic<Int>(0)
    private let peakBuffered = ManagedAtomic<Int>(0)
    private let pausedByQueue = ManagedAtomic<Int>(0)
    private let pausedByUnreadAnswers = ManagedAtomic<Int>(0)
    /// The same events as swift-metrics instruments, for `GET /metrics`.
    let prometheus = PrometheusMetrics()

    init(startedAt: NIODeadline = .now()) {
        self.startedAt = startedAt
        var histogram = Histogram<UInt64>(
            highestTrackableValue: Self.initialLatencyCeilingMicroseconds, numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        latency = NIOLockedValueBox(histogram)
    }

    // MARK: Connections

    /// Admits one connection if fewer than `limit` are open; false means refuse it.
    func admitConnection(limit: Int) -> Bool {
        let now = open.wrappingIncrementThenLoad(ordering: .relaxed)
        guard now <= limit else {
            open.wrappingDecrement(ordering: .relaxed)
            prometheus.connectionRefusedBusy()
            return false
        }
        accepted.wrappingIncrement(ordering: .relaxed)
        prometheus.connectionAccepted()
        return true
    }

    /// An admitted connection closed.
    func connectionClosed() {
        open.wrappingDecrement(ordering: .relaxed)
    }

    // MARK: Requests and answers

    /// A request frame arrived with `opcode` (known or not).
    func recordRequest(_ opcode: Opcode) {
        requestsByOpcode[Int(opcode.rawValue)].wrappingIncrement(ordering: .relaxed)
    }

    /// An answer with `status` to a request with `opcode` was handed to its connection; `latency`
    /// is the time since its request was read (nil for answers that answer no request, such as
    /// BUSY at accept).
    func recordAnswer(_ opcode: Opcode, _ status: Status, latency elapsed: TimeAmount?) {
        prometheus.answered(opcode, status, latency: elapsed)
        let raw = Int(status.rawValue)
        if raw < Self.directStatusCount {
            answersByStatus[raw].wrappingIncrement(ordering: .relaxed)
        } else {
            rareAnswers.withLockedValue { $0[status.rawValue, default: 0] += 1 }
        }
        if let elapsed {
            let microseconds = UInt64(max(0, elapsed.nanoseconds / 1000))
            latency.withLockedValue { _ = $0.record(microseconds) }
        }
    }

    /// A model reload (RELOAD or SIGHUP) was served, or refused with the old model serving on.
    func recordReload(ok: Bool) {
        prometheus.reloaded(ok: ok)
    }

    // MARK: Gauges

    /// A connection's decoded-but-unanswered requests changed by `delta`; `connectionPeak` is the
    /// most that connection has held at once.
    func queuedRequestsChanged(by delta: Int, connectionPeak: Int) {
        if delta != 0 { queued.wrappingIncrement(by: delta, ordering: .relaxed) }
        raise(peakQueued, to: connectionPeak)
    }

    /// A connection held `bytes` of received, not yet decoded input.
    func bufferedBytesObserved(_ bytes: Int) {
        raise(peakBuffered, to: bytes)
    }

    /// A connection's held-back read changed reason: `old` and `new` are why it does not read
    /// (nil: it reads). Only backpressure counts; a closing connection is not paused.
    func readHoldChanged(from old: ConnectionStateMachine.ReadHold?, to new: ConnectionStateMachine.ReadHold?) {
        guard old != new else { return }
        pauseCounter(old)?.wrappingDecrement(ordering: .relaxed)
        pauseCounter(new)?.wrappingIncrement(ordering: .relaxed)
    }

    private func pauseCounter(_ hold: ConnectionStateMachine.ReadHold?) -> ManagedAtomic<Int>? {
        switch hold {
        case .queueFull: pausedByQueue
        case .answersUnwritten: pausedByUnreadAnswers
        case .closing, nil: nil
        }
    }

    private func raise(_ peak: ManagedAtomic<Int>, to value: Int) {
        var current = peak.load(ordering: .relaxed)
        while value > current {
            let (exchanged, original) = peak.compareExchange(expected: current, desired: value, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// The gauges, now.
    var gauges: ServerGauges {
        ServerGauges(
            openConnections: open.load(ordering: .relaxed),
            connectionsAccepted: accepted.load(ordering: .relaxed),
            queuedRequests: queued.load(ordering: .relaxed),
            peakQueuedRequestsPerConnection: peakQueued.load(ordering: .relaxed),
            peakBufferedBytesPerConnection: peakBuffered.load(ordering: .relaxed),
            connectionsPausedByQueue: pausedByQueue.load(ordering: .relaxed),
            connectionsPausedByUnreadAnswers: pausedByUnreadAnswers.load(ordering: .relaxed))
    }

    // MARK: STATS and scrapes

    /// Seconds since the server's metrics began, as of `now`.
    func uptimeMilliseconds(now: NIODeadline = .now()) -> UInt64 {
        UInt64(max(0, (now - startedAt).nanoseconds / 1_000_000))
    }

    /// The Prometheus text for `GET /metrics`, with the gauges read now and `model` serving.
    func exposition(model: (any ModelService)?) -> [UInt8] {
        prometheus.exposition(
            gauges: gauges, uptimeSeconds: Double(uptimeMilliseconds()) / 1000,
            model: model.map { model in
                PrometheusMetrics.ModelFigures(
                    modelID: model.modelID, episodes: model.summary.episodes,
                    dimensions: model.summary.dimensions, fileAgeSeconds: model.fileAgeSeconds)
            })
    }

    /// The STATS answer for the model `modelID`, as of `now`.
    func snapshot(modelID: String, now: NIODeadline = .now()) -> ServerStats {
        let requests = requestsByOpcode.enumerated().compactMap { opcode, counter -> OpcodeCount? in
            let count = counter.load(ordering: .relaxed)
            return count == 0 ? nil : OpcodeCount(opcode: Opcode(rawValue: UInt8(opcode)), count: count)
        }
        var answers = answersByStatus.enumerated().compactMap { status, counter -> StatusCount? in
            let count = counter.load(ordering: .relaxed)
            return count == 0 ? nil : StatusCount(status: Status(rawValue: UInt16(status)), count: count)
        }
        answers += rareAnswers.withLockedValue { $0 }.sorted { $0.key < $1.key }.map { StatusCount(status: Status(rawValue: $0.key), count: $0.value) }
        return ServerStats(
            uptimeMilliseconds: uptimeMilliseconds(now: now),
            modelID: modelID,
            openConnections: UInt32(clamping: open.load(ordering: .relaxed)),
            connectionsAccepted: accepted.load(ordering: .relaxed),
            requests: requests, answers: answers,
            latency: latency.withLockedValue(Self.summary))
    }

    /// p50/p90/p99/p99.9/max of `histogram`, in µs; all zero when nothing was recorded.
    static func summary(of histogram: inout Histogram<UInt64>) -> LatencySummary {
        guard histogram.totalCount > 0 else {
            return LatencySummary(count: 0, p50Microseconds: 0, p90Microseconds: 0, p99Microseconds: 0,
                                  p999Microseconds: 0, maxMicroseconds: 0)
        }
        return LatencySummary(
            count: histogram.totalCount,
            p50Microseconds: histogram.valueAtPercentile(50),
            p90Microseconds: histogram.valueAtPercentile(90),
            p99Microseconds: histogram.valueAtPercentile(99),
            p999Microseconds: histogram.valueAtPercentile(99.9),
            maxMicroseconds: histogram.maxRecorded)
    }
}

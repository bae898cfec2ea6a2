import CoreMetrics
import NIOConcurrencyHelpers
import NIOCore
import Prometheus
import PodsimProtocol

/// The server's figures as swift-metrics instruments, with swift-prometheus as their backend:
/// what `GET /metrics` serves (names and labels: docs/DEPLOYMENT.md, "Metrics").
///
/// `ServerMetrics` feeds it from the same calls that update the STATS counters, so a scrape and a
/// STATS answer count the same events. Each server has its own registry (not the process-wide
/// `MetricsSystem`), so several servers in one process — the tests — never mix their numbers.
final class PrometheusMetrics: Sendable {
    /// Upper bounds of the request-latency histogram, 10 µs … 1 s: a PING on loopback answers in
    /// tens of µs, a scan of a million episodes in tens of ms; above 1 s is `+Inf`.
    static let latencyBuckets: [Duration] = [
        .microseconds(10), .microseconds(25), .microseconds(50), .microseconds(100), .microseconds(250),
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1),
    ]
    /// The administration opcodes that change the model, by the `operation` label they count under.
    static let updateOperations: [UInt8: String] = [0x33: "add", 0x34: "delete", 0x35: "upsert"]

    static let requests = "podsim_requests_total"
    static let latency = "podsim_request_duration_seconds"

    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    /// The instruments of one (opcode, status), made the first time it is answered.
    private struct PerAnswer {
        let requests: CoreMetrics.Counter
        let latency: CoreMetrics.Timer
        /// `podsim_model_updates_total` for ADD, DELETE and UPSERT; nil for other opcodes.
        let update: CoreMetrics.Counter?
    }

    /// Keyed `opcode << 16 | status`: made once, so the hot path is one dictionary look-up under
    /// a short lock, not a registry look-up.
    private let perAnswer = NIOLockedValueBox<[UInt32: PerAnswer]>([:])
    private let refusedBusy: CoreMetrics.Counter
    private let accepted: CoreMetrics.Counter
    private let openConnections: CoreMetrics.Gauge
    private let uptime: CoreMetrics.Gauge
    private let modelEpisodes: CoreMetrics.Gauge
    private let modelDimensions: CoreMetrics.Gauge
    private let modelFileAge: CoreMetrics.Gauge
    private let batches: CoreMetrics.Counter
    private let batchedQueries: CoreMetrics.Counter
    /// The info gauge of the model last scraped (`podsim_model_info{model_id=…} 1`), replaced
    /// when the model changes so that only the serving model's series is exported.
    private let modelInfo = NIOLockedValueBox<(id: String, gauge: CoreMetrics.Gauge)?>(nil)

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[Self.latency] = Self.latencyBuckets
        self.factory = factory
        refusedBusy = CoreMetrics.Counter(label: "podsim_connections_refused_total", dimensions: [("reason", "busy")], factory: factory)
        accepted = CoreMetrics.Counter(label: "podsim_connections_accepted_total", factory: factory)
        openConnections = CoreMetrics.Gauge(label: "podsim_open_connections", factory: factory)
        uptime = CoreMetrics.Gauge(label: "podsim_uptime_seconds", factory: factory)
        modelEpisodes = CoreMetrics.Gauge(label: "podsim_model_episodes", factory: factory)
        modelDimensions = CoreMetrics.Gauge(label: "podsim_model_dimensions", factory: factory)
        modelFileAge = CoreMetrics.Gauge(label: "podsim_model_file_age_seconds", factory: factory)
        batches = CoreMetrics.Counter(label: "podsim_query_batches_total", factory: factory)
        batchedQueries = CoreMetrics.Counter(label: "podsim_batched_queries_total", factory: factory)
    }

    // MARK: Events (from ServerMetrics)

    func connectionAccepted() { accepted.increment() }

    func connectionRefusedBusy() { refusedBusy.increment() }

    /// An answer with `status` to a request with `opcode`, `elapsed` after the request was read
    /// (nil for an answer to no request: it is counted, not timed).
    func answered(_ opcode: Opcode, _ status: Status, latency elapsed: TimeAmount?) {
        let key = UInt32(opcode.rawValue) << 16 | UInt32(status.rawValue)
        let instruments = perAnswer.withLockedValue { made in
            if let instruments = made[key] { return instruments }
            let instruments = makeInstruments(opcode, status)
            made[key] = instruments
            return instruments
        }
        instruments.requests.increment()
        instruments.update?.increment()
        if let elapsed { instruments.latency.recordNanoseconds(elapsed.nanoseconds) }
    }

    private func makeInstruments(_ opcode: Opcode, _ status: Status) -> PerAnswer {
        let opcodeLabel = ("opcode", Self.label(opcode))
        return PerAnswer(
            requests: CoreMetrics.Counter(label: Self.requests, dimensions: [opcodeLabel, ("status", Self.label(status))], factory: factory),
            latency: CoreMetrics.Timer(label: Self.latency, dimensions: [opcodeLabel], factory: factory),
            update: Self.updateOperations[opcode.rawValue].map { operation in
                CoreMetrics.Counter(label: "podsim_model_updates_total",
                        dimensions: [("operation", operation), ("outcome", status == .ok ? "ok" : "refused")], factory: factory)
            })
    }

    /// Queries that waited for a worker were answered together, `size` of them (two or more:
    /// `QueryBatcher`).
    func batchAnswered(size: Int) {
        batches.increment()
        batchedQueries.increment(by: size)
    }

    /// A model reload (RELOAD or SIGHUP) was served (`ok`) or refused, the old model serving on.
    func reloaded(ok: Bool) {
        CoreMetrics.Counter(label: "podsim_reloads_total", dimensions: [("outcome", ok ? "ok" : "refused")], factory: factory).increment()
    }

    // MARK: Scrape

    /// The Prometheus text exposition (format 0.0.4) after setting the gauges to `gauges`,
    /// `uptimeSeconds` and the serving `model` (nil while none is loaded).
    func exposition(gauges: ServerGauges, uptimeSeconds: Double, model: ModelFigures?) -> [UInt8] {
        openConnections.record(gauges.openConnections)
        uptime.record(uptimeSeconds)
        if let model {
            modelEpisodes.record(Int(model.episodes))
            modelDimensions.record(Int(model.dimensions))
            if let age = model.fileAgeSeconds { modelFileAge.record(age) }
            modelInfo.withLockedValue { info in
                guard info?.id != model.modelID else { return }
                info?.gauge.destroy()
                let gauge = CoreMetrics.Gauge(label: "podsim_model_info", dimensions: [("model_id", model.modelID)], factory: factory)
                gauge.record(1)
                info = (model.modelID, gauge)
            }
        }
        return registry.emitToBuffer()
    }

    /// What a scrape reports of the serving model.
    struct ModelFigures {
        var modelID: String
        var episodes: UInt32
        var dimensions: UInt16
        /// Seconds since the model file was written (built, or rewritten by ADD); nil when unknown.
        var fileAgeSeconds: Double?
    }

    /// `SIMILAR`; `0xf3` for an opcode the codec does not know (at most 256 such values); `none`
    /// for opcode 0, which only the BUSY frame sent at accept carries (it answers no request).
    static func label(_ opcode: Opcode) -> String {
        if opcode.rawValue == 0 { return "none" }
        return opcode.name ?? "0x" + String(opcode.rawValue, radix: 16)
    }

    /// `NOT_FOUND`; the number for a status the codec does not know (only the server sends statuses).
    static func label(_ status: Status) -> String {
        status.name ?? String(status.rawValue)
    }
}

extension PodsimServer {
    /// Whether a load balancer should send this server work: what `GET /readyz` answers.
    public enum Readiness: Sendable, Hashable {
        /// Not started, or loading and verifying its model (503).
        case loading
        /// Serving a verified model (200).
        case ready
        /// Shutting down: no longer accepting, answering what it has already read (503).
        case draining
        /// Stopped (503).
        case stopped
    }

    /// The server's readiness now. It turns `.draining` the moment shutdown begins — before any
    /// connection is closed — so a probe sees it first.
    public var readiness: Readiness {
        state.withLockedValue { state in
            switch state.lifecycle {
            case .idle, .starting: state.shutdownRequested ? .draining : .loading
            case .running: .ready
            case .stopping: .draining
            case .stopped: .stopped
            }
        }
    }

    /// The port of the metrics endpoint (the real one when configured with 0); nil until it listens.
    public var metricsPort: Int? { state.withLockedValue { $0.metricsAddress?.port } }

    /// The Prometheus text exposition of this server's metrics (docs/DEPLOYMENT.md, "Metrics"),
    /// read now; model figures are those of the serving model (absent before the first load).
    public func metricsExposition() -> [UInt8] {
        metrics.exposition(model: runningState?.executor.models.current)
    }
}

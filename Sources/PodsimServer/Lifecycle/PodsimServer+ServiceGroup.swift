import Logging
import ServiceLifecycle
import UnixSignals

extension PodsimServer {
    /// Runs the server — and its metrics endpoint when `metricsPort` is set — in a swift-service-
    /// lifecycle `ServiceGroup` until SIGINT or SIGTERM, then shuts down gracefully and returns:
    /// `/readyz` answers 503 from the moment the signal arrives, the server stops accepting,
    /// answers what it has read (`shutdown()`), and the metrics endpoint closes last. SIGHUP
    /// reloads the model file (`reload()`) without stopping. The signal handling is in place
    /// before the server starts. When this returns, SIGINT, SIGTERM and SIGHUP stay caught (and
    /// unanswered) rather than back to their defaults: on Linux, libdispatch installs its signal
    /// handler once per process, and a default put back would make the next call's signal
    /// sources miss the signal and the process die. Exiting the process, with status 0, is the
    /// caller's job.
    ///
    /// Throws the first service's error: `.modelRejected`, `.bindFailed` (naming the address,
    /// main or metrics port) and so on, after stopping whatever had started.
    public func runUntilSignalled() async throws(ServerError) {
        // Trapped before anything starts, so a SIGHUP that arrives during the model load is a
        // reload request, not the default action (the process ending).
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        // Shut down in reverse order: SIGHUP watching first, then the server drains, then the
        // endpoint that reported "draining" meanwhile.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if configuration.metricsPort != nil {
            services.append(.init(
                service: MetricsEndpoint(server: self, logger: logger),
                successTerminationBehavior: .gracefullyShutdownGroup))
        }
        services.append(.init(service: ServingService(server: self), successTerminationBehavior: .gracefullyShutdownGroup))
        services.append(.init(
            service: ReloadOnHangup(server: self, hangups: hangups), successTerminationBehavior: .gracefullyShutdownGroup))
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger))
        do {
            try await group.run()
        } catch let error as ServerError {
            throw error
        } catch {
            throw ServerError(.notRunning, "the service group failed: \(ErrorText.describe(error))")
        }
    }
}

/// The protocol server as a `Service`: starts it (model load, bind), and on graceful shutdown
/// or cancellation drains it (`PodsimServer.shutdown()`).
struct ServingService: Service {
    let server: PodsimServer

    func run() async throws {
        let server = self.server
        try await withTaskCancellationOrGracefulShutdownHandler {
            try await server.run()
        } onCancelOrGracefulShutdown: {
            server.logger.notice("graceful shutdown: draining", metadata: [
                "open_connections": "\(server.gauges.openConnections)",
            ])
            Task { await server.shutdown() }
        }
    }
}

/// SIGHUP → `PodsimServer.reload()`, one at a time, until graceful shutdown.
struct ReloadOnHangup: Service {
    let server: PodsimServer
    let hangups: UnixSignalsSequence

    func run() async throws {
        for await _ in hangups.cancelOnGracefulShutdown() {
            server.logger.notice("SIGHUP received; reloading the model")
            _ = await server.reload()
        }
    }
}

extension MetricsEndpoint: Service {
    /// Starts the endpoint and keeps it up until graceful shutdown or cancellation.
    public func run() async throws {
        try await start()
        try? await gracefulShutdown()
        await shutdown()
    }
}

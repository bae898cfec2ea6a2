import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PodsimProtocol

extension PodsimServer {
    /// Starts the server and returns when it has been shut down (by `shutdown()` from elsewhere).
    public func run() async throws(ServerError) {
        try await start()
        await waitUntilStopped()
    }

    /// Stops accepting, lets every connection finish the requests it has already read (their
    /// answers are written), closes the connections, and releases the threads. Connections still
    /// busy after `drainTimeout` are closed regardless. Safe to call more than once and from any task.
    public func shutdown() async {
        enum Next { case stop(Running), wait, done }
        let next = state.withLockedValue { state -> Next in
            switch state.lifecycle {
            case .idle:
                state.lifecycle = .stopped
                return .done
            case .starting:
                state.shutdownRequested = true
                return .wait
            case .running(let running):
                state.lifecycle = .stopping
                return .stop(running)
            case .stopping:
                return .wait
            case .stopped:
                return .done
            }
        }
        switch next {
        case .stop(let running): await stop(running)
        case .wait: await waitUntilStopped()
        case .done: markStopped()
        }
    }

    /// Loads the model file again (as RELOAD and SIGHUP do): on success the new model serves every
    /// request taken up from now on; on failure the old model keeps serving. Logged either way.
    public func reload() async -> Result<ReloadResult, ServerError> {
        guard let running = runningState else { return .failure(ServerError(.notRunning, "the server is not running")) }
        let executor = running.executor
        do {
            return try await running.admin.runIfActive { executor.reloadModel() }
        } catch {
            return .failure(ServerError(.notRunning, "the server is shutting down"))
        }
    }

    /// Returns once the server has stopped (immediately if it has).
    func waitUntilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let stopped = state.withLockedValue { state -> Bool in
                if case .stopped = state.lifecycle { return true }
                state.waiters.append(continuation)
                return false
            }
            if stopped { continuation.resume() }
        }
    }

    func stop(_ running: Running) async {
        logger.info("podsim shutting down", metadata: ["open_connections": "\(metrics.gauges.openConnections)"])
        try? await running.channel.close()
        running.watch?.cancel()
        let connections = registry.beginDraining()
        for connection in connections {
            connection.pipeline.fireUserInboundEventTriggered(ConnectionHandler.Drain())
        }
        let loop = running.group.next()
        let registry = self.registry
        let forceClose = loop.scheduleTask(in: TimeAmount(configuration.drainTimeout)) {
            for connection in registry.open { connection.close(promise: nil) }
        }
        try? await EventLoopFuture.andAllComplete(connections.map(\.closeFuture), on: loop).get()
        forceClose.cancel()
        // Workers first: their answers hop back to event loops, which must still be running.
        try? await running.workers.shutdownGracefully()
        try? await running.admin.shutdownGracefully()
        try? await running.group.shutdownGracefully()
        eventLog.flush()
        logger.info("podsim stopped")
        markStopped()
    }

    func markStopped() {
        let waiters = state.withLockedValue { state in
            state.lifecycle = .stopped
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

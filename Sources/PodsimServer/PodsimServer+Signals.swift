import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PodsimServer {
    /// Runs the server until SIGINT or SIGTERM, then shuts it down gracefully (`shutdown()`) and
    /// returns; SIGHUP reloads the model file (`reload()`) without stopping. The signal handlers
    /// are in place before the server starts and are removed (back to the default) when it returns.
    /// Exiting the process, with status 0, is the caller's job.
    public func runUntilSignalled() async throws(ServerError) {
        let watcher = SignalWatcher(
            onStop: { [self] signal in
                logger.notice("signal received; shutting down", metadata: ["signal": "\(signal)"])
                Task { await self.shutdown() }
            },
            onReload: { [self] in
                logger.notice("SIGHUP received; reloading the model")
                Task { _ = await self.reload() }
            })
        defer { watcher.cancel() }
        try await run()
    }
}

/// Dispatch signal sources for SIGINT/SIGTERM (stop) and SIGHUP (reload).
///
/// A signal source only sees a signal whose default action is disabled, hence `SIG_IGN` while
/// watching; `cancel()` restores the defaults.
private final class SignalWatcher {
    private static let stopSignals: [Int32] = [SIGINT, SIGTERM]
    private let sources: [any DispatchSourceSignal]

    init(onStop: @escaping @Sendable (String) -> Void, onReload: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "podsim.signals")
        var sources: [any DispatchSourceSignal] = []
        for number in Self.stopSignals + [SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            let name = number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "SIGHUP"
            source.setEventHandler {
                if number == SIGHUP { onReload() } else { onStop(name) }
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    func cancel() {
        for source in sources { source.cancel() }
        for number in Self.stopSignals + [SIGHUP] { signal(number, SIG_DFL) }
    }
}

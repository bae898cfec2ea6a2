/// The life of a client's one connection — idle → connecting → connected → closed — and the
/// verdict on each thing that happens to it: a call needs the connection, an attempt to connect
/// ends, the client is closed.
///
/// Pure — no socket, no lock, no event loop — so every rule is tested without a server
/// (`ConnectionLifecycleTests`); `PodsimClient` holds it under its lock and carries the verdicts
/// out. `Attempt` is what a call waits on while connecting (a future), `Connection` what it uses.
///
/// Rules:
/// - The first call opens the connection; calls that come while it is being opened wait for the
///   same attempt, so concurrent calls never open two connections.
/// - An attempt that fails leaves the lifecycle idle: the next call tries again.
/// - A connection that has closed (the server's idle timeout, a restart, a protocol violation)
///   is replaced by the next call: it is never handed out once it is no longer open.
/// - `close()` is final: it hands back what must be closed, and every later call is refused.
///   An attempt that ends after it is ignored (its connection is closed by `close()`'s caller).
struct ConnectionLifecycle<Attempt: AnyObject & Sendable, Connection: Sendable>: Sendable {
    private enum State: Sendable {
        /// No connection; the next call opens one.
        case idle
        /// Being opened (and authenticated): calls wait for this attempt.
        case connecting(Attempt)
        /// Open; handed out while `isOpen` says it still is.
        case connected(Connection)
        /// `close()` was called.
        case closed
    }

    /// What a call that needs the connection does.
    enum CallVerdict {
        /// Send on this open connection.
        case use(Connection)
        /// Wait for this attempt; `opened` is true for the call that started it (it alone
        /// reports the attempt's end with `attemptEnded`).
        case wait(Attempt, opened: Bool)
        /// The client is closed: fail the call.
        case refuse
    }

    /// What `close()` leaves to be closed.
    enum CloseVerdict {
        /// Nothing was open (or the client was already closed).
        case nothing
        /// Close this connection.
        case closeConnection(Connection)
        /// Close the connection this attempt yields, if it yields one.
        case closeWhenOpened(Attempt)
    }

    private var state = State.idle

    init() {}

    /// A call needs the connection. `isOpen` tells whether a connected one is still usable;
    /// `open` starts a new attempt, and is called only when one is needed.
    mutating func callNeedsConnection(isOpen: (Connection) -> Bool, open: () -> Attempt) -> CallVerdict {
        switch state {
        case .closed:
            return .refuse
        case .connected(let connection) where isOpen(connection):
            return .use(connection)
        case .connecting(let attempt):
            return .wait(attempt, opened: false)
        case .idle, .connected:
            let attempt = open()
            state = .connecting(attempt)
            return .wait(attempt, opened: true)
        }
    }

    /// `attempt` ended with `connection` (nil: it failed). Only the current attempt moves the
    /// state: to connected, or back to idle so that the next call tries again.
    mutating func attemptEnded(_ attempt: Attempt, with connection: Connection?) {
        guard case .connecting(let current) = state, current === attempt else { return }
        state = connection.map(State.connected) ?? .idle
    }

    /// The client is closed: from now on every call is refused.
    mutating func close() -> CloseVerdict {
        defer { state = .closed }
        switch state {
        case .idle, .closed: return .nothing
        case .connecting(let attempt): return .closeWhenOpened(attempt)
        case .connected(let connection): return .closeConnection(connection)
        }
    }
}

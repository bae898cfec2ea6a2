import NIOCore

/// The open connections, so that shutdown can drain and, past the drain timeout, close them.
final class ConnectionRegistry: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var draining = false
    }

    private let state = LockedValue(State())

    /// Records `channel` until it closes; false once draining has begun (the caller closes it).
    func add(_ channel: any Channel) -> Bool {
        let added = state.withLock { state -> Bool in
            guard !state.draining else { return false }
            state.channels[ObjectIdentifier(channel)] = channel
            return true
        }
        if added {
            channel.closeFuture.whenComplete { _ in
                self.state.withLock { _ = $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
            }
        }
        return added
    }

    /// Refuses new connections from now on and returns the open ones.
    func beginDraining() -> [any Channel] {
        state.withLock { state in
            state.draining = true
            return Array(state.channels.values)
        }
    }

    /// The connections open now.
    var open: [any Channel] {
        state.withLock { Array($0.channels.values) }
    }
}

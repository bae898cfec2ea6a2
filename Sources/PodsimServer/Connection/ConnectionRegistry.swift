import NIOConcurrencyHelpers
import NIOCore

/// The open connections, so that shutdown can drain and, past the drain timeout, close them.
final class ConnectionRegistry: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var draining = false
    }

    private let state = NIOLockedValueBox(State())

    /// Records `channel` until it closes; false once draining has begun (the caller closes it).
    func add(_ channel: any Channel) -> Bool {
        let added = state.withLockedValue { state -> Bool in
            guard !state.draining else { return false }
            state.channels[ObjectIdentifier(channel)] = channel
            return true
        }
        if added {
            channel.closeFuture.whenComplete { _ in
                self.state.withLockedValue { _ = $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
            }
        }
        return added
    }

    /// Refuses new connections from now on and returns the open ones.
    func beginDraining() -> [any Channel] {
        state.withLockedValue { state in
            state.draining = true
            return Array(state.channels.values)
        }
    }

    /// The connections open now.
    var open: [any Channel] {
        state.withLockedValue { Array($0.channels.values) }
    }
}

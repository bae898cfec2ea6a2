import Atomics

/// The server-wide budget for request bytes received but not yet decoded — mostly frames sent
/// half-way — across all connections (`ServerConfiguration.maxBufferedBytes`).
///
/// Without it each connection may hold an incomplete frame up to the max frame size until its
/// idle timeout, so 1,024 connections could pin ~1 GiB. Each `ConnectionHandler` reserves what
/// its buffer grows by and releases what it shrinks by; a read that would take the total past
/// the limit is refused — that connection is answered status 6 BUSY and closed — so the total
/// never exceeds the limit.
final class BufferBudget: Sendable {
    /// The most bytes all connections may hold at once.
    let limit: Int
    private let held = ManagedAtomic<Int>(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Bytes held now, across all connections.
    var used: Int { held.load(ordering: .relaxed) }

    /// Takes `bytes` out of the budget when they fit; false (and nothing taken) when they do not.
    func reserve(_ bytes: Int) -> Bool {
        var current = held.load(ordering: .relaxed)
        while true {
            guard current + bytes <= limit else { return false }
            let (exchanged, original) = held.compareExchange(
                expected: current, desired: current + bytes, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
    }

    /// Gives `bytes` back.
    func release(_ bytes: Int) {
        guard bytes > 0 else { return }
        held.wrappingDecrement(by: bytes, ordering: .relaxed)
    }
}

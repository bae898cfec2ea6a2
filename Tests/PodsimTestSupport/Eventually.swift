/// `eventually` gave up: the state it waited for never came.
public struct EventuallyTimeout: Error, CustomStringConvertible {
    public var description: String
}

/// Polls `condition` every 10 ms until it holds; throws `EventuallyTimeout` naming `what` after
/// `timeout`. For states reached on another thread or another process (a connection closed by
/// the other side, a counter the server moves), never to wait for time to pass.
///
/// The timeout is a failure bound, not a pace: a state that comes sooner ends the wait sooner,
/// so it is generous (30 s by default): the whole suite on a loaded 2-core machine has been seen
/// to stall a test for several seconds.
public func eventually(
    timeout: Duration = .seconds(30), _ what: String, _ condition: () async throws -> Bool
) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while try await !condition() {
        guard clock.now < deadline else {
            throw EventuallyTimeout(description: "timed out after \(timeout) waiting until \(what)")
        }
        try await Task.sleep(for: .milliseconds(10))
    }
}

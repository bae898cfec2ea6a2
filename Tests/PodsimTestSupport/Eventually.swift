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
///
/// A 10 ms sleep between polls that lasts over a second means the poller itself was starved (CI
/// saw every async test stall for 40 s at once, and a wait time out on waking though the task it
/// waited for had not run either): that stall moves the deadline by its length.
public func eventually(
    timeout: Duration = .seconds(30), _ what: String, _ condition: () async throws -> Bool
) async throws {
    let clock = ContinuousClock()
    var deadline = clock.now + timeout
    while try await !condition() {
        guard clock.now < deadline else {
            throw EventuallyTimeout(description: "timed out after \(timeout) waiting until \(what)")
        }
        let asleep = clock.now
        try await Task.sleep(for: .milliseconds(10))
        let slept = clock.now - asleep
        if slept > .seconds(1) { deadline += slept }
    }
}

import PodsimClient
import Testing

/// Runs `call`, which is expected to fail, and returns its `PodsimClientError`; nil when it
/// succeeded. Any other error type is recorded as an issue: the client throws only its own.
func clientError<T>(
    _ call: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation
) async -> PodsimClientError? {
    do {
        _ = try await call()
        return nil
    } catch let error as PodsimClientError {
        return error
    } catch {
        Issue.record("expected a PodsimClientError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Polls `condition` every 20 ms for up to 5 s; records an issue if it never holds. For states
/// reached asynchronously (a connection closed by the other side), never for speed.
func eventually(_ condition: () async -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    for _ in 0..<250 {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("condition never held within 5 s", sourceLocation: sourceLocation)
}

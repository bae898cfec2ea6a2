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

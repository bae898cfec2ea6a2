import ArgumentParser
import PodsimClient

/// What every `--server` command does around its call: check the address, connect with the
/// configured AUTH token and TLS, close, and turn a server's failure into a `ServerFailure`.
enum ServerCall {
    /// Rejects `--server` beside a model file, a bad address, and TLS flags without `--server`.
    static func validate(server: String?, modelGiven: Bool, tls: TLSClientOptions, modelConflict: String) throws {
        guard let server else {
            if tls.configuration != nil { throw ValidationError("--tls and --tls-ca need --server: they say how to reach a server") }
            return
        }
        guard !modelGiven else { throw ValidationError("--server and --model are mutually exclusive: \(modelConflict)") }
        guard PodsimClient(address: server) != nil else {
            throw ValidationError("--server must be host:port, like 127.0.0.1:7411 or [::1]:7411; got '\(server)'")
        }
    }

    /// Runs `call` against the server at `server`; a failure becomes a `ServerFailure` (exit
    /// status 1, one line on standard error).
    static func run<T>(
        _ server: String, _ configuration: PodsimClient.Configuration,
        _ call: (PodsimClient) async throws(PodsimClientError) -> T
    ) async throws -> T {
        guard let client = PodsimClient(address: server, configuration: configuration) else {
            throw ValidationError("--server must be host:port; got '\(server)'")
        }
        do {
            let value = try await call(client)
            await client.close()
            return value
        } catch {
            await client.close()
            throw ServerFailure(error: error)
        }
    }
}

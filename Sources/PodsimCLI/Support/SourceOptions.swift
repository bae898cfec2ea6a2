import ArgumentParser
import Foundation
import PodsimClient
import PodsimCore
import PodsimProtocol

/// `--model` or `--server`: where the commands that have a protocol opcode (similar, search,
/// guests, guests-like, episode, explain) get their answers. The others need the model file itself.
struct SourceOptions: ParsableArguments {
    @OptionGroup var local: ModelOptions

    @Option(help: ArgumentHelp(
        "Ask the podsim server at host:port instead of loading a model file (AUTH with $PODSIM_AUTH_TOKEN when set).",
        valueName: "host:port"))
    var server: String?

    @OptionGroup var tls: TLSClientOptions

    var json: Bool { local.json }

    func validate() throws {
        guard let server else {
            if tls.configuration != nil { throw ValidationError("--tls and --tls-ca need --server: they say how to reach a server") }
            return
        }
        guard local.model == nil else {
            throw ValidationError("--server and --model are mutually exclusive: ask a running server, or load a model file")
        }
        guard PodsimClient(address: server) != nil else {
            throw ValidationError("--server must be host:port, like 127.0.0.1:7411 or [::1]:7411; got '\(server)'")
        }
    }

    /// How `--server` connects: the AUTH token from `$PODSIM_AUTH_TOKEN`, TLS from the flags.
    var clientConfiguration: PodsimClient.Configuration { tls.clientConfiguration }

    /// The answer from the local model, or from the server when `--server` is given. A server's
    /// failure becomes a `ServerFailure` (exit status 1, one line on standard error).
    func answer<T>(local: (Recommender) throws -> T, remote: (PodsimClient) async throws(PodsimClientError) -> T) async throws -> T {
        guard let server else { return try local(self.local.recommender()) }
        guard let client = PodsimClient(address: server, configuration: clientConfiguration) else {
            throw ValidationError("--server must be host:port; got '\(server)'")
        }
        do {
            let value = try await remote(client)
            await client.close()
            return value
        } catch {
            await client.close()
            throw ServerFailure(error: error)
        }
    }
}

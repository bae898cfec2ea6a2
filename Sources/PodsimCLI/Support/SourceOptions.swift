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
        try ServerCall.validate(
            server: server, modelGiven: local.model != nil, tls: tls,
            modelConflict: "ask a running server, or load a model file")
    }

    /// How `--server` connects: the AUTH token from `$PODSIM_AUTH_TOKEN`, TLS from the flags.
    var clientConfiguration: PodsimClient.Configuration { tls.clientConfiguration }

    /// The answer from the local model, or from the server when `--server` is given. A server's
    /// failure becomes a `ServerFailure` (exit status 1, one line on standard error).
    func answer<T>(local: (Recommender) throws -> T, remote: (PodsimClient) async throws(PodsimClientError) -> T) async throws -> T {
        guard let server else { return try local(self.local.recommender()) }
        return try await ServerCall.run(server, clientConfiguration, remote)
    }
}

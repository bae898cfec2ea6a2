import ArgumentParser
import Foundation
import PodsimClient
import PodsimCore
import PodsimProtocol

/// Options every query command shares.
struct ModelOptions: ParsableArguments {
    /// The model file queried when `--model` is not given.
    static let defaultModel = "Models/episodes.podsim"

    @Option(name: .long, help: "Model file to query (default: \(ModelOptions.defaultModel)).")
    var model: String?

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    /// `--model`, or the default.
    var modelPath: String { model ?? Self.defaultModel }

    /// Loads the model; failures (missing, truncated, corrupt, newer format) name the file.
    func recommender() throws -> Recommender {
        Recommender(model: try PodsimModel(contentsOf: modelPath))
    }
}

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

/// `--tls` and `--tls-ca`: how a `--server` client speaks to a server started with a certificate.
struct TLSClientOptions: ParsableArguments {
    @Flag(help: "Speak TLS to --server, verifying its certificate against the system's trust roots.")
    var tls = false

    @Option(help: ArgumentHelp("Speak TLS to --server, trusting the certificates in this PEM file (a private CA or the server's own).", valueName: "pem"))
    var tlsCA: String?

    /// nil unless `--tls` or `--tls-ca` was given.
    var configuration: PodsimClient.TLS? {
        guard tls || tlsCA != nil else { return nil }
        return PodsimClient.TLS(trustedCertificatesFile: tlsCA)
    }

    /// A client configuration with these TLS settings and the AUTH token of `$PODSIM_AUTH_TOKEN`.
    var clientConfiguration: PodsimClient.Configuration {
        var configuration = PodsimClient.Configuration()
        configuration.authToken = ProcessInfo.processInfo.environment["PODSIM_AUTH_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.tls = self.configuration
        return configuration
    }
}

/// A `--server` query that failed, worded as the local command would word it where there is a
/// local equivalent: NOT_FOUND and BAD_REQUEST print the server's message alone.
struct ServerFailure: Error, CustomStringConvertible {
    let error: PodsimClientError

    var description: String {
        guard error.code == .server, let status = error.status else { return error.message }
        switch status {
        case .notFound, .badRequest:
            return error.message
        case .unauthorized:
            return "\(error) — set PODSIM_AUTH_TOKEN to the server's token"
        default:
            return "the server answered \(error)"
        }
    }
}

/// `--k`, validated before anything runs.
struct CountOption: ParsableArguments {
    @Option(name: .customLong("k"), help: "How many answers (1…\(ProtocolLimits().maxK)).")
    var k: Int = 10

    func validate() throws {
        guard (1...ProtocolLimits().maxK).contains(k) else {
            throw ValidationError("--k must be between 1 and \(ProtocolLimits().maxK), got \(k)")
        }
    }
}

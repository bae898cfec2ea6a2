import ArgumentParser
import Foundation
import PodsimClient
import PodsimCore
import PodsimProtocol

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

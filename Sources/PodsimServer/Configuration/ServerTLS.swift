import NIOSSL

/// TLS for every connection of a server: its certificate chain and private key, as PEM files.
///
/// TLS protects the bytes on the network; it does not say who the client is. Off loopback the
/// AUTH token is still required (`ServerConfiguration.validate()`), and with TLS it no longer
/// crosses the network in the clear. TLS 1.2 at least; BoringSSL's default cipher suites.
/// The files are read once, at `start()`: a RELOAD or SIGHUP reloads the model, not the
/// certificate (restart the server to rotate it).
public struct ServerTLS: Sendable, Hashable, CustomStringConvertible {
    /// PEM file with the server's certificate first, then any intermediates.
    public var certificateChainFile: String
    /// PEM file with the certificate's private key (unencrypted).
    public var privateKeyFile: String

    public init(certificateChainFile: String, privateKeyFile: String) {
        self.certificateChainFile = certificateChainFile
        self.privateKeyFile = privateKeyFile
    }

    public var description: String {
        "ServerTLS(certificateChainFile: \(certificateChainFile), privateKeyFile: \(privateKeyFile))"
    }

    /// Reads both files and checks that the key belongs to the certificate. Throws
    /// `.tlsUnusable` naming the file and what is wrong with it.
    func makeContext() throws(ServerError) -> NIOSSLContext {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificateChainFile)
        } catch {
            throw ServerError(.tlsUnusable, "cannot read the TLS certificate chain '\(certificateChainFile)': \(ErrorText.describe(error))")
        }
        guard !chain.isEmpty else {
            throw ServerError(.tlsUnusable, "no PEM certificate in '\(certificateChainFile)'")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: privateKeyFile, format: .pem)
        } catch {
            throw ServerError(.tlsUnusable, "cannot read the TLS private key '\(privateKeyFile)': \(ErrorText.describe(error))")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw ServerError(.tlsUnusable,
                "the TLS key '\(privateKeyFile)' does not fit the certificate '\(certificateChainFile)': \(ErrorText.describe(error))")
        }
    }
}

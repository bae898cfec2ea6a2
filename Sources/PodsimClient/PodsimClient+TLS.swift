import NIOCore
import NIOSSL
import NIOTLS

extension PodsimClient {
    /// TLS for the client's connections, for a server started with `--tls-cert` and `--tls-key`.
    /// The server's certificate is always verified: its chain against `trustedCertificatesFile`
    /// (or the system's trust roots), its name against `serverName` or the host connected to.
    public struct TLS: Sendable, Hashable, CustomStringConvertible {
        /// PEM file of the certificates to trust: a private CA, or the server's own self-signed
        /// certificate. nil: the system's trust roots.
        public var trustedCertificatesFile: String?
        /// The name the certificate must carry, also sent as SNI. nil: the host the client
        /// connects to; an IP address is matched against the certificate's IP addresses.
        public var serverName: String?

        public init(trustedCertificatesFile: String? = nil, serverName: String? = nil) {
            self.trustedCertificatesFile = trustedCertificatesFile
            self.serverName = serverName
        }

        public var description: String {
            "TLS(trusting: \(trustedCertificatesFile ?? "system roots"), serverName: \(serverName ?? "the host"))"
        }

        /// The context every connection of a client shares (it reads the trusted certificates).
        func makeContext() throws -> NIOSSLContext {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.minimumTLSVersion = .tlsv12
            if let trustedCertificatesFile {
                configuration.trustRoots = .file(trustedCertificatesFile)
            }
            return try NIOSSLContext(configuration: configuration)
        }

        /// The handler for one connection to `host`, verifying `serverName` or the host (an IP
        /// address is matched against the certificate's addresses, and is not sent as SNI).
        func makeHandler(context: NIOSSLContext, host: String) throws -> NIOSSLClientHandler {
            let name = serverName ?? host
            let isAddress = (try? SocketAddress(ipAddress: name, port: 0)) != nil
            return try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : name)
        }
    }
}

/// A TLS handshake failure in words: the BoringSSL reason when it is one a person can act on.
enum TLSFailure {
    static func describe(_ error: any Error) -> String {
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return "the server's certificate is not for this host (\(extra))"
        }
        let text = "\(error)"
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "the server's certificate did not verify against the trusted certificates (CERTIFICATE_VERIFY_FAILED)"
        }
        if text.contains("WRONG_VERSION_NUMBER") {
            return "the server does not speak TLS (WRONG_VERSION_NUMBER)"
        }
        if error is ChannelError { return "the connection closed during the handshake" }
        return text
    }
}

/// Completes `handshake` when the TLS handshake of its channel completes, fails it when the
/// channel errs or closes first — so that a certificate the client does not trust is a connect
/// failure naming the reason, not a closed connection later.
final class TLSHandshakeWaiter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    let handshake: EventLoopPromise<Void>

    init(handshake: EventLoopPromise<Void>) {
        self.handshake = handshake
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        context.fireUserInboundEventTriggered(event)
        if case TLSUserEvent.handshakeCompleted = event {
            handshake.succeed(())
            // Its work is done: nothing the connection reads afterwards passes through it.
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        handshake.fail(error)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        handshake.fail(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }
}

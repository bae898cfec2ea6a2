import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns NIO's connect errors into the few words a person needs ("connection refused").
enum ConnectFailure {
    static func describe(_ error: any Error, timeout: Duration) -> String {
        switch error {
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return describe(first.error, timeout: timeout) }
            if let dns = error.dnsAError ?? error.dnsAAAAError { return "the host name does not resolve (\(dns))" }
            return "no address to connect to"
        case ChannelError.connectTimeout:
            return "no connection within \(PendingCalls<Never>.seconds(timeout)) (connect timeout)"
        case let error as IOError:
            return systemMessage(error.errnoCode)
        default:
            return "\(error)"
        }
    }

    /// `strerror`, lower-cased as a clause: "connection refused".
    private static func systemMessage(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}

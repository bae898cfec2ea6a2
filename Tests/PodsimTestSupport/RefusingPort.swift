#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loopback port that refuses connections for as long as this value is kept: a TCP socket bound
/// to it but never listening, so a connect gets a reset (ECONNREFUSED).
///
/// Why not "bind, read the port, close": in a suite that starts servers in parallel, the freed
/// ephemeral port can be handed to another test's server at once, and a client expecting a refusal
/// is answered instead (seen in CI: a PING meant to be refused was answered). While bound here, no
/// one else can take the port.
public final class RefusingPort: Sendable {
    public let port: UInt16
    private let socket: Int32

    public init() throws {
        #if canImport(Glibc)
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard socket >= 0, bound else {
            if socket >= 0 { close(socket) }
            throw RefusingPortError(errno: errno)
        }
        self.socket = socket
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit { close(socket) }
}

/// No loopback port could be bound.
public struct RefusingPortError: Error, CustomStringConvertible {
    public let errno: Int32
    public var description: String { "cannot bind a loopback port: errno \(errno)" }
}

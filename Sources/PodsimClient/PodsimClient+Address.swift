import NIOCore
import NIOPosix

extension PodsimClient {
    /// A client of the server at `address`, written `host:port` (`127.0.0.1:7411`,
    /// `podsim.internal:7411`, `[::1]:7411`); nil when it is not of that form or the port is not
    /// 1…65535.
    public convenience init?(
        address: String, configuration: Configuration = Configuration(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        guard let (host, port) = Self.parse(address: address) else { return nil }
        self.init(host: host, port: port, configuration: configuration, eventLoopGroup: eventLoopGroup)
    }

    /// `host:port` split at its last colon; an IPv6 host is written in brackets.
    static func parse(address: String) -> (host: String, port: Int)? {
        guard let colon = address.lastIndex(of: ":"),
              let port = Int(address[address.index(after: colon)...]), (1...65535).contains(port)
        else { return nil }
        var host = address[..<colon]
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = host.dropFirst().dropLast()
            guard host.contains(":") else { return nil }
        } else if host.contains(":") {
            return nil  // an IPv6 address needs brackets: [::1]:7411
        }
        guard !host.isEmpty, !host.contains(where: \.isWhitespace) else { return nil }
        return (String(host), port)
    }
}

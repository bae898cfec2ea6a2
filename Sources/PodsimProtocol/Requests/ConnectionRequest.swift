/// Requests a connection answers by itself, from its own state.
public enum ConnectionRequest: Sendable, Hashable {
    /// PING (0x01).
    case ping
    /// AUTH (0x32): `str token`.
    case auth(token: String)
}

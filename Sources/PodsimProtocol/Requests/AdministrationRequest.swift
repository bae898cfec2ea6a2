/// Requests the server answers from its own state or on its administration thread.
public enum AdministrationRequest: Sendable, Hashable {
    /// INFO (0x02): the server's version and the model's summary.
    case info
    /// STATS (0x31).
    case stats
    /// RELOAD (0x30): read the model file again.
    case reload
    /// ADD (0x33): fold JSON Lines episodes into the model.
    case add(jsonl: String)

    /// RELOAD and ADD change the model: a connection's later requests wait for them.
    public var changesModel: Bool {
        switch self {
        case .reload, .add: true
        case .info, .stats: false
        }
    }
}

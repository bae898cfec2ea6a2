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
    /// DELETE (0x34): remove episodes from the model.
    case delete(episodeIDs: [String])
    /// UPSERT (0x35): add or replace JSON Lines episodes.
    case upsert(jsonl: String)

    /// RELOAD, ADD, DELETE and UPSERT change the model: a connection's later requests wait for them.
    public var changesModel: Bool {
        switch self {
        case .reload, .add, .delete, .upsert: true
        case .info, .stats: false
        }
    }
}

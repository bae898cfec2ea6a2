/// Requests a connection answers by itself, from its own state.
public enum ConnectionRequest: Sendable, Hashable {
    /// PING (0x01).
    case ping
    /// AUTH (0x32): `str token`.
    case auth(token: String)
}

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

/// Questions to the model, answered by a `ModelService` snapshot.
public enum ModelQuery: Sendable, Hashable {
    /// SIMILAR (0x10).
    case similar(SimilarRequest)
    /// SEARCH (0x11).
    case search(SearchRequest)
    /// GUESTS (0x12).
    case guests(GuestsRequest)
    /// EPISODE (0x13): a lookup by id, never a scan.
    case episode(id: String)
    /// EXPLAIN (0x14).
    case explain(ExplainRequest)
    /// GUESTS_LIKE (0x15).
    case guestsLike(GuestsLikeRequest)

    /// True for the queries that score episodes (all but EPISODE): their cost grows with the model.
    public var scans: Bool {
        if case .episode = self { return false }
        return true
    }
}

extension PodsimRequest {
    /// Which layer answers a request: the connection, the server's administration, or the model.
    public enum Route: Sendable, Hashable {
        case connection(ConnectionRequest)
        case administration(AdministrationRequest)
        case query(ModelQuery)
    }

    /// The request in its group, so each layer switches only over what it handles.
    public var route: Route {
        switch self {
        case .ping: .connection(.ping)
        case .auth(let token): .connection(.auth(token: token))
        case .info: .administration(.info)
        case .stats: .administration(.stats)
        case .reload: .administration(.reload)
        case .add(let jsonl): .administration(.add(jsonl: jsonl))
        case .similar(let request): .query(.similar(request))
        case .search(let request): .query(.search(request))
        case .guests(let request): .query(.guests(request))
        case .episode(let id): .query(.episode(id: id))
        case .explain(let request): .query(.explain(request))
        case .guestsLike(let request): .query(.guestsLike(request))
        }
    }
}



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
        case .delete(let ids): .administration(.delete(episodeIDs: ids))
        case .upsert(let jsonl): .administration(.upsert(jsonl: jsonl))
        case .similar(let request): .query(.similar(request))
        case .search(let request): .query(.search(request))
        case .guests(let request): .query(.guests(request))
        case .episode(let id): .query(.episode(id: id))
        case .explain(let request): .query(.explain(request))
        case .guestsLike(let request): .query(.guestsLike(request))
        case .recommend(let request): .query(.recommend(request))
        case .similarShows(let request): .query(.similarShows(request))
        case .guest(let name): .query(.guest(name: name))
        }
    }
}

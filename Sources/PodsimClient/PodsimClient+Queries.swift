import PodsimProtocol

/// The typed calls, one per opcode: each sends its request and returns the answer's value.
/// Limits (k, text length, options) are the server's to check: a value it refuses comes back as
/// a `.server` error with status 1 and a message naming the field. Only what cannot be encoded
/// at all (a `k` outside 0…65535) fails here, with `.invalidRequest`.
extension PodsimClient {
    /// PING: one round trip; always allowed, even before AUTH.
    public func ping() async throws(PodsimClientError) {
        try await expect(.ping) { if case .pong = $0 { () } else { nil } }
    }

    /// INFO: the server's version and the model it serves.
    public func info() async throws(PodsimClientError) -> ServerInfo {
        try await expect(.info) { if case .info(let info) = $0 { info } else { nil } }
    }

    /// SIMILAR: the `k` episodes most like `episodeID`, best first, never itself.
    /// Status 2 (NOT_FOUND) for an unknown id, its message suggesting near ids.
    public func similar(
        _ episodeID: String, k: Int = 10, excludeSameShow: Bool = false, options: QueryOptions = .none
    ) async throws(PodsimClientError) -> [EpisodeHit] {
        let request = SimilarRequest(
            episodeID: episodeID, k: try Self.wireK(k, .similar),
            flags: excludeSameShow ? .excludeSameShow : [], options: options)
        return try await expect(.similar(request)) { if case .similar(let hits) = $0 { hits } else { nil } }
    }

    /// SEARCH: the `k` episodes most like free `text`, best first; empty when no word is known.
    public func search(_ text: String, k: Int = 10, options: QueryOptions = .none) async throws(PodsimClientError) -> [EpisodeHit] {
        let request = SearchRequest(text: text, k: try Self.wireK(k, .search), options: options)
        return try await expect(.search(request)) { if case .search(let hits) = $0 { hits } else { nil } }
    }

    /// GUESTS: the `k` guests whose episodes best match `topic`, each with those episodes.
    /// `options` restrict the evidence (shows, dates) and leave guests out (`notOnShows`:
    /// whom to invite next; `excludeGuests`).
    public func guests(topic: String, k: Int = 10, options: GuestsOptions = .none) async throws(PodsimClientError) -> [GuestHit] {
        let request = GuestsRequest(topic: topic, k: try Self.wireK(k, .guests), options: options)
        return try await expect(.guests(request)) { if case .guests(let hits) = $0 { hits } else { nil } }
    }

    /// EPISODE: one episode's details. Status 2 (NOT_FOUND) for an unknown id.
    public func episode(_ id: String) async throws(PodsimClientError) -> EpisodeDetails {
        try await expect(.episode(id: id)) { if case .episode(let details) = $0 { details } else { nil } }
    }

    /// EXPLAIN: the `k` terms that contribute most to the similarity of two episodes, largest first.
    public func explain(_ episodeA: String, _ episodeB: String, k: Int = 10) async throws(PodsimClientError) -> [TermContribution] {
        let request = ExplainRequest(episodeA: episodeA, episodeB: episodeB, k: try Self.wireK(k, .explain))
        return try await expect(.explain(request)) { if case .explain(let terms) = $0 { terms } else { nil } }
    }

    /// GUESTS_LIKE: the `k` guests whose episodes lie nearest a given guest's. Status 2 for an
    /// unknown name. `options` as for `guests`.
    public func guestsLike(
        _ guestName: String, k: Int = 10, options: GuestsOptions = .none
    ) async throws(PodsimClientError) -> [GuestHit] {
        let request = GuestsLikeRequest(guestName: guestName, k: try Self.wireK(k, .guestsLike), options: options)
        return try await expect(.guestsLike(request)) { if case .guestsLike(let hits) = $0 { hits } else { nil } }
    }

    /// RELOAD: the server reads its model file again. Status 9 (MODEL_REJECTED) when the file is
    /// unusable; the old model keeps serving.
    public func reload() async throws(PodsimClientError) -> ReloadResult {
        try await expect(.reload) { if case .reloaded(let result) = $0 { result } else { nil } }
    }

    /// STATS: the server's counters and latency percentiles.
    public func stats() async throws(PodsimClientError) -> ServerStats {
        try await expect(.stats) { if case .stats(let stats) = $0 { stats } else { nil } }
    }

    /// ADD: folds episodes (JSON Lines, one object per line) into the live model. Status 1 names
    /// the first bad line; then nothing is added.
    public func add(jsonl: String) async throws(PodsimClientError) -> AddResult {
        try await expect(.add(jsonl: jsonl)) { if case .added(let result) = $0 { result } else { nil } }
    }

    /// UPSERT: ADD where an id already in the model replaces that episode (text, metadata, show
    /// and guests). All or nothing: status 1 names the first bad line, and then nothing changes.
    /// `added` counts new and replaced episodes.
    public func upsert(jsonl: String) async throws(PodsimClientError) -> AddResult {
        try await expect(.upsert(jsonl: jsonl)) { if case .upserted(let result) = $0 { result } else { nil } }
    }

    /// DELETE: removes episodes from the live model and its file. Ids the model does not know are
    /// counted out (`deleted` says how many went), not an error.
    public func delete(_ episodeIDs: [String]) async throws(PodsimClientError) -> DeleteResult {
        try await expect(.delete(episodeIDs: episodeIDs)) { if case .deleted(let result) = $0 { result } else { nil } }
    }

    // MARK: Helpers

    /// Sends `request` and takes the answer's value out; an answer of another kind cannot pass
    /// the handler's opcode check, but is refused here too rather than trapped on.
    func expect<T>(
        _ request: PodsimRequest, _ value: (PodsimResponse) -> T?
    ) async throws(PodsimClientError) -> T {
        let response = try await send(request)
        guard let result = value(response) else {
            throw PodsimClientError(.protocolViolation, "\(request.opcode) was answered with \(response)", opcode: request.opcode)
        }
        return result
    }

    /// `k` as the u16 the wire carries.
    static func wireK(_ k: Int, _ opcode: Opcode) throws(PodsimClientError) -> UInt16 {
        guard let value = UInt16(exactly: k) else {
            throw PodsimClientError(.invalidRequest, "\(opcode): k must be 1…65535 (a u16), got \(k); nothing was sent", opcode: opcode)
        }
        return value
    }
}

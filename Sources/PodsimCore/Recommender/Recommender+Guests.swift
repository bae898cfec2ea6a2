extension Recommender {
    /// How a guest query reaches its answer (see `GuestRanking`).
    public enum GuestMethod: Sendable {
        /// The episode ranking's top candidates along this recommender's path, walked best first:
        /// the exhaustive answer on an exact path; after an int8 scan, its agreement is measured.
        case candidates
        /// Every episode scored exactly and sorted, then the same fusion pool and walk: the
        /// reference for `candidates`.
        case exhaustive
        /// Every episode fused with its lexical score, every guest sorted: what the fusion pool
        /// approximates (equal to `exhaustive` with fusion off).
        case everyEpisodeFused
    }

    /// Guests ranked by how well their episodes match `topic`.
    ///
    /// The topic is folded into the latent space and scored against the episodes; a guest's
    /// score is the best cosine among their episodes (CombMAX in the expert-search literature):
    /// it stays a cosine, comparable across guests with one episode or many, and a guest is
    /// recommended for the episode that is most about the topic, not for appearing often. Each
    /// guest lists their best 10 matching episodes (cosine > 0), best first; guests with no matching
    /// episode are left out. Hosts are never guests (the catalogue keeps them out of the table).
    /// `options` restrict the evidence episodes and leave guests out (`GuestOptions`).
    public func guests(
        topic: String, k: Int, options: GuestOptions = .none, method: GuestMethod = .candidates
    ) throws -> [GuestMatch] {
        let k = try Self.checked(k: k, available: model.guests.count)
        return guestRanking(topic: topic, options: options)?.matches(k: k, method: method) ?? []
    }

    /// Guests whose episodes lie near those of `name` (any spelling): the centroid of the
    /// guest's episode vectors is the query, then guests are ranked as in `guests(topic:k:)`,
    /// the guest themself left out.
    public func guestsLike(
        _ name: String, k: Int, options: GuestOptions = .none, method: GuestMethod = .candidates
    ) throws -> [GuestMatch] {
        let k = try Self.checked(k: k, available: model.guests.count)
        return try guestRanking(like: name, options: options)?.matches(k: k, method: method) ?? []
    }

    /// What `guests(topic:k:options:)` takes along the candidate path (`GuestCandidateReport`);
    /// nil when the topic has no known word. For `podsim bench local --check` and tests.
    public func guestCandidates(topic: String, k: Int, options: GuestOptions = .none) throws -> GuestCandidateReport? {
        let k = try Self.checked(k: k, available: model.guests.count)
        return guestRanking(topic: topic, options: options)?.candidates(k: k).report
    }

    /// `guestCandidates` for `guestsLike(_:k:options:)`.
    public func guestCandidates(like name: String, k: Int, options: GuestOptions = .none) throws -> GuestCandidateReport? {
        let k = try Self.checked(k: k, available: model.guests.count)
        return try guestRanking(like: name, options: options)?.candidates(k: k).report
    }

    /// The ranking for a topic; nil when no word of it is in the vocabulary.
    func guestRanking(topic: String, options: GuestOptions) -> GuestRanking? {
        let weights = model.features.queryTransform(topic)
        return model.foldIn(weights).map { query in
            var ranking = guestRanking(query, options: options, excluding: nil)
            ranking.lexical = LexicalQuery(weights)
            return ranking
        }
    }

    /// The ranking for the centroid of a guest's episodes (any spelling of the name), the guest
    /// left out; nil when their episodes have no known word.
    func guestRanking(like name: String, options: GuestOptions) throws -> GuestRanking? {
        guard let guest = model.guests.index(of: name) else {
            throw PodsimError(.unknownEpisode, "unknown guest '\(name)'")
        }
        var centroid = [Float](repeating: 0, count: model.dimensions)
        for row in model.guestIndex.rows(of: guest) {
            for (j, value) in model.index.vector(row).enumerated() { centroid[j] += value }
        }
        let norm = centroid.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return nil }
        return guestRanking(centroid.map { $0 / norm }, options: options, excluding: guest)
    }

    private func guestRanking(_ query: [Float], options: GuestOptions, excluding guest: Int?) -> GuestRanking {
        GuestRanking(
            recommender: self, query: query,
            excluded: options.excludedGuests(in: model, also: guest), evidence: options.evidence.predicate(for: model))
    }
}

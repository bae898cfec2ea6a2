extension Recommender {
    /// Guests ranked by how well their episodes match `topic`.
    ///
    /// The topic is folded into the latent space and scored against every episode; a guest's
    /// score is the best cosine among their episodes (CombMAX in the expert-search literature):
    /// it stays a cosine, comparable across guests with one episode or many, and a guest is
    /// recommended for the episode that is most about the topic, not for appearing often. Each
    /// guest lists their matching episodes (cosine > 0), best first; guests with no matching
    /// episode are left out. Hosts are never guests (the catalogue keeps them out of the table).
    public func guests(topic: String, k: Int) throws -> [GuestMatch] {
        let k = try Self.checked(k: k, available: model.guests.count)
        let weights = model.features.transform(topic)
        guard let query = model.foldIn(weights) else { return [] }
        return rankGuests(scores: fusedScores(query, lexical: LexicalQuery(weights)), k: k, excluding: nil)
    }

    /// Guests whose episodes lie near those of `name` (any spelling): the centroid of the
    /// guest's episode vectors is the query, then guests are ranked as in `guests(topic:k:)`.
    public func guestsLike(_ name: String, k: Int) throws -> [GuestMatch] {
        let k = try Self.checked(k: k, available: model.guests.count)
        guard let guest = model.guests.index(of: name) else {
            throw PodsimError(.unknownEpisode, "unknown guest '\(name)'")
        }
        let rows = model.guests.episodeRows(of: guest)
        var centroid = [Float](repeating: 0, count: model.dimensions)
        for row in rows {
            for (j, value) in model.index.vector(row).enumerated() { centroid[j] += value }
        }
        let norm = centroid.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return [] }
        return rankGuests(scores: model.index.scores(centroid.map { $0 / norm }), k: k, excluding: guest)
    }

    private func rankGuests(scores: [Float], k: Int, excluding: Int?) -> [GuestMatch] {
        var ranked: [(guest: Int, best: ScoredRow, rows: [ScoredRow])] = []
        for guest in 0..<model.guests.count where guest != excluding {
            let matching = model.guests.episodeRows(of: guest)
                .map { ScoredRow(row: $0, score: scores[$0]) }
                .filter { $0.score > 0 }
                .sorted { $0.ranksAbove($1) }
            guard let best = matching.first else { continue }
            ranked.append((guest, best, matching))
        }
        // Best score first; ties by the best episode's row (id), then by guest name key order.
        ranked.sort { a, b in
            a.best.ranksAbove(b.best) || (a.best == b.best && a.guest < b.guest)
        }
        return ranked.prefix(k).map { entry in
            GuestMatch(
                name: model.guests.names[entry.guest], score: entry.best.score,
                episodes: entry.rows.map { model.episodes.id($0.row) })
        }
    }
}

extension Recommender {
    /// Most ids in each of `like` and `unlike` (the protocol's limit): 1,000.
    public static let maxRecommendIDs = 1_000

    /// "More like these, less like that": episodes near the liked episodes and `text` together
    /// and away from the unliked ones (`RocchioQuery` explains how they combine), ranked and cut
    /// like `similar`. Liked and unliked episodes are never returned.
    /// - Parameters:
    ///   - like: liked episode ids; at least one, or a non-empty `text`.
    ///   - excludeLikedShows: leave out every show of the liked episodes.
    /// - Throws: `.unknownEpisode` naming the first unknown id and its list; `.invalidArgument`
    ///   when there is neither a liked id nor text, or a list holds more than 1,000 ids.
    public func recommend(
        like: [String], unlike: [String] = [], text: String = "", k: Int, excludeLikedShows: Bool = false,
        filter: EpisodeFilter = .none, diversity: Float = 0, ranking: RankingOptions = .none
    ) throws -> [EpisodeMatch] {
        let k = try Self.checked(k: k, available: model.index.count)
        try Self.validate(diversity: diversity)
        try ranking.validate()
        guard !like.isEmpty || !text.isEmpty else {
            throw PodsimError(.invalidArgument, "give at least one liked episode id or a text")
        }
        for (name, list) in [("like_ids", like), ("unlike_ids", unlike)] where list.count > Self.maxRecommendIDs {
            throw PodsimError(.invalidArgument, "\(name) holds \(list.count) ids; the limit is \(Self.maxRecommendIDs)")
        }
        let liked = try like.map { try row(of: $0, in: "like_ids") }
        let unliked = try unlike.map { try row(of: $0, in: "unlike_ids") }
        let textVector = text.isEmpty ? nil : model.foldIn(text)
        guard let query = RocchioQuery.vector(text: textVector, liked: liked, unliked: unliked, index: model.index) else {
            return []
        }
        let episodes = model.episodes
        let likedShows = excludeLikedShows ? Set(liked.map { episodes.showNumber($0) }) : []
        let filterPredicate = filter.predicate(for: model)
        let allowed: RowFilter?
        if likedShows.isEmpty {
            allowed = filterPredicate
        } else {
            allowed = { candidate in
                !likedShows.contains(episodes.showNumber(candidate)) && (filterPredicate?(candidate) ?? true)
            }
        }
        var ranking = ranking
        ranking.excludeIDs += like + unlike
        // Fused like SIMILAR and SEARCH when the query is one of theirs (one liked episode, or
        // text alone); a Rocchio mix of several is ranked by the latent cosine (`Recommender+Fusion`).
        let lexical: LexicalQuery? =
            liked.count == 1 && unliked.isEmpty && text.isEmpty ? lexicalQuery(row: liked[0])
            : liked.isEmpty && unliked.isEmpty ? lexicalQuery(text: text) : nil
        return rank(query, k: k, allowed: allowed, diversity: diversity, ranking: ranking, lexical: lexical)
    }

    /// `row(of:)`, the error naming which list held the unknown id.
    private func row(of id: String, in list: String) throws -> Int {
        do {
            return try row(of: id)
        } catch let error as PodsimError {
            throw PodsimError(error.code, "\(list): \(error.message)")
        }
    }
}

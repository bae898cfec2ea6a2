import PodsimProtocol

/// The protocol v1.1 query calls: RECOMMEND, SIMILAR_SHOWS and GUEST. The query options
/// 0x05–0x09 (exclude_ids, offset, min_score, max_per_show, recency) travel in `QueryOptions`
/// on `similar`, `search` and `recommend`.
extension PodsimClient {
    /// RECOMMEND: the `k` episodes nearest the liked episodes and `text` together and away from
    /// the unliked ones, best first; never a liked or unliked episode. Status 1 without a liked
    /// id or text, or with more than 1,000 ids in a list; status 2 names an unknown id.
    /// - Parameter excludeLikedShows: leave out every show of the liked episodes (flags bit 0).
    public func recommend(
        like: [String], unlike: [String] = [], text: String = "", k: Int = 10, excludeLikedShows: Bool = false,
        options: QueryOptions = .none
    ) async throws(PodsimClientError) -> [EpisodeHit] {
        let request = RecommendRequest(
            likeIDs: like, unlikeIDs: unlike, text: text, k: try Self.wireK(k, .recommend),
            flags: excludeLikedShows ? .excludeSameShow : [], options: options)
        return try await expect(.recommend(request)) { if case .recommend(let hits) = $0 { hits } else { nil } }
    }

    /// SIMILAR_SHOWS: the `k` shows most like `show` (its exact name), best first, each with up
    /// to 3 evidence episodes. Status 2 for an unknown show.
    public func similarShows(_ show: String, k: Int = 10) async throws(PodsimClientError) -> [ShowHit] {
        let request = SimilarShowsRequest(show: show, k: try Self.wireK(k, .similarShows))
        return try await expect(.similarShows(request)) { if case .similarShows(let hits) = $0 { hits } else { nil } }
    }

    /// GUEST: one guest's profile (name in any spelling). Status 2 for an unknown guest, its
    /// message suggesting a close name.
    public func guest(_ name: String) async throws(PodsimClientError) -> GuestDetails {
        try await expect(.guest(name: name)) { if case .guest(let details) = $0 { details } else { nil } }
    }
}

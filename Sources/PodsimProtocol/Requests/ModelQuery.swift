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
    /// RECOMMEND (0x16, v1.1).
    case recommend(RecommendRequest)
    /// SIMILAR_SHOWS (0x17, v1.1): scores the model's show vectors, not its episodes, but
    /// collects evidence episodes; counted as a scan.
    case similarShows(SimilarShowsRequest)
    /// GUEST (0x18, v1.1): one guest's profile.
    case guest(name: String)

    /// True for the queries that score episodes (all but EPISODE): their cost grows with the model.
    public var scans: Bool {
        if case .episode = self { return false }
        return true
    }
}

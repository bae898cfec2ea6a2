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

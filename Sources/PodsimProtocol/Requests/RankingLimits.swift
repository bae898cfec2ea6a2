/// Bounds of the v1.1 query options and RECOMMEND lists, fixed by the contract (not settings).
public enum RankingLimits {
    /// Largest `offset` (option 0x06): 10,000 hits skipped.
    public static let maxOffset: UInt32 = 10_000
    /// Most ids in each of RECOMMEND's `like_ids` and `unlike_ids`: 1,000.
    public static let maxRecommendIDs = 1_000
}

import Foundation

/// How a ranked answer (`similar`, `search`, `recommend`) is cut after scoring: episodes left
/// out, paging, a score floor, a per-show cap and a recency weight. The protocol's query options
/// 0x05–0x09; the CLI's `--exclude`, `--offset`, `--min-score`, `--max-per-show`, `--recency`.
///
/// Applied in this order to the list ranked by final score (ties by id): exclusions and filters
/// (before anything competes), min_score, max_per_show (a show's best hits are kept), diversity
/// (when asked), then offset and k. Every step is a function of that one list, so page n of a
/// query is exactly the n-th slice of the same query asked with a larger k.
public struct RankingOptions: Sendable, Equatable {
    /// Never return these episodes; ids the model does not know are ignored.
    public var excludeIDs: [String]
    /// Skip this many of the best hits first, 0…`maxOffset`.
    public var offset: Int
    /// Leave out hits whose final score is below this, in [-1, 1]; nil keeps all.
    public var minScore: Float?
    /// At most this many hits from any one show, ≥ 1; nil for no cap.
    public var maxPerShow: Int?
    /// Weigh scores by how recent an episode is; nil for no weighting.
    public var recency: Recency?

    /// Largest `offset`: 10,000 hits (the protocol's limit).
    public static let maxOffset = 10_000

    public init(
        excludeIDs: [String] = [], offset: Int = 0, minScore: Float? = nil, maxPerShow: Int? = nil,
        recency: Recency? = nil
    ) {
        self.excludeIDs = excludeIDs
        self.offset = offset
        self.minScore = minScore
        self.maxPerShow = maxPerShow
        self.recency = recency
    }

    /// Nothing cut, nothing weighted.
    public static let none = RankingOptions()

    /// Recency weighting: `final = score × (1 − weight + weight × 0.5^(age / halfLifeDays))`,
    /// age in days before the newest publication date in the model (so answers reproduce on any
    /// day); an episode with an unknown date gets `1 − weight`.
    public struct Recency: Sendable, Equatable {
        /// Days after which the boost halves; finite and > 0.
        public var halfLifeDays: Float
        /// In [0, 1]: 0 leaves scores alone, 1 is pure decay.
        public var weight: Float

        public init(halfLifeDays: Float, weight: Float) {
            self.halfLifeDays = halfLifeDays
            self.weight = weight
        }

        /// The factor for an episode `ageDays` before the newest one (nil: unknown date).
        @inline(__always)
        func factor(ageDays: Float) -> Float {
            // NaN marks an unknown date (see `PublicationAges`).
            guard !ageDays.isNaN else { return 1 - weight }
            return 1 - weight + weight * exp2(-ageDays / halfLifeDays)
        }
    }

    /// Throws `.invalidArgument` naming the first value out of range (NaN never is in range).
    func validate() throws {
        func fail(_ message: String) -> PodsimError { PodsimError(.invalidArgument, message) }
        guard (0...Self.maxOffset).contains(offset) else { throw fail("offset must be 0…\(Self.maxOffset), got \(offset)") }
        if let minScore, !(minScore >= -1 && minScore <= 1) { throw fail("min_score must be in [-1, 1], got \(minScore)") }
        if let maxPerShow, maxPerShow < 1 { throw fail("max_per_show must be at least 1, got \(maxPerShow)") }
        if let recency {
            guard recency.halfLifeDays.isFinite && recency.halfLifeDays > 0 else {
                throw fail("recency half-life must be a finite number of days above 0, got \(recency.halfLifeDays)")
            }
            guard recency.weight >= 0 && recency.weight <= 1 else {
                throw fail("recency weight must be in [0, 1], got \(recency.weight)")
            }
        }
    }
}

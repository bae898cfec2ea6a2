/// Query option 0x09 recency: `f32 half_life_days, f32 weight`.
///
/// The final score of a hit is `score × (1 − weight + weight × 0.5^(age / half_life_days))`,
/// where age is in days before the newest publication date in the model (not the wall clock,
/// so the same model gives the same answer on any day). An episode with an unknown date gets
/// the factor `1 − weight`.
public struct RecencyOption: Sendable, Hashable {
    /// Days after which an episode's recency boost has halved; finite and > 0.
    public var halfLifeDays: Float
    /// How much recency counts, in [0, 1]: 0 leaves scores as they are, 1 is pure decay.
    public var weight: Float

    public init(halfLifeDays: Float, weight: Float) {
        self.halfLifeDays = halfLifeDays
        self.weight = weight
    }

    /// The problem with these values, or nil when both are in range (NaN never is).
    public var problem: String? {
        guard halfLifeDays.isFinite && halfLifeDays > 0 else {
            return "half_life_days must be a finite number of days above 0, got \(halfLifeDays)"
        }
        guard weight >= 0 && weight <= 1 else { return "weight must be in [0, 1], got \(weight)" }
        return nil
    }
}

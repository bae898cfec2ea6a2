/// The top terms of one latent dimension (`podsim topics`).
public struct Topic: Sendable, Equatable, Codable {
    public var dimension: Int
    public var singularValue: Double
    /// Terms with the largest positive weight in this dimension, largest first.
    public var terms: [String]
}

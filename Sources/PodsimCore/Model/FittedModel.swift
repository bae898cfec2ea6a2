import PodsimText

/// A fitted TF-IDF model and truncated SVD, ready to become a model file: what a local build
/// computes, or what `build --spark` reads back from the Spark job (`ModelBuilder.assemble`).
public struct FittedModel: Sendable {
    public var features: TFIDFModel
    /// σ₁ ≥ … ≥ σ_k > 0, one per dimension.
    public var singularValues: [Double]
    /// Σσᵢ² / ‖A‖F², in [0, 1].
    public var explainedVarianceRatio: Double
    /// Why there are fewer dimensions than asked, phrased for the user; nil when there are not.
    public var dimensionNote: String?
    /// Term → latent projection V with canonical signs, row-major, terms × k.
    public var projection: [Float]
    /// Unit-length (or all-zero) episode vectors A·V, row-major, episodes × k, in row order.
    public var vectors: [Float]
    /// Where the fit ran when not in this process.
    public var provenance: FitProvenance?

    public init(
        features: TFIDFModel, singularValues: [Double], explainedVarianceRatio: Double, dimensionNote: String?,
        projection: [Float], vectors: [Float], provenance: FitProvenance? = nil
    ) {
        self.features = features
        self.singularValues = singularValues
        self.explainedVarianceRatio = explainedVarianceRatio
        self.dimensionNote = dimensionNote
        self.projection = projection
        self.vectors = vectors
        self.provenance = provenance
    }

    /// k, the latent dimensions.
    public var dimensions: Int { singularValues.count }

    /// Checks that the pieces fit together and with `episodes` rows, naming the first that does not.
    func validate(episodes: Int) throws {
        func fail(_ message: String) -> PodsimError { PodsimError(.invalidInput, "fitted model: " + message) }
        let k = dimensions
        guard k >= 1 else { throw fail("no singular values") }
        guard singularValues.allSatisfy({ $0.isFinite && $0 > 0 }),
              zip(singularValues, singularValues.dropFirst()).allSatisfy({ $0 >= $1 }) else {
            throw fail("singular values must be positive, finite and descending: \(singularValues.prefix(8))")
        }
        guard projection.count == features.termCount * k else {
            throw fail("projection has \(projection.count) values, not \(features.termCount) terms × \(k)")
        }
        guard vectors.count == episodes * k else {
            throw fail("\(vectors.count) vector values, not \(episodes) episodes × \(k)")
        }
        guard features.documentCount == episodes else {
            throw fail("the TF-IDF model counts \(features.documentCount) documents, not \(episodes) episodes")
        }
        if let bad = projection.firstIndex(where: { !$0.isFinite }) { throw fail("projection value \(bad) is \(projection[bad])") }
        if let bad = vectors.firstIndex(where: { !$0.isFinite }) { throw fail("vector value \(bad) is \(vectors[bad])") }
        guard (0...1.000001).contains(explainedVarianceRatio) else {
            throw fail("explained variance ratio \(explainedVarianceRatio) is outside [0, 1]")
        }
    }
}

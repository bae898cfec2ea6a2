/// Versions podsim reports and records in model files.
public enum PodsimVersion {
    /// The release of this build, reported by `podsim --version` and the INFO opcode.
    public static let current = "0.1.0"
    /// Bumped whenever ingestion, analysis or fitting would turn the same inputs into a
    /// different model: a model built by an older pipeline counts as stale for `build --if-stale`.
    /// 2: feeds repaired (entities, encodings), honorifics out of guest keys, stop words per language.
    /// 3: the SVD by block Krylov iteration (`oversampling` and `powerIterations` in META now
    /// give the Krylov block's extra columns and the Krylov iterations).
    public static let pipeline = 3
}

/// One candidate of a nearest-neighbour query: a row of the index and its cosine score.
public struct ScoredRow: Sendable, Equatable {
    /// Row in the index. Rows are stored in ascending id order, so a lower row is a lower id.
    public var row: Int
    /// Cosine similarity in [-1, 1].
    public var score: Float

    public init(row: Int, score: Float) {
        self.row = row
        self.score = score
    }

    /// The ranking order of every answer podsim gives: higher score first, ties broken by the lower
    /// row — which is the lower episode id, because rows are sorted by id — so answers are deterministic.
    @inlinable
    public func ranksAbove(_ other: ScoredRow) -> Bool {
        score > other.score || (score == other.score && row < other.row)
    }
}

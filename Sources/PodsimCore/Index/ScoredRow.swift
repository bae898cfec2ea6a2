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

extension Array where Element == ScoredRow {
    /// Sorts best first, by `ranksAbove`: the same order as `sort { $0.ranksAbove($1) }`, the
    /// same values (every score keeps its bits, −0 included), sorted as 64-bit integer keys.
    ///
    /// Why: every answer sorts its candidates (a top-k heap's contents, a fusion pool), and the
    /// standard library's stable sort of a few hundred elements through a comparison closure was
    /// 4 % of the server's CPU for SIMILAR on the seed model.
    ///
    /// A key is the score's bits mapped to an unsigned order (higher score first) over the row
    /// shifted left by one (lower row first); the low bit marks a score of −0, which `ranksAbove`
    /// ties with +0 and the key must too. Rows from 2³¹ on, or a NaN score, take the closure sort.
    mutating func sortBestFirst() {
        guard count > 1 else { return }
        var keys: [UInt64] = []
        keys.reserveCapacity(count)
        for candidate in self {
            guard candidate.row >= 0, candidate.row < 1 << 31, !candidate.score.isNaN else {
                sort { $0.ranksAbove($1) }
                return
            }
            let negativeZero: UInt64 = candidate.score == 0 && candidate.score.sign == .minus ? 1 : 0
            let bits = (candidate.score == 0 ? 0 : candidate.score).bitPattern
            // Ascending unsigned order of floats: flip every bit of a negative, the sign of a positive.
            let ascending = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
            keys.append(UInt64(~ascending) << 32 | UInt64(candidate.row) << 1 | negativeZero)
        }
        keys.sort()
        for (i, key) in keys.enumerated() {
            let descending = UInt32(truncatingIfNeeded: key >> 32)
            let ascending = ~descending
            let bits = ascending & 0x8000_0000 != 0 ? ascending & 0x7FFF_FFFF : ~ascending
            let score = key & 1 == 1 ? -Float.zero : Float(bitPattern: bits)
            self[i] = ScoredRow(row: Int((key & 0xFFFF_FFFF) >> 1), score: score)
        }
    }
}

/// A set of small integers (guests, rows) as one bit each: O(1) membership from any thread, and
/// count / 8 bytes (9.4 KB for 75,000 guests, 125 KB for a million rows).
struct BitSet: Sendable, Equatable {
    private var words: [UInt64]

    init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }

    @inline(__always)
    func contains(_ member: Int) -> Bool { words[member >> 6] & (1 << UInt64(member & 63)) != 0 }

    /// Adds `member`; false when it was in already.
    @discardableResult @inline(__always)
    mutating func insert(_ member: Int) -> Bool {
        let bit: UInt64 = 1 << UInt64(member & 63)
        defer { words[member >> 6] |= bit }
        return words[member >> 6] & bit == 0
    }

    @inline(__always)
    mutating func remove(_ member: Int) { words[member >> 6] &= ~(1 << UInt64(member & 63)) }

    /// Calls `body` with each member, ascending.
    func forEach(_ body: (Int) -> Void) {
        for (index, word) in words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                body(index << 6 | bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }
}

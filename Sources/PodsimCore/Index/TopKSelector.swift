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

/// Keeps the best `k` of a stream of candidates in a bounded binary min-heap: O(n log k) time and
/// O(k) memory, instead of sorting all n scores. The heap's root is the worst candidate kept, so a
/// new candidate is compared with it once and usually rejected without touching the heap.
public struct TopKSelector: Sendable {
    public let k: Int
    private var heap: [ScoredRow] = []

    public init(k: Int) {
        precondition(k >= 0, "k must not be negative")
        self.k = k
        heap.reserveCapacity(k)
    }

    /// Whether a candidate with this score could still enter the top k (a cheap pre-check for hot loops).
    @inlinable
    public var threshold: Float { isFull ? worstScore : -.infinity }

    public var isFull: Bool { heap.count == k }

    @usableFromInline
    var worstScore: Float { heap[0].score }

    public mutating func insert(_ candidate: ScoredRow) {
        guard k > 0 else { return }
        if heap.count < k {
            heap.append(candidate)
            siftUp(heap.count - 1)
        } else if candidate.ranksAbove(heap[0]) {
            heap[0] = candidate
            siftDown(0)
        }
    }

    public mutating func insert(row: Int, score: Float) {
        insert(ScoredRow(row: row, score: score))
    }

    /// Merges another selector's candidates (used to combine per-thread partial results).
    public mutating func merge(_ other: TopKSelector) {
        for candidate in other.heap { insert(candidate) }
    }

    /// The kept candidates, best first.
    public func sorted() -> [ScoredRow] {
        heap.sorted { $0.ranksAbove($1) }
    }

    // Min-heap on "ranks above": the root is the candidate every other kept one ranks above.
    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[parent].ranksAbove(heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var worst = parent
            if left < heap.count && heap[worst].ranksAbove(heap[left]) { worst = left }
            if right < heap.count && heap[worst].ranksAbove(heap[right]) { worst = right }
            guard worst != parent else { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}

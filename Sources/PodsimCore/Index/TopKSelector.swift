/// Keeps the best `k` of a stream of candidates in a bounded binary min-heap: O(n log k) time and
/// O(k) memory, instead of sorting all n scores. The heap's root is the worst candidate kept, so a
/// new candidate is compared with it once and usually rejected without touching the heap.
///
/// The result does not depend on the order candidates arrive in: `ranksAbove` is a strict total
/// order on (score, row), so the best k are one set. That is what lets scans interleave rows,
/// split them across threads and `merge` the parts.
public struct TopKSelector: Sendable {
    public let k: Int
    private var heap: [ScoredRow] = []
    /// The worst kept score once k are kept, −∞ before (+∞ when k = 0: nothing can enter).
    /// Stored, not computed, because scans read it once per row.
    public private(set) var threshold: Float

    public init(k: Int) {
        precondition(k >= 0, "k must not be negative")
        self.k = k
        threshold = k == 0 ? .infinity : -.infinity
        heap.reserveCapacity(k)
    }


    public mutating func insert(_ candidate: ScoredRow) {
        guard k > 0 else { return }
        if heap.count < k {
            heap.append(candidate)
            siftUp(heap.count - 1)
        } else if candidate.ranksAbove(heap[0]) {
            heap[0] = candidate
            siftDown(0)
        } else {
            return
        }
        if heap.count == k { threshold = heap[0].score }
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
        var sorted = heap
        sorted.sortBestFirst()
        return sorted
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

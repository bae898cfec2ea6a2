/// The episodes a streaming build fits its vocabulary, idf and SVD on: the `size` episodes with
/// the smallest XXH64 of their id (seeded with the build's seed), whatever the order they arrive
/// in — so the same catalogue and seed always give the same sample, and one episode's presence
/// never depends on another's text. When `size` is at least the catalogue, the sample is the
/// whole catalogue and the fit is exactly the in-memory build's.
///
/// A bounded max-heap keyed by (hash, arrival index): an episode enters while the heap is not
/// full or when it beats the largest key, which it then evicts; only the kept texts are held.
struct FitSample {
    struct Member {
        var hash: UInt64
        /// Position of the episode in catalogue order.
        var index: Int
        var text: String
    }

    let size: Int
    let seed: UInt64
    private(set) var heap: [Member] = []

    init(size: Int, seed: UInt64) {
        precondition(size >= 1, "a fit sample holds at least one episode")
        self.size = size
        self.seed = seed
    }

    /// The sampling key of an episode id.
    static func hash(id: String, seed: UInt64) -> UInt64 {
        var id = id
        return id.withUTF8 { XXH64.hash(UnsafeRawBufferPointer($0), seed: seed) }
    }

    /// Offers episode `index`; `text` is evaluated only when the episode is kept.
    mutating func offer(id: String, index: Int, text: @autoclosure () -> String) {
        let key = Self.hash(id: id, seed: seed)
        if heap.count < size {
            heap.append(Member(hash: key, index: index, text: text()))
            siftUp(heap.count - 1)
        } else if Self.precedes(key, index, heap[0].hash, heap[0].index) {
            heap[0] = Member(hash: key, index: index, text: text())
            siftDown(0)
        }
    }

    /// The members, emptied out of the sampler.
    mutating func take() -> [Member] {
        defer { heap = [] }
        return heap
    }

    private static func precedes(_ hash: UInt64, _ index: Int, _ otherHash: UInt64, _ otherIndex: Int) -> Bool {
        hash != otherHash ? hash < otherHash : index < otherIndex
    }

    private func larger(_ a: Int, _ b: Int) -> Bool {
        Self.precedes(heap[b].hash, heap[b].index, heap[a].hash, heap[a].index)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard larger(child, parent) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            var largest = parent
            for child in [2 * parent + 1, 2 * parent + 2] where child < heap.count && larger(child, largest) {
                largest = child
            }
            guard largest != parent else { return }
            heap.swapAt(parent, largest)
            parent = largest
        }
    }
}

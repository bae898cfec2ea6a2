import Dispatch
import Histogram
import PodsimCore
import PodsimLinearAlgebra
import PodsimWorkbench

/// Drives one recommender operation from several threads for a fixed time and records every
/// query's latency in an HdrHistogram (nanoseconds, 3 significant digits).
struct QueryDriver: Sendable {
    let recommender: Recommender
    let operation: QueryOperation
    let k: Int
    /// Inputs, cycled: episode ids for `similar`, texts (episode titles) for `search`/`guests`,
    /// `recommendLikes` ids joined by newlines for `recommend`.
    let inputs: [String]

    /// Distinct inputs prepared before timing starts.
    static let inputCount = 1_000
    /// Liked ids per RECOMMEND query: 10 (the case the issue sets against one SIMILAR).
    static let recommendLikes = 10
    /// Longest latency the histogram tracks: 60 s, in nanoseconds.
    static let highestLatency: UInt64 = 60_000_000_000

    init(recommender: Recommender, operation: QueryOperation, k: Int, seed: UInt64) throws {
        self.recommender = recommender
        self.operation = operation
        self.k = k
        inputs = Self.inputs(for: operation, from: recommender.model, seed: seed)
    }

    /// `inputCount` query inputs drawn from `model`, seeded: ids for `similar`, titles for
    /// `search` and `guests`, guest names for `guests-like`, `recommendLikes` ids joined by
    /// newlines for `recommend`. The same for the in-process and the server bench.
    static func inputs(for operation: QueryOperation, from model: PodsimModel, seed: UInt64) -> [String] {
        if operation == .guestsLike {
            return rows(count: inputCount, of: model.guests.count, seed: seed).map { model.guests.names[$0] }
        }
        let episodes = model.episodes
        if operation == .recommend {
            let ids = rows(count: inputCount * recommendLikes, of: episodes.count, seed: seed).map { episodes.id($0) }
            return (0..<inputCount).map { ids[($0 * recommendLikes)..<(($0 + 1) * recommendLikes)].joined(separator: "\n") }
        }
        return rows(count: inputCount, of: episodes.count, seed: seed).map {
            operation == .similar ? episodes.id($0) : episodes.title($0)
        }
    }

    /// `count` rows drawn (with repetition) from 0..<rows, seeded.
    static func rows(count: Int, of rows: Int, seed: UInt64) -> [Int] {
        var random = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in Int(random.next() % UInt64(max(rows, 1))) }
    }

    func run(seconds: Double, concurrency: Int) -> DriverResult {
        let slots = HistogramSlots(count: concurrency)
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline = start + UInt64(seconds * 1e9)
        DispatchQueue.concurrentPerform(iterations: concurrency) { thread in
            var histogram = Histogram<UInt64>(highestTrackableValue: Self.highestLatency, numberOfSignificantValueDigits: .three)
            var next = thread * (inputs.count / concurrency)
            var errors = 0
            while DispatchTime.now().uptimeNanoseconds < deadline {
                let input = inputs[next % inputs.count]
                next += 1
                let began = DispatchTime.now().uptimeNanoseconds
                do {
                    try ask(input)
                    _ = histogram.record(DispatchTime.now().uptimeNanoseconds - began)
                } catch {
                    errors += 1
                }
            }
            slots.store(histogram, errors: errors, at: thread)
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let errors = slots.errors
        return DriverResult(histogram: slots.merged(), errors: errors == 0 ? [:] : ["failed": errors], seconds: elapsed)
    }

    private func ask(_ input: String) throws {
        switch operation {
        case .similar: _ = try recommender.similar(to: input, k: k)
        case .search: _ = try recommender.search(input, k: k)
        case .guests: _ = try recommender.guests(topic: input, k: k)
        case .recommend: _ = try recommender.recommend(like: input.split(separator: "\n").map(String.init), k: k)
        case .guestsLike: _ = try recommender.guestsLike(input, k: k)
        }
    }
}

/// One histogram per driver thread, merged after `concurrentPerform` returns; each thread writes
/// only its own slot, which is why the unchecked Sendable is sound.
private final class HistogramSlots: @unchecked Sendable {
    private var histograms: [Histogram<UInt64>?]
    private var errorCounts: [Int]

    init(count: Int) {
        histograms = Array(repeating: nil, count: count)
        errorCounts = Array(repeating: 0, count: count)
    }

    func store(_ histogram: Histogram<UInt64>, errors: Int, at index: Int) {
        histograms.withUnsafeMutableBufferPointer { $0[index] = histogram }
        errorCounts.withUnsafeMutableBufferPointer { $0[index] = errors }
    }

    var errors: Int { errorCounts.reduce(0, +) }

    func merged() -> Histogram<UInt64> {
        var total = Histogram<UInt64>(highestTrackableValue: QueryDriver.highestLatency, numberOfSignificantValueDigits: .three)
        for histogram in histograms.compactMap({ $0 }) { total.add(histogram) }
        return total
    }
}

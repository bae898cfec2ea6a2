import Foundation
import PodsimCore
import PodsimLinearAlgebra

/// Draws indices 0..<n with given weights in O(1) per draw: Walker's alias method, built with
/// Vose's stable variant ("A linear algorithm for generating random numbers with a given
/// distribution", IEEE TSE 1991). Each slot i keeps a probability `accept[i]` and an `alias[i]`:
/// pick a slot uniformly, keep it with that probability, else take its alias.
struct AliasSampler: Sendable {
    private let accept: [Double]
    private let alias: [Int32]

    /// Weights must be non-negative with a positive sum.
    init(weights: [Double]) {
        precondition(!weights.isEmpty, "an alias table needs at least one weight")
        let total = weights.reduce(0, +)
        precondition(total > 0, "weights must have a positive sum")
        let n = weights.count
        var scaled = weights.map { $0 * Double(n) / total }
        var accept = [Double](repeating: 1, count: n)
        var alias = [Int32](repeating: 0, count: n)
        var small = scaled.indices.filter { scaled[$0] < 1 }
        var large = scaled.indices.filter { scaled[$0] >= 1 }
        while let s = small.popLast(), let l = large.popLast() {
            accept[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 { small.append(l) } else { large.append(l) }
        }
        // Left-overs are 1 up to rounding: always accepted.
        self.accept = accept
        self.alias = alias
    }

    /// Zipf's law over `count` ranks: weight of rank r (0-based) ∝ 1 / (r + 1)^exponent.
    static func zipf(count: Int, exponent: Double) -> AliasSampler {
        AliasSampler(weights: (0..<count).map { 1 / pow(Double($0 + 1), exponent) })
    }

    var count: Int { accept.count }

    func draw(_ random: inout Xoshiro256StarStar) -> Int {
        let slot = Int(random.next() % UInt64(accept.count))
        return random.nextUniform() < accept[slot] ? slot : Int(alias[slot])
    }
}

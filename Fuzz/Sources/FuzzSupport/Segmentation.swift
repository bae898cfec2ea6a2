/// How a fuzz input's stream is cut into the chunks a connection would deliver, chosen by one
/// control byte so that libFuzzer can explore splits as it explores bytes.
///
/// Bits 0–2 pick the pattern: whole (0), fixed chunks of 1, 2, 3, 5, 8 or 13 bytes (1–6), or
/// pseudo-random chunks of 1…16 bytes (7) seeded by bits 3–7. A decoder's output must not depend
/// on the pattern.
public struct Segmentation: Sendable, CustomStringConvertible {
    /// The fixed chunk sizes of patterns 1–6, in bytes: small primes and Fibonacci numbers so
    /// that chunk edges fall at every offset of a 4-byte length and an 8-byte header.
    static let fixedSizes = [1, 2, 3, 5, 8, 13]
    /// Largest chunk of the pseudo-random pattern, in bytes.
    static let maxRandomChunk: UInt64 = 16

    private enum Pattern {
        case whole
        case fixed(Int)
        case random(seed: UInt64)
    }

    private let pattern: Pattern

    /// The pattern a control byte names.
    public init(controlByte: UInt8) {
        switch Int(controlByte & 0x07) {
        case 0: pattern = .whole
        case let index where index <= Self.fixedSizes.count: pattern = .fixed(Self.fixedSizes[index - 1])
        default: pattern = .random(seed: UInt64(controlByte >> 3))
        }
    }

    /// Whole-stream delivery: the reference every other pattern is compared with.
    public static let whole = Segmentation(controlByte: 0)

    /// Chunk sizes covering exactly `count` bytes (none for 0 bytes).
    public func chunkSizes(total count: Int) -> [Int] {
        var sizes: [Int] = []
        var left = count
        // SplitMix64: a fixed, dependency-free generator, so a saved crash replays identically.
        // Written out here rather than shared with the tests' copy (PodsimTestSupport): this
        // package sees only the root package's products, and test support is not one.
        var state: UInt64
        if case .random(let seed) = pattern { state = seed } else { state = 0 }
        while left > 0 {
            let size: Int
            switch pattern {
            case .whole: size = left
            case .fixed(let chunk): size = min(chunk, left)
            case .random:
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                size = min(Int(z % Self.maxRandomChunk) + 1, left)
            }
            sizes.append(size)
            left -= size
        }
        return sizes
    }

    public var description: String {
        switch pattern {
        case .whole: "whole"
        case .fixed(let chunk): "chunks of \(chunk)"
        case .random(let seed): "random chunks (seed \(seed))"
        }
    }
}

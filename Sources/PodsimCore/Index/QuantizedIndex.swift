import CPodsimKernels
import Foundation

/// A quarter-size int8 copy of a `VectorIndex`, scanned first; the best candidates are then
/// rescored exactly from the Float vectors.
///
/// Quantization: dimension j has one scale sⱼ = max over rows |x_ij| / 127, and x_ij is stored
/// as the code c_ij = round(x_ij / sⱼ) in −127…127 (`stride` bytes per row: `dimensions`
/// rounded up to 16, zero-padded). Scaling per dimension matters for LSA vectors: the leading
/// dimensions carry values near 1, the trailing ones a few hundredths, and one scale for all
/// would leave the trailing ones a handful of levels. A query q is folded with the scales,
/// wⱼ = qⱼ·sⱼ, and rounded to Int16 mⱼ = round(wⱼ / t) with t = max |wⱼ| / 32767, so that
/// Σⱼ qⱼ·x_ij ≈ t·Σⱼ mⱼ·c_ij: integer multiply-adds (SSE2 `pmaddwd`), exact and in any order.
/// 127 · 32767 · 128 dimensions < 2³¹, so the Int32 sums cannot overflow.
///
/// The scan reads 128 MB instead of 512 MB at 1M × 128. Approximate scores can misorder
/// candidates that are within quantization error of each other, so the `rescoreCount(k:)` best
/// are rescored with `DotProduct` and the top k of those returned: scores, ties and filters are
/// exactly the plain path's; only a row that the int8 scan ranked below all R candidates but
/// whose exact score belongs in the top k is missed — recall@10 is measured by `podsim bench`.
public final class QuantizedIndex: @unchecked Sendable {
    // @unchecked: `codes` is written once in init and only read afterwards.

    /// The Float index: rescoring reads it, and it answers `vector`, `score`, `scores`.
    public let exact: VectorIndex
    /// Bytes per row of codes: `dimensions` rounded up to a whole 16-byte SIMD step.
    public let stride: Int
    /// Per-dimension scale sⱼ (value of code 1), `dimensions` of them.
    public let scales: [Float]
    private let codes: UnsafeMutableBufferPointer<Int8>

    public var count: Int { exact.count }
    public var dimensions: Int { exact.dimensions }
    /// Heap bytes of the codes (count × stride).
    public var codeBytes: Int { codes.count }

    /// Quantizes `index`: two passes over its vectors (scales, then codes), split across
    /// `threads` threads, 16 dimensions at a time. About 0.15 s per million 128-dimension rows on
    /// the project's machine (one thread per core, both passes memory-bound).
    public init(_ index: VectorIndex, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        exact = index
        let d = index.dimensions
        stride = DotProduct.paddedCount(d)
        let rows = 0..<index.count
        let scales = index.withUnsafeVectors { buffer in
            nonisolated(unsafe) let vectors = buffer  // read-only while the parts run
            return ParallelScan.run(rows, parts: threads) { part in
                Int8Codes.largestMagnitudes(vectors, dimensions: d, rows: part)
            }
            .reduce([Float](repeating: 0, count: d)) { zip($0, $1).map { max($0, $1) } }
            .map { $0 / 127 }
        }
        self.scales = scales
        let codes = UnsafeMutableBufferPointer<Int8>.allocate(capacity: index.count * stride)
        codes.initialize(repeating: 0)
        let stride = self.stride
        let inverse = scales.map { $0 > 0 ? 1 / $0 : 0 }  // a dimension that is 0 everywhere codes as 0
        nonisolated(unsafe) let target = codes
        index.withUnsafeVectors { buffer in
            nonisolated(unsafe) let vectors = buffer
            // Each part writes only its own rows' codes.
            _ = ParallelScan.run(rows, parts: threads) { part in
                Int8Codes.encode(vectors, dimensions: d, rows: part, inverseScales: inverse, into: target, stride: stride)
            }
        }
        self.codes = codes
    }

    deinit { codes.deallocate() }

    /// The top `k` rows for `query`, best first, ties by row, `isAllowed` honoured — like
    /// `VectorIndex.search`, from the int8 scan plus exact rescoring of `options.rescoreCount(k:)`
    /// candidates. Threads as `options.exactPath` says for an exact scan of this size.
    public func search(
        _ query: [Float], k: Int, where isAllowed: RowFilter? = nil, options: SearchOptions = .standard
    ) -> [ScoredRow] {
        exact.checkDimensions(query)
        let k = min(k, count)
        guard k > 0 else { return [] }
        let keep = min(count, options.rescoreCount(k: k))
        let scaled = scaledQuery(query)
        let pool = scaled.levels.withUnsafeBytes { levels in
            let kernel = Int8RowScoring(
                query: levels.baseAddress!, codes: UnsafePointer(codes.baseAddress!), stride: stride, scale: scaled.step,
                kernel: options.kernel)
            let scan = { @Sendable (rows: Range<Int>) -> RescoringPool in
                var pool = RescoringPool(keep: keep)
                RowScan.scan(kernel, rows: rows, where: isAllowed, into: &pool)
                return pool
            }
            guard case .threads(let threads) = options.exactPath(rows: count) else { return scan(0..<count) }
            let parts = ParallelScan.run(0..<count, parts: threads, scan)
            return parts.dropFirst().reduce(into: parts[0]) { $0.merge($1) }
        }
        let exactQuery = ScanQuery(query)
        return pool.finish(k: k) { exact.exactScores(exactQuery, rows: $0, kernel: options.kernel) }
    }

    /// The query folded with the scales and rounded to Int16 levels (zero-padded to `stride`),
    /// and the step t that turns an integer dot product back into a score.
    func scaledQuery(_ query: [Float]) -> (levels: [Int16], step: Float) {
        let folded = zip(query, scales).map { $0 * $1 }
        let largest = folded.reduce(Float(0)) { max($0, abs($1)) }
        var levels = [Int16](repeating: 0, count: stride)
        guard largest > 0 else { return (levels, 0) }
        let step = largest / Float(Int16.max)
        for (j, value) in folded.enumerated() {
            levels[j] = Int16(max(-Float(Int16.max), min(Float(Int16.max), (value / step).rounded())))
        }
        return (levels, step)
    }

    /// Codes of row `row` (tests).
    func codes(ofRow row: Int) -> [Int8] {
        Array(codes[(row * stride)..<((row + 1) * stride)])
    }
}

/// The int8 kernel: t · Σⱼ mⱼ·c_ij for each row, with Int16 query levels and Int8 codes — SSE2
/// `pmaddwd`, or its AVX2 / AVX-512BW forms (`ScanKernel`); the Int32 sums are exact, so every
/// level gives the same scores.
struct Int8RowScoring: RowScoring, @unchecked Sendable {
    // @unchecked: it only reads memory nobody writes while a scan runs.
    let query: UnsafePointer<Int16>
    let codes: UnsafePointer<Int8>
    let stride: Int
    let scale: Float
    let kernel: podsim_int8_rows_fn

    init(query: UnsafeRawPointer, codes: UnsafePointer<Int8>, stride: Int, scale: Float, kernel: ScanKernel) {
        self.query = query.assumingMemoryBound(to: Int16.self)
        self.codes = codes
        self.stride = stride
        self.scale = scale
        self.kernel = kernel.int8Rows
    }

    @inline(__always)
    func score(rows: UnsafePointer<Int>, count: Int, into scores: UnsafeMutablePointer<Float>) {
        kernel(query, codes, stride, scale, rows, count, scores)
    }
}

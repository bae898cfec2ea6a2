import Foundation

/// How a query scans the index: which path by size, how many threads, and whether the int8
/// quantized scan is used. Every exact path returns the same answer; only the quantized one may
/// differ (rarely — its recall is measured by `podsim bench scan`).
public struct SearchOptions: Sendable, Equatable {
    /// Below this many rows a query takes the plain reference loop, whose setup is nil; from it
    /// on, the SIMD scan. Default 16 rows: the scan was faster for whole SIMILARs from 30 rows
    /// at 24 dimensions (the seed model) and 2–2.8× faster from 300 rows at 128 (AVX2, December
    /// 2026; docs/PERFORMANCE.md). It was 4,096 while the scan read a row's last Floats one by one.
    public var plainBelow: Int
    /// From this many rows one query is split across `threads` threads. Default 262,144 rows
    /// (128 MB at 128 dimensions: below it thread start-up eats much of the gain).
    public var parallelFrom: Int
    /// Threads one query may use. Default: the active processor count (2 on the project's
    /// machines). 1 keeps every query on its caller's thread — right for a server already busy
    /// with as many concurrent queries as cores.
    public var threads: Int
    /// From this many rows a query takes the int8 quantized scan with exact rescoring; nil never.
    /// Default nil: the codes are built when the recommender is made (a pass over the vectors;
    /// docs/PERFORMANCE.md has the time), which a one-shot command never earns back. `.serving`
    /// sets 524,288 rows.
    public var quantizedFrom: Int?
    /// Candidates the quantized scan keeps for exact rescoring, per result asked for. Default 8.
    public var rescorePerResult: Int
    /// …and at least this many. Default 128.
    public var rescoreMinimum: Int
    /// From this many queries `VectorIndex.search(batch:)` scores them all in one pass over the
    /// rows; fewer take one scan each. Default 2: two queries in one pass already read the rows
    /// once instead of twice (the scan is bound by memory).
    public var batchFrom: Int
    /// The kernels every scan uses. Default `ScanKernel.best`: the widest this CPU runs (all give
    /// the same scores; a lower one is for comparing them).
    public var kernel: ScanKernel
    /// How a model's HNSW graph index, when it has one, answers queries (`GraphSearchOptions`).
    public var graph = GraphSearchOptions()

    public init(
        plainBelow: Int = 16, parallelFrom: Int = 262_144,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, quantizedFrom: Int? = nil,
        rescorePerResult: Int = 8, rescoreMinimum: Int = 128, batchFrom: Int = 2, kernel: ScanKernel = .best
    ) {
        self.plainBelow = plainBelow
        self.parallelFrom = parallelFrom
        self.threads = max(1, threads)
        self.quantizedFrom = quantizedFrom
        self.rescorePerResult = max(1, rescorePerResult)
        self.rescoreMinimum = max(0, rescoreMinimum)
        self.batchFrom = max(1, batchFrom)
        self.kernel = kernel
    }

    /// The defaults above: exact scans only, so answers are identical to the plain loop.
    public static let standard = SearchOptions()

    /// Exact scans only, whatever the defaults become: no int8 codes and no HNSW graph, so every
    /// answer is the plain loop's. (A model's graph answered under `.exact` until 3 December
    /// 2026: `serve --exact` on a model built with a graph was approximate.)
    public static let exact: SearchOptions = {
        var options = SearchOptions(quantizedFrom: nil)
        options.graph.enabled = false
        return options
    }()

    /// For a long-running server: the defaults, plus the int8 scan with exact rescoring from
    /// 524,288 rows (its speed-up and recall are measured by `podsim bench scan` and reported in
    /// docs/PERFORMANCE.md), its codes built once when the model loads.
    public static let serving = SearchOptions(quantizedFrom: 524_288)

    /// The exact path a query over `rows` rows takes.
    public func exactPath(rows: Int) -> ExactPath {
        if rows < plainBelow { return .plain }
        if rows >= parallelFrom && threads > 1 { return .threads(threads) }
        return .simd
    }

    /// Whether an index of `rows` rows is searched through its quantized codes.
    public func usesQuantized(rows: Int) -> Bool {
        quantizedFrom.map { rows >= $0 } ?? false
    }

    /// Candidates rescored exactly for a top-`k` quantized query.
    public func rescoreCount(k: Int) -> Int {
        max(rescoreMinimum, rescorePerResult * k)
    }
}

/// One of the exact scan paths, all giving the same answer (tested against each other).
public enum ExactPath: Sendable, Equatable, CustomStringConvertible {
    /// The reference: a scalar loop in `DotProduct`'s canonical summation order.
    case plain
    /// 16-lane SIMD kernel over interleaved row streams, one thread.
    case simd
    /// The SIMD scan split across this many threads.
    case threads(Int)

    public var description: String {
        switch self {
        case .plain: "plain"
        case .simd: "simd"
        case .threads(let count): "simd×\(count) threads"
        }
    }
}

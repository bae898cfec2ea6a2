import Foundation
import PodsimCore

/// The search paths a scan benchmark times, by the names `bench scan --json` prints.
public enum ScanPath: String, CaseIterable, Sendable, Hashable {
    /// The plain reference loop, one thread.
    case plain
    /// The exact SIMD scan, one thread.
    case exact
    /// The exact SIMD scan on every benchmark thread.
    case exactThreads = "exact_threads"
    /// A batch of queries in one pass over the rows (`VectorIndex.search(batch:)`), time per query.
    case batch
    /// The int8 scan with exact f32 rescoring of its candidates, one thread.
    case int8
    /// The int8 scan with rescoring on every benchmark thread.
    case int8Threads = "int8_threads"
    /// `exact` and `int8` with the kernels of a lower level than `ScanKernel.best` (timed only
    /// when the CPU runs a higher one): what the choice at run time gains.
    case exactBaseline = "exact_baseline"
    case exactAVX2 = "exact_avx2"
    case int8Baseline = "int8_baseline"
    case int8AVX2 = "int8_avx2"
    /// The HNSW graph index (`GraphIndex`) with exact rescoring of its candidates, one thread
    /// (timed when the benchmark has a graph).
    case ann

    /// `exact` with `kernel`'s kernels (`exact` itself for the top level, AVX-512).
    public static func exact(_ kernel: ScanKernel) -> ScanPath {
        switch kernel {
        case .baseline: .exactBaseline
        case .avx2: .exactAVX2
        case .avx512: .exact
        }
    }

    /// `int8` with `kernel`'s kernels (`int8` itself for the top level, AVX-512).
    public static func int8(_ kernel: ScanKernel) -> ScanPath {
        switch kernel {
        case .baseline: .int8Baseline
        case .avx2: .int8AVX2
        case .avx512: .int8
        }
    }

    /// How the text report names the path.
    public func label(threads: Int) -> String {
        let threads = threads == 1 ? "1 thread" : "\(threads) threads"
        return switch self {
        case .plain: "exact plain loop, 1 thread"
        case .exact: "exact SIMD scan, 1 thread"
        case .exactThreads: "exact SIMD scan, \(threads)"
        case .batch: "batch in one pass, per query"
        case .int8: "int8 scan + rescoring, 1 thread"
        case .int8Threads: "int8 scan + rescoring, \(threads)"
        case .exactBaseline: "exact SIMD scan, 1 thread, baseline kernel"
        case .exactAVX2: "exact SIMD scan, 1 thread, AVX2 kernel"
        case .int8Baseline: "int8 scan + rescoring, 1 thread, baseline kernel"
        case .int8AVX2: "int8 scan + rescoring, 1 thread, AVX2 kernel"
        case .ann: "HNSW graph + rescoring, 1 thread"
        }
    }
}

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
    /// One `sgemm` over a batch of queries, time per query.
    case batch
    /// The int8 scan with exact f32 rescoring of its candidates, one thread.
    case int8
    /// The int8 scan with rescoring on every benchmark thread.
    case int8Threads = "int8_threads"

    /// How the text report names the path.
    public func label(threads: Int) -> String {
        let threads = threads == 1 ? "1 thread" : "\(threads) threads"
        return switch self {
        case .plain: "exact plain loop, 1 thread"
        case .exact: "exact SIMD scan, 1 thread"
        case .exactThreads: "exact SIMD scan, \(threads)"
        case .batch: "sgemm batch, per query"
        case .int8: "int8 scan + rescoring, 1 thread"
        case .int8Threads: "int8 scan + rescoring, \(threads)"
        }
    }
}

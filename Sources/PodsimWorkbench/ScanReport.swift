import Foundation
import PodsimCore

/// What `ScanBenchmark.run` measured: medians in seconds (per query for every path).
public struct ScanReport: Sendable {
    /// One path's median time per query and its recall@k against the exact answer.
    public struct PathResult: Sendable {
        public var path: ScanPath
        public var seconds: Double
        /// Share of the exact top k the path returned: over the timed queries for the exact
        /// paths (1 unless they disagree), over every query for the int8 paths.
        public var recall: Double
    }

    public var rows: Int
    public var dimensions: Int
    public var k: Int
    /// Sizes of the bandwidth probes: 1 GiB and the vectors' own size.
    public var probeBytes: [Int]
    /// Median seconds of each bandwidth probe, by probe name.
    public var bandwidthMedians: [String: Double]
    /// The measured paths in `ScanPath` order.
    public var paths: [PathResult]
    public var repetitions: Int
    public var threads: Int
    public var batchSize: Int
    public var quantizeSeconds: Double
    public var codeBytes: Int
    /// Answers of the exact paths (plain, threads, batch) that differed from the SIMD path's:
    /// must be 0.
    public var exactPathsDisagreed: Int
    /// The graph path over every query at each swept candidate list size.
    public var annSweep: [SweepPoint] = []
    /// The candidate list size (ef) of the `ann` path.
    public var annEF: Int = 0

    /// One ef of the graph sweep: median seconds of one query (each query timed once) and recall@k.
    public struct SweepPoint: Sendable {
        public var ef: Int
        public var medianSeconds: Double
        public var recall: Double
    }

    public var vectorBytes: Int { rows * dimensions * MemoryLayout<Float>.size }

    /// The name a probe's median is filed under.
    public static func probeName(bytes: Int, streamed: Bool) -> String {
        String(format: "read %.0f MB, %@", Double(bytes) / 1e6, streamed ? "8 streams" : "sequential")
    }

    /// One thread's read bandwidth in bytes per second, by probe name.
    public var bandwidths: [(name: String, bytesPerSecond: Double)] {
        probeBytes.flatMap { bytes in
            [false, true].compactMap { streamed in
                let name = Self.probeName(bytes: bytes, streamed: streamed)
                return bandwidthMedians[name].map { (name, Double(bytes) / $0) }
            }
        }
    }

    /// The best bandwidth any probe reached: the strictest yardstick.
    public var bandwidth: Double { bandwidths.map(\.bytesPerSecond).max() ?? .nan }

    /// Seconds to read the vectors once at `bandwidth`: the floor of an exact scan.
    public var vectorReadSeconds: Double { Double(vectorBytes) / bandwidth }

    /// The median of `path`, if it was measured.
    public func seconds(_ path: ScanPath) -> Double? { paths.first { $0.path == path }?.seconds }
}

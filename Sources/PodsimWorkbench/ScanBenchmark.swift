import Foundation
import PodsimCore

/// Times every search path over one index side by side in one run — the machines are shared and
/// noisy, so only ratios measured together mean much — and checks that the paths agree.
///
/// Each repetition runs, in this order: the bandwidth probes, then one query on each path
/// (plain, SIMD, threads, quantized on one and on all threads, then the exact and quantized scans
/// with each lower `ScanKernel` level this CPU runs) and one batch through `sgemm`. With
/// `threads` 1 the all-threads paths are left out (they would repeat the one-thread ones).
/// Medians over repetitions are reported. Recall@k of every path is measured against the first
/// exact answer of each repetition; that of the quantized path also over all `queries`.
public struct ScanBenchmark {
    public let index: VectorIndex
    public let queries: [[Float]]
    public var k = 10
    /// Threads for the threaded paths. Default: the active processor count.
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    /// Queries per `sgemm` batch. Default 64.
    public var batchSize = 64
    /// Whether to time the plain loop (about 4× the SIMD scan: skip it for quick runs).
    public var includePlain = true
    /// Options of the quantized path (rescoring counts).
    public var options = SearchOptions.standard

    public init(index: VectorIndex, queries: [[Float]]) {
        precondition(!queries.isEmpty, "a scan benchmark needs at least one query")
        self.index = index
        self.queries = queries
    }

    /// Runs the comparison. `probeBytes` sizes the beyond-cache bandwidth probe (tests use less).
    public func run(
        repetitions: Int, probeBytes: Int = MemoryBandwidth.probeBytes, progress: ((String) -> Void)? = nil
    ) throws -> ScanReport {
        progress?("quantizing \(index.count) rows")
        let quantizeStart = DispatchTime.now().uptimeNanoseconds
        let quantized = QuantizedIndex(index, threads: threads)
        let quantizeSeconds = Self.seconds(since: quantizeStart)
        // Two yardsticks: 1 GiB, beyond every cache (DRAM bandwidth), and exactly the vectors'
        // size, which is what "reading the vectors" costs here — on a CPU whose last-level cache
        // is nearly as large as the vectors (480 MB on the project's Xeon), part of that comes
        // from the cache, and a scan must be held to the same advantage.
        let probes = [MemoryBandwidth(bytes: probeBytes), MemoryBandwidth(bytes: index.count * index.dimensions * MemoryLayout<Float>.size)]
        let oneThread = SearchOptions(parallelFrom: .max, threads: 1, rescorePerResult: options.rescorePerResult, rescoreMinimum: options.rescoreMinimum)
        let allThreads = SearchOptions(parallelFrom: 0, threads: threads, rescorePerResult: options.rescorePerResult, rescoreMinimum: options.rescoreMinimum)
        var samples: [String: [Double]] = [:]
        var found: [String: Int] = [:]
        var disagreements = 0
        let lowerKernels = ScanKernel.available.filter { $0 != ScanKernel.best }
        for repetition in 0..<repetitions {
            progress?("repetition \(repetition + 1) of \(repetitions)")
            let query = queries[repetition % queries.count]
            for probe in probes {
                samples[ScanReport.probeName(bytes: probe.bytes, streamed: false), default: []].append(probe.sequentialPass())
                samples[ScanReport.probeName(bytes: probe.bytes, streamed: true), default: []].append(probe.streamedPass())
            }
            var answers: [[ScoredRow]] = []
            func timed(_ name: String, _ body: () throws -> [ScoredRow]) rethrows {
                let start = DispatchTime.now().uptimeNanoseconds
                let answer = try body()
                samples[name, default: []].append(Self.seconds(since: start))
                if answers.isEmpty { answers.append(answer) }
                let reference = Set(answers[0].map(\.row))
                found[name, default: 0] += answer.filter { reference.contains($0.row) }.count
                if !name.hasPrefix("int8") && answer != answers[0] { disagreements += 1 }
            }
            if includePlain { timed(ScanReport.plain) { index.search(query, k: k, path: .plain) } }
            timed(ScanReport.simd) { index.search(query, k: k, path: .simd) }
            if threads > 1 { timed(ScanReport.threaded) { index.search(query, k: k, path: .threads(threads)) } }
            timed(ScanReport.quantized) { quantized.search(query, k: k, options: oneThread) }
            if threads > 1 { timed(ScanReport.quantizedThreaded) { quantized.search(query, k: k, options: allThreads) } }
            for kernel in lowerKernels {
                timed(ScanReport.simd(kernel)) { index.search(query, k: k, path: .simd, kernel: kernel) }
                var options = oneThread
                options.kernel = kernel
                timed(ScanReport.quantized(kernel)) { quantized.search(query, k: k, options: options) }
            }
            let batch = (0..<batchSize).map { queries[(repetition + $0) % queries.count] }
            let start = DispatchTime.now().uptimeNanoseconds
            let batchAnswers = try index.search(batch: batch, k: k, options: SearchOptions(batchFrom: 1))
            samples[ScanReport.batch, default: []].append(Self.seconds(since: start) / Double(batchSize))
            if batchAnswers[0] != answers[0] { disagreements += 1 }
            let reference = Set(answers[0].map(\.row))
            found[ScanReport.batch, default: 0] += batchAnswers[0].filter { reference.contains($0.row) }.count
        }
        progress?("recall@\(k) of the quantized path over \(queries.count) queries")
        var quantizedFound = 0
        for query in queries {
            let exact = Set(index.search(query, k: k, path: .threads(threads)).map(\.row))
            quantizedFound += quantized.search(query, k: k, options: allThreads).filter { exact.contains($0.row) }.count
        }
        let answerSize = Double(min(k, index.count))
        return ScanReport(
            rows: index.count, dimensions: index.dimensions, probeBytes: probes.map(\.bytes),
            medians: samples.mapValues(Self.median), repetitions: repetitions, threads: threads,
            batchSize: batchSize, quantizeSeconds: quantizeSeconds, codeBytes: quantized.codeBytes,
            recall: Double(quantizedFound) / (answerSize * Double(queries.count)),
            recalls: found.mapValues { Double($0) / (answerSize * Double(repetitions)) }, exactPathsDisagreed: disagreements)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

/// What `ScanBenchmark.run` measured: medians in seconds (per query for every path).
public struct ScanReport: Sendable {
    public static let plain = "exact plain loop, 1 thread"
    public static let simd = "exact SIMD scan, 1 thread"
    public static let threaded = "exact SIMD scan, all threads"
    public static let quantized = "int8 scan + rescoring, 1 thread"
    public static let quantizedThreaded = "int8 scan + rescoring, all threads"
    public static let batch = "sgemm batch, per query"
    /// The one-thread exact and int8 scans with a lower kernel level than `ScanKernel.best`.
    public static func simd(_ kernel: ScanKernel) -> String { "exact SIMD scan, 1 thread, \(kernel) kernel" }
    public static func quantized(_ kernel: ScanKernel) -> String { "int8 scan + rescoring, 1 thread, \(kernel) kernel" }

    /// Short names for machine-readable output (`podsim bench scan --json`).
    public static func key(_ name: String) -> String {
        let keys = [plain: "plain", simd: "exact", threaded: "exact-threads", quantized: "int8",
                    quantizedThreaded: "int8-threads", batch: "sgemm-batch"]
        if let key = keys[name] { return key }
        for kernel in ScanKernel.allCases {
            if name == simd(kernel) { return "exact-\(kernel)" }
            if name == quantized(kernel) { return "int8-\(kernel)" }
        }
        return name
    }

    public var rows: Int
    public var dimensions: Int
    /// Sizes of the bandwidth probes: 1 GiB and the vectors' own size.
    public var probeBytes: [Int]
    /// Median seconds by measurement name (the names above and the two bandwidth probes).
    public var medians: [String: Double]
    public var repetitions: Int
    public var threads: Int
    public var batchSize: Int
    public var quantizeSeconds: Double
    public var codeBytes: Int
    /// Share of the exact top k that the quantized path returned, over all queries.
    public var recall: Double
    /// Share of the exact top k each path returned over the timed repetitions, by name.
    public var recalls: [String: Double]
    /// Answers of the exact paths (SIMD, threads, batch) that differed from the first exact one:
    /// must be 0.
    public var exactPathsDisagreed: Int

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
                return medians[name].map { (name, Double(bytes) / $0) }
            }
        }
    }

    /// The best bandwidth any probe reached: the strictest yardstick.
    public var bandwidth: Double { bandwidths.map(\.bytesPerSecond).max() ?? .nan }

    /// Seconds to read the vectors once at `bandwidth`: the floor of an exact scan.
    public var vectorReadSeconds: Double { Double(vectorBytes) / bandwidth }

    /// The measured paths in a stable order, with their medians.
    public var paths: [(name: String, seconds: Double)] {
        let kernels = ScanKernel.allCases.flatMap { [Self.simd($0), Self.quantized($0)] }
        return ([Self.plain, Self.simd, Self.threaded, Self.quantized, Self.quantizedThreaded] + kernels + [Self.batch])
            .compactMap { name in medians[name].map { (name, $0) } }
    }
}

import Foundation
import PodsimCore

/// Times every search path over one index side by side in one run — the machines are shared and
/// noisy, so only ratios measured together mean much — and checks that the paths agree.
///
/// Each repetition runs, in this order: the bandwidth probes, then one query on each path
/// (plain, SIMD, threads, quantized on one and on all threads), one batch in one pass over the rows, and
/// the exact and int8 scans once more with each `ScanKernel` level below the best this CPU runs
/// (what the kernels chosen at run time gain). Medians over repetitions are reported. Recall@k of
/// the quantized path is measured over all `queries` against the exact answer.
public struct ScanBenchmark {
    public let index: VectorIndex
    public let queries: [[Float]]
    public var k = 10
    /// Threads for the threaded paths. Default: the active processor count.
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    /// Queries per batch. Default 8: about what a busy server gathers (6.4 a batch at 16
    /// connections, docs/PERFORMANCE.md).
    public var batchSize = 8
    /// Whether to time the plain loop (about 4× the SIMD scan: skip it for quick runs).
    public var includePlain = true
    /// Options of the quantized path (rescoring counts) and of the graph path (`options.graph.ef`).
    public var options = SearchOptions.standard
    /// The graph index over `index`, when the `ann` path is to be timed.
    public var graph: GraphIndex?
    /// Candidate-list sizes (ef) at which the graph is also measured over every query.
    public var sweepEF: [Int] = []

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
        // is nearly as large as the vectors, part of that comes from the cache, and a scan must be
        // held to the same advantage.
        let probes = [MemoryBandwidth(bytes: probeBytes), MemoryBandwidth(bytes: index.count * index.dimensions * MemoryLayout<Float>.size)]
        let oneThread = SearchOptions(parallelFrom: .max, threads: 1, rescorePerResult: options.rescorePerResult, rescoreMinimum: options.rescoreMinimum)
        let allThreads = SearchOptions(parallelFrom: 0, threads: threads, rescorePerResult: options.rescorePerResult, rescoreMinimum: options.rescoreMinimum)
        var samples: [String: [Double]] = [:]
        var found: [ScanPath: Int] = [:]
        var disagreements = 0
        let lowerKernels = ScanKernel.available.filter { $0 != ScanKernel.best }
        for repetition in 0..<repetitions {
            progress?("repetition \(repetition + 1) of \(repetitions)")
            let query = queries[repetition % queries.count]
            for probe in probes {
                samples[ScanReport.probeName(bytes: probe.bytes, streamed: false), default: []].append(probe.sequentialPass())
                samples[ScanReport.probeName(bytes: probe.bytes, streamed: true), default: []].append(probe.streamedPass())
            }
            var answers: [(ScanPath, [ScoredRow])] = []
            func timed(_ path: ScanPath, _ body: () throws -> [ScoredRow]) rethrows {
                let start = DispatchTime.now().uptimeNanoseconds
                let answer = try body()
                samples[path.rawValue, default: []].append(Self.seconds(since: start))
                answers.append((path, answer))
            }
            if includePlain { timed(.plain) { index.search(query, k: k, path: .plain) } }
            timed(.exact) { index.search(query, k: k, path: .simd) }
            timed(.exactThreads) { index.search(query, k: k, path: .threads(threads)) }
            for kernel in lowerKernels {
                timed(.exact(kernel)) { index.search(query, k: k, path: .simd, kernel: kernel) }
            }
            let batch = (0..<batchSize).map { queries[(repetition + $0) % queries.count] }
            let start = DispatchTime.now().uptimeNanoseconds
            let batchAnswers = index.search(batch: batch, k: k, options: SearchOptions(batchFrom: 1))
            samples[ScanPath.batch.rawValue, default: []].append(Self.seconds(since: start) / Double(batchSize))
            answers.append((.batch, batchAnswers[0]))
            // Every exact path must return the reference answer bit for bit (one summation order).
            let reference = answers.first { $0.0 == .exact }!.1
            let wanted = Set(reference.map(\.row))
            for (path, answer) in answers {
                if answer != reference { disagreements += 1 }
                found[path, default: 0] += answer.filter { wanted.contains($0.row) }.count
            }
            if let graph { timed(.ann) { graph.search(query, k: k, options: options) } }
            timed(.int8) { quantized.search(query, k: k, options: oneThread) }
            timed(.int8Threads) { quantized.search(query, k: k, options: allThreads) }
            for kernel in lowerKernels {
                var options = oneThread
                options.kernel = kernel
                timed(.int8(kernel)) { quantized.search(query, k: k, options: options) }
                found[.int8(kernel), default: 0] += answers.last!.1.filter { wanted.contains($0.row) }.count
            }
        }
        var recall: [ScanPath: Double] = [:]
        let perRepetition = Double(min(k, index.count) * repetitions)
        for (path, count) in found { recall[path] = Double(count) / perRepetition }
        // The int8 paths are approximate: their recall is measured over every query, not only the
        // ones timed.
        progress?("recall@\(k) of the int8 paths over \(queries.count) queries")
        var int8Found = 0, int8ThreadsFound = 0, annFound = 0
        let truths = queries.map { Set(index.search($0, k: k, path: .threads(threads)).map(\.row)) }
        for (query, exact) in zip(queries, truths) {
            int8Found += quantized.search(query, k: k, options: oneThread).filter { exact.contains($0.row) }.count
            int8ThreadsFound += quantized.search(query, k: k, options: allThreads).filter { exact.contains($0.row) }.count
            if let graph { annFound += graph.search(query, k: k, options: options).filter { exact.contains($0.row) }.count }
        }
        let perQuery = Double(min(k, index.count) * queries.count)
        recall[.int8] = Double(int8Found) / perQuery
        recall[.int8Threads] = Double(int8ThreadsFound) / perQuery
        if graph != nil { recall[.ann] = Double(annFound) / perQuery }
        let sweepPoints = graph.map { graph in sweepEF.map { self.sweep(graph, ef: $0, truths: truths, progress: progress) } } ?? []
        let medians = samples.mapValues(Self.median)
        let paths = ScanPath.allCases.compactMap { path in
            medians[path.rawValue].map { ScanReport.PathResult(path: path, seconds: $0, recall: recall[path] ?? .nan) }
        }
        return ScanReport(
            rows: index.count, dimensions: index.dimensions, k: k, probeBytes: probes.map(\.bytes),
            bandwidthMedians: medians.filter { ScanPath(rawValue: $0.key) == nil }, paths: paths,
            repetitions: repetitions, threads: threads, batchSize: batchSize, quantizeSeconds: quantizeSeconds,
            codeBytes: quantized.codeBytes, exactPathsDisagreed: disagreements, annSweep: sweepPoints, annEF: options.graph.ef(rows: index.count))
    }

    /// The graph at candidate list `ef`: every query timed once (median) and its recall@k.
    func sweep(_ graph: GraphIndex, ef: Int, truths: [Set<Int>], progress: ((String) -> Void)?) -> ScanReport.SweepPoint {
        progress?("graph at ef \(ef) over \(queries.count) queries")
        var options = self.options
        options.graph.ef = ef
        _ = graph.search(queries[0], k: k, options: options)  // first touch
        var times: [Double] = []
        var found = 0
        for (query, exact) in zip(queries, truths) {
            let start = DispatchTime.now().uptimeNanoseconds
            let answer = graph.search(query, k: k, options: options)
            times.append(Self.seconds(since: start))
            found += answer.filter { exact.contains($0.row) }.count
        }
        return ScanReport.SweepPoint(ef: ef, medianSeconds: Self.median(times), recall: Double(found) / Double(min(k, index.count) * queries.count))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

import PodsimCore
import Testing

@testable import PodsimWorkbench

/// The side-by-side report runs every path and checks agreement; its timings are not asserted.
@Suite struct ScanBenchmarkTests {
    @Test func reportCoversEveryPathAndFindsNoDisagreement() throws {
        let index = VectorIndex(normalizing: SyntheticVectors.clustered(count: 3_000, dimensions: 32, seed: 41), dimensions: 32)
        var benchmark = ScanBenchmark(index: index, queries: (0..<6).map { index.vector($0 * 499) })
        benchmark.batchSize = 5
        benchmark.threads = 2
        let report = try benchmark.run(repetitions: 3, probeBytes: 1 << 20)
        #expect(report.exactPathsDisagreed == 0)
        let lowerKernels = ScanKernel.available.dropLast()
        #expect(report.paths.map(\.name) == [
            ScanReport.plain, ScanReport.simd, ScanReport.threaded, ScanReport.quantized, ScanReport.quantizedThreaded,
        ] + lowerKernels.flatMap { [ScanReport.simd($0), ScanReport.quantized($0)] } + [ScanReport.batch])
        #expect(report.paths.allSatisfy { $0.seconds > 0 })
        #expect(report.recall > 0.9 && report.recall <= 1)
        for (name, _) in report.paths {
            let recall = report.recalls[name] ?? -1
            #expect(name.hasPrefix("int8") ? recall > 0.9 && recall <= 1 : recall == 1, "\(name)")
        }
        #expect(report.paths.map { ScanReport.key($0.name) }.prefix(5) == ["plain", "exact", "exact-threads", "int8", "int8-threads"])
        #expect(ScanReport.key(ScanReport.simd(.baseline)) == "exact-baseline" && ScanReport.key(ScanReport.batch) == "sgemm-batch")
        #expect(report.probeBytes == [1 << 20, 382_976], "the vectors' 384,000 bytes, rounded down to whole 2 KB")
        #expect(report.bandwidths.count == 4 && report.bandwidth > 0)
        #expect(report.codeBytes == 3_000 * 32)
    }

    @Test func oneThreadLeavesOutTheThreadedPaths() throws {
        let index = VectorIndex(normalizing: SyntheticVectors.clustered(count: 500, dimensions: 16, seed: 42), dimensions: 16)
        var benchmark = ScanBenchmark(index: index, queries: [index.vector(7)])
        benchmark.threads = 1
        benchmark.batchSize = 2
        let report = try benchmark.run(repetitions: 1, probeBytes: 1 << 16)
        #expect(!report.paths.contains { $0.name == ScanReport.threaded || $0.name == ScanReport.quantizedThreaded })
        #expect(report.medians[ScanReport.simd] != nil && report.exactPathsDisagreed == 0)
    }

    @Test func probesRoundToWholeSteps() {
        let probe = MemoryBandwidth(bytes: 100_000)
        #expect(probe.bytes == 98_304, "rounded down to whole 2 KB (8 streams × 256 bytes)")
        #expect(probe.sequentialPass() > 0 && probe.streamedPass() > 0)
    }
}

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
        #expect(report.paths.map(\.path) == [.plain, .exact, .exactThreads, .batch, .int8, .int8Threads])
        #expect(report.paths.allSatisfy { $0.seconds > 0 })
        // The exact paths return the exact answer; the int8 ones nearly always.
        for result in report.paths {
            if [.int8, .int8Threads].contains(result.path) {
                #expect(result.recall > 0.9 && result.recall <= 1)
            } else {
                #expect(result.recall == 1, "\(result.path)")
            }
        }
        #expect(report.probeBytes == [1 << 20, 382_976], "the vectors' 384,000 bytes, rounded down to whole 2 KB")
        #expect(report.bandwidths.count == 4 && report.bandwidth > 0)
        #expect(report.codeBytes == 3_000 * 32)
    }

    @Test func probesRoundToWholeSteps() {
        let probe = MemoryBandwidth(bytes: 100_000)
        #expect(probe.bytes == 98_304, "rounded down to whole 2 KB (8 streams × 256 bytes)")
        #expect(probe.sequentialPass() > 0 && probe.streamedPass() > 0)
    }
}

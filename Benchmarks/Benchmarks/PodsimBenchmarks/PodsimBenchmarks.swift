import Benchmark

/// Every podsim benchmark. `swift package benchmark` (from Benchmarks/) runs them; see README.md.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 100)
    TextBenchmarks.register()
    IndexBenchmarks.register()
    CodecBenchmarks.register()
}

import Benchmark
import PodsimCore

/// Top-10 queries over the seed model (30 episodes) and over 100k and 1M synthetic episodes ×
/// 128 dimensions, on every search path. One scaled iteration is one query (a batch counts each
/// of its queries), so throughput is queries per second.
enum IndexBenchmarks {
    static func register() {
        Benchmark(
            "top-10, seeds (30 × 24), recommender similar",
            configuration: .init(timeUnits: .microseconds, scalingFactor: .kilo),
            closure: { benchmark, recommender in
                let ids = (0..<recommender.model.episodes.count).map(recommender.model.episodes.id)
                for iteration in benchmark.scaledIterations {
                    blackHole(try recommender.similar(to: ids[iteration % ids.count], k: 10))
                }
            },
            setup: { Recommender(model: try PodsimModel(contentsOf: Fixtures.seedModelPath)) })

        for rows in [100_000, 1_000_000] {
            let size = rows == 100_000 ? "100k" : "1M"
            let exact: [(String, ExactPath)] = [("SIMD, 1 thread", .simd), ("SIMD, all threads", .threads(2))]
            for (name, path) in exact {
                Benchmark(
                    "top-10, \(size) × 128, exact \(name)",
                    configuration: .init(maxIterations: 50),
                    closure: { (benchmark: Benchmark, input: (VectorIndex, [[Float]])) in
                        for iteration in benchmark.scaledIterations {
                            blackHole(input.0.search(input.1[iteration % input.1.count], k: 10, path: path))
                        }
                    },
                    setup: { Fixtures.index(rows) })
            }
            Benchmark(
                "top-10, \(size) × 128, int8 + rescoring, 1 thread",
                configuration: .init(maxIterations: 100),
                closure: { (benchmark: Benchmark, input: (QuantizedIndex, [[Float]])) in
                    let options = SearchOptions(parallelFrom: .max, threads: 1)
                    for iteration in benchmark.scaledIterations {
                        blackHole(input.0.search(input.1[iteration % input.1.count], k: 10, options: options))
                    }
                },
                setup: {
                    let (index, queries) = Fixtures.index(rows)
                    return (QuantizedIndex(index), queries)
                })
            Benchmark(
                "top-10, \(size) × 128, batch of 64 in one pass",
                configuration: .init(scalingFactor: .one, maxIterations: 10),
                closure: { (benchmark: Benchmark, input: (VectorIndex, [[Float]])) in
                    for _ in benchmark.scaledIterations {
                        blackHole(input.0.search(batch: input.1, k: 10, options: SearchOptions(batchFrom: 1)))
                    }
                },
                setup: { Fixtures.index(rows, queries: 64) })
        }
    }
}

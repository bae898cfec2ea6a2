import Benchmark
import PodsimCore
import PodsimLinearAlgebra
import PodsimText

/// Tokenization throughput, TF-IDF fit and randomized SVD fit on synthetic episodes.
enum TextBenchmarks {
    static func register() {
        Benchmark(
            "tokenize 1,000 episodes",
            configuration: .init(scalingFactor: .kilo),
            closure: { benchmark, input in
                // Throughput counts episodes: one scaled iteration analyses one episode.
                for iteration in benchmark.scaledIterations {
                    blackHole(input.analyzer.tokens(input.texts[iteration % input.texts.count]))
                }
            },
            setup: {
                (analyzer: try Analyzer(configuration: AnalyzerConfiguration()),
                 texts: try Fixtures.episodes(1_000).map(\.indexedText))
            })

        Benchmark(
            "TF-IDF fit, 10,000 episodes",
            configuration: .init(maxIterations: 10),
            closure: { benchmark, texts in
                for _ in benchmark.scaledIterations { blackHole(try TFIDFVectorizer().fit(texts)) }
            },
            setup: { try Fixtures.episodes(10_000).map(\.indexedText) })

        Benchmark(
            "randomized SVD k=128, 10,000 episodes",
            configuration: .init(maxIterations: 5),
            closure: { benchmark, matrix in
                for _ in benchmark.scaledIterations {
                    blackHole(try RandomizedSVD(rank: 128, seed: 42).decompose(matrix))
                }
            },
            setup: { try TFIDFVectorizer().fit(try Fixtures.episodes(10_000).map(\.indexedText)).matrix })
    }
}

// swift-tools-version:6.1
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder (`podsim`, or a worktree's name), so the
// identity of `..` is read from this manifest's location rather than spelled out.
let podsim = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

// podsim's benchmarks, kept in their own package so the main build stays lean:
// `swift package benchmark` (ordo-one/benchmark) builds podsim in release mode from `..`.
let package = Package(
    name: "PodsimBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "PodsimBenchmarks",
            dependencies: [
                .product(name: "PodsimEpisodes", package: podsim),
                .product(name: "PodsimCatalogue", package: podsim),
                .product(name: "PodsimCore", package: podsim),
                .product(name: "PodsimWorkbench", package: podsim),
                .product(name: "PodsimProtocol", package: podsim),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PodsimBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)

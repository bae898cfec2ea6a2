// swift-tools-version:6.1
import PackageDescription

// Module shape (dependencies point one way):
//   CLAPACK, CStemmer,      system libraries from Debian (BLAS/LAPACK, Snowball, xxHash for the
//   CXXHash                 model file's checksums)
//   PodsimEpisodes          value types shared by ingestion and the core: Episode, GuestName, hosts
//   PodsimCatalogue         episodes from seed pages, JSON Lines and RSS feeds (FoundationXML)
//   PodsimLinearAlgebra     BLAS/LAPACK behind one file; sparse matrices; randomized truncated SVD
//   PodsimText              analyzer (tokenize, fold, stop, stem, bigrams) and TF-IDF
//   CPodsimKernels          C scan kernels (baseline, AVX2, AVX-512) chosen at run time by CPUID
//   CPodsimGraph            C-callable C++ shim over hnswlib (Debian libhnswlib-dev, header-only)
//   PodsimCore              latent model, nearest-neighbour index, model file, recommender
//                           (no NIO, no XML: it never links the catalogue's feed parser)
//   PodsimWorkbench         synthetic catalogues, scan benchmarks, evaluation: not shipped code
//   PodsimProtocol          pure wire codec: bytes ↔ typed messages (NIOCore only, no sockets)
//   PodsimServer            thin SwiftNIO server: codec ↔ recommender, limits, reload, stats; Prometheus
//                           metrics and health probes over HTTP; the ServiceGroup lifecycle
//   PodsimClient            async/await SwiftNIO client over the codec: pipelining, timeouts, reconnect
//   PodsimCLI (`podsim`)    the command line over all of it
let package = Package(
    name: "podsim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "podsim", targets: ["PodsimCLI"]),
        .library(name: "PodsimEpisodes", targets: ["PodsimEpisodes"]),
        .library(name: "PodsimCatalogue", targets: ["PodsimCatalogue"]),
        .library(name: "PodsimCore", targets: ["PodsimCore"]),
        // For the Benchmarks package: synthetic data and scan benchmarks, not for serving.
        .library(name: "PodsimWorkbench", targets: ["PodsimWorkbench"]),
        .library(name: "PodsimProtocol", targets: ["PodsimProtocol"]),
        .library(name: "PodsimClient", targets: ["PodsimClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-atomics.git", from: "1.3.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLAPACK",
            providers: [.apt(["libblas-dev", "liblapack-dev"])]
        ),
        .systemLibrary(
            name: "CStemmer",
            providers: [.apt(["libstemmer-dev"])]
        ),
        .systemLibrary(
            name: "CXXHash",
            providers: [.apt(["libxxhash-dev"])]
        ),
        .target(name: "PodsimParallel"),
        .target(name: "PodsimEpisodes", dependencies: ["PodsimParallel"]),
        .target(name: "PodsimCatalogue", dependencies: ["PodsimEpisodes", "PodsimParallel"]),
        .target(name: "CPodsimKernels"),
        // HNSW graph index: hnswlib's headers from Debian's libhnswlib-dev (scripts/setup.sh), its
        // distances through CPodsimKernels; wrapped by PodsimCore's GraphIndex.swift alone.
        .target(name: "CPodsimGraph", dependencies: ["CPodsimKernels"]),
        .target(name: "PodsimLinearAlgebra", dependencies: ["CLAPACK"]),
        .target(name: "PodsimText", dependencies: ["CStemmer", "PodsimLinearAlgebra", "PodsimParallel"]),
        .target(
            name: "PodsimCore",
            dependencies: ["CPodsimKernels", "CPodsimGraph", "CXXHash", "PodsimEpisodes", "PodsimLinearAlgebra", "PodsimText"]
        ),
        .target(
            name: "PodsimWorkbench",
            dependencies: ["PodsimEpisodes", "PodsimLinearAlgebra", "PodsimText", "PodsimCore"]
        ),
        .target(
            name: "PodsimProtocol",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")]
        ),
        .target(
            name: "PodsimServer",
            dependencies: [
                "PodsimEpisodes", "PodsimCore", "PodsimProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "PodsimClient",
            dependencies: [
                "PodsimProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "PodsimCLI",
            dependencies: [
                "PodsimEpisodes", "PodsimCatalogue", "PodsimText", "PodsimLinearAlgebra", "PodsimCore",
                "PodsimWorkbench", "PodsimProtocol", "PodsimServer", "PodsimClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .testTarget(
            name: "PodsimCatalogueTests",
            dependencies: ["PodsimCatalogue", "PodsimEpisodes", "PodsimParallel", "PodsimTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PodsimWorkbenchTests",
            dependencies: [
                "PodsimWorkbench", "PodsimCore", "PodsimCatalogue", "PodsimText", "PodsimLinearAlgebra", "PodsimTestSupport",
            ]),
        .testTarget(name: "PodsimLinearAlgebraTests", dependencies: ["PodsimLinearAlgebra"]),
        .testTarget(name: "PodsimTextTests", dependencies: ["PodsimText", "PodsimTestSupport"]),
        .testTarget(
            name: "PodsimCoreTests",
            dependencies: ["PodsimCore", "PodsimEpisodes", "PodsimCatalogue", "PodsimWorkbench", "PodsimTestSupport"]),
        // Runs the built `podsim` binary: exit statuses, messages and JSON shapes as users see them.
        .testTarget(name: "PodsimCLITests", dependencies: ["PodsimCLI", "PodsimCore", "PodsimLinearAlgebra", "PodsimTestSupport"]),
        // What the test targets share: the `podsim` binary runner, `eventually`, SplitMix64.
        .target(name: "PodsimTestSupport", path: "Tests/PodsimTestSupport"),
        .testTarget(
            name: "PodsimServerTests",
            dependencies: [
                "PodsimServer", "PodsimProtocol", "PodsimCatalogue", "PodsimTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Against real servers on 127.0.0.1 (in-process, and the `podsim` binary for `--server`).
        .testTarget(
            name: "PodsimClientTests",
            dependencies: [
                "PodsimClient", "PodsimServer", "PodsimProtocol", "PodsimCore", "PodsimCatalogue", "PodsimCLI",
                "PodsimTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "PodsimProtocolTests",
            dependencies: [
                "PodsimProtocol", "PodsimTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ]
        ),
    ]
)

// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for podsim's parsers and decoders (docs/FUZZING.md). A package of its own,
// depending on the root package by path, so the root's `swift build` and `swift test` never
// see it. Build and run through `scripts/fuzz.sh`, which passes
// `--sanitize fuzzer --sanitize address` (SwiftPM then compiles executables as libraries, so
// libFuzzer's `main` drives each target's `LLVMFuzzerTestOneInput`).
//
// One executable per target:
//   FuzzFrameDecoder        bytes → FrameDecoder, any segmentation
//   FuzzRequestBody         PodsimRequest.decode, every opcode, round trip
//   FuzzResponseBody        PodsimResponse.decode, every opcode and status, round trip
//   FuzzModelFile           ModelFileReader / PodsimModel(contentsOf:), checksums as found
//   FuzzModelFileResealed   the same after recomputing checksums, to reach deeper checks
//   FuzzSeedPage, FuzzJSONL, FuzzRSS   the catalogue parsers
let package = Package(
    name: "podsim-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "podsim", path: ".."),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "PodsimProtocol", package: "podsim"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .target(
            name: "CatalogueFuzzing",
            dependencies: [
                "FuzzSupport", .product(name: "PodsimCatalogue", package: "podsim"),
                .product(name: "PodsimEpisodes", package: "podsim"),
            ]),
        .target(name: "ModelFuzzing", dependencies: ["FuzzSupport", .product(name: "PodsimCore", package: "podsim")]),
        .executableTarget(
            name: "FuzzFrameDecoder",
            dependencies: [
                "FuzzSupport",
                .product(name: "PodsimProtocol", package: "podsim"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "FuzzRequestBody",
            dependencies: [
                "FuzzSupport",
                .product(name: "PodsimProtocol", package: "podsim"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "FuzzResponseBody",
            dependencies: [
                "FuzzSupport",
                .product(name: "PodsimProtocol", package: "podsim"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(name: "FuzzModelFile", dependencies: ["FuzzSupport", "ModelFuzzing"]),
        .executableTarget(name: "FuzzModelFileResealed", dependencies: ["FuzzSupport", "ModelFuzzing"]),
        .executableTarget(
            name: "FuzzSeedPage",
            dependencies: ["FuzzSupport", "CatalogueFuzzing", .product(name: "PodsimCatalogue", package: "podsim")]
        ),
        .executableTarget(
            name: "FuzzJSONL",
            dependencies: ["FuzzSupport", "CatalogueFuzzing", .product(name: "PodsimCatalogue", package: "podsim")]
        ),
        .executableTarget(
            name: "FuzzRSS",
            dependencies: ["FuzzSupport", "CatalogueFuzzing", .product(name: "PodsimCatalogue", package: "podsim")]
        ),
    ]
)

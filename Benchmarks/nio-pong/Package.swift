// swift-tools-version:6.1
import PackageDescription

// The floor of a SwiftNIO server for Redis's PING, for Benchmarks/server-cost.sh (SERVER=nio-pong):
// what the event loop and the socket cost with no codec, state machine or metrics of podsim's.
let package = Package(
    name: "nio-pong",
    dependencies: [.package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2")],
    targets: [
        .executableTarget(
            name: "nio-pong",
            dependencies: [.product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")])
    ]
)

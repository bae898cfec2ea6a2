import Testing
@testable import PodsimServer

@Suite("Server configuration")
struct ServerConfigurationTests {
    static func problems(_ adjust: (inout ServerConfiguration) -> Void) -> String? {
        var configuration = ServerConfiguration()
        adjust(&configuration)
        do {
            try configuration.validate()
            return nil
        } catch {
            #expect(error.code == .invalidConfiguration)
            return error.message
        }
    }

    @Test("the defaults are valid and are the contract's limits")
    func defaults() throws {
        let configuration = ServerConfiguration()
        try configuration.validate()
        #expect(configuration.host == "127.0.0.1" && configuration.port == 7411)
        #expect(configuration.limits.maxFrameBytes == 1_048_576 && configuration.limits.maxK == 1000
                && configuration.limits.maxTextBytes == 65_536)
    }

    @Test("each impossible value is refused, naming its field", arguments: [
        ("port", { @Sendable (c: inout ServerConfiguration) in c.port = 70_000 }),
        ("limits.maxFrameBytes", { $0.limits.maxFrameBytes = 4 }),
        ("limits.maxK", { $0.limits.maxK = 0 }),
        ("limits.maxK", { $0.limits.maxK = 70_000 }),
        ("limits.maxTextBytes", { $0.limits.maxTextBytes = -1 }),
        ("maxConnections", { $0.maxConnections = 0 }),
        ("idleTimeout", { $0.idleTimeout = .zero }),
        ("maxQueuedRequestsPerConnection", { $0.maxQueuedRequestsPerConnection = 0 }),
        ("offloadThreshold", { $0.offloadThreshold = -5 }),
        ("drainTimeout", { $0.drainTimeout = .seconds(-1) }),
        ("eventLoopThreads", { $0.eventLoopThreads = 0 }),
        ("workerThreads", { $0.workerThreads = 0 }),
        ("authToken", { $0.authToken = "" }),
        ("authToken", { $0.authToken = "long token"; $0.limits.maxTextBytes = 4 }),
        ("host", { $0.host = "" }),
    ] as [(String, @Sendable (inout ServerConfiguration) -> Void)])
    func impossibleValues(field: String, adjust: @Sendable (inout ServerConfiguration) -> Void) {
        let message = Self.problems(adjust)
        #expect(message?.contains(field) == true, "\(message ?? "accepted")")
    }

    @Test("listening beyond loopback needs a token", arguments: ["0.0.0.0", "192.168.1.20", "::", "example.com"])
    func publicNeedsToken(host: String) {
        let message = Self.problems { $0.host = host }
        #expect(message?.contains("not a loopback address") == true && message?.contains("auth token") == true)
        #expect(Self.problems { $0.host = host; $0.authToken = "s3cret" } == nil)
    }

    @Test("loopback addresses need no token", arguments: ["127.0.0.1", "127.1.2.3", "::1", "localhost", "::ffff:127.0.0.1"])
    func loopbackNeedsNoToken(host: String) {
        #expect(Self.problems { $0.host = host } == nil)
    }

    @Test("every problem is listed at once, and the description hides the token")
    func allProblemsAtOnce() {
        let message = Self.problems { $0.port = -1; $0.limits.maxK = 0; $0.workerThreads = 0 }
        for field in ["port", "maxK", "workerThreads"] { #expect(message?.contains(field) == true) }
        var configuration = ServerConfiguration()
        configuration.authToken = "s3cret"
        #expect(!configuration.description.contains("s3cret") && configuration.description.contains("authToken: set"))
    }

    @Test("a server cannot even be created with an invalid configuration")
    func serverRefusesInvalidConfiguration() {
        var configuration = ServerConfiguration()
        configuration.host = "0.0.0.0"
        #expect(throws: ServerError.self) { try PodsimServer(configuration: configuration, source: TestSource()) }
    }
}

import NIOCore
import PodsimProtocol
import Testing
@testable import PodsimServer

@Suite("Server metrics")
struct ServerMetricsTests {
    @Test("latency percentiles come from the recorded values, in microseconds")
    func percentiles() {
        let metrics = ServerMetrics()
        for microseconds in 1...1000 { metrics.recordAnswer(.similar, .ok, latency: .microseconds(Int64(microseconds))) }
        let latency = metrics.snapshot(modelID: "m").latency
        #expect(latency.count == 1000)
        #expect((499...501).contains(latency.p50Microseconds))
        #expect((899...901).contains(latency.p90Microseconds))
        #expect((989...991).contains(latency.p99Microseconds))
        #expect((998...1000).contains(latency.p999Microseconds))
        #expect(latency.maxMicroseconds == 1000)
    }

    @Test("nothing measured: all zero")
    func empty() {
        let stats = ServerMetrics().snapshot(modelID: "m")
        #expect(stats.latency == LatencySummary(count: 0, p50Microseconds: 0, p90Microseconds: 0, p99Microseconds: 0,
                                                p999Microseconds: 0, maxMicroseconds: 0))
        #expect(stats.requests.isEmpty && stats.answers.isEmpty)
    }

    @Test("counts per opcode and per status come sorted, rare statuses included")
    func counts() {
        let metrics = ServerMetrics()
        for opcode: UInt8 in [0x10, 0x01, 0xF3, 0x10] { metrics.recordRequest(Opcode(rawValue: opcode)) }
        for status: UInt16 in [300, 2, 0, 2] { metrics.recordAnswer(.ping, Status(rawValue: status), latency: nil) }
        let stats = metrics.snapshot(modelID: "m")
        #expect(stats.requests.map { [$0.opcode.rawValue: $0.count] } == [[0x01: 1], [0x10: 2], [0xF3: 1]])
        #expect(stats.answers.map { [$0.status.rawValue: $0.count] } == [[0: 1], [2: 2], [300: 1]])
        #expect(stats.latency.count == 0, "answers without a request are not measured")
    }

    @Test("the connection limit admits up to the limit and counts only admitted connections")
    func admission() {
        let metrics = ServerMetrics()
        #expect(metrics.admitConnection(limit: 2) && metrics.admitConnection(limit: 2))
        #expect(!metrics.admitConnection(limit: 2))
        metrics.connectionClosed()
        #expect(metrics.admitConnection(limit: 2))
        #expect(metrics.gauges.openConnections == 2 && metrics.gauges.connectionsAccepted == 3)
    }

    @Test("the error text of a long multi-line error is one line of at most 1 KiB")
    func errorText() {
        struct Long: Error, CustomStringConvertible { var description: String }
        let text = ErrorText.describe(Long(description: "first\nsecond\n" + String(repeating: "é", count: 2000)))
        #expect(text.hasPrefix("first / second / "))
        #expect(text.utf8.count <= ErrorText.maxBytes && text.hasSuffix("…"))
    }
}

import Foundation
import NIOCore
import PodsimProtocol
import Testing
@testable import PodsimServer

/// A connection flood does not flood the log (issue 10, item 6): the first refusal is logged in
/// full, the rest are counted and summed up once per `logSummaryInterval`.
@Suite struct LogFloodTests {
    /// The count at the start of a summary line ("notice 59 more connections refused …").
    static func count(inSummary line: String) -> Int {
        Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    @Test("60 connections over the limit: a few lines that account for every refusal")
    func refusalsAreSummarised() async throws {
        let logs = CapturedLogs()
        let window = 2.0
        let server = try PodsimServer(
            configuration: testConfiguration {
                $0.maxConnections = 2
                $0.logSummaryInterval = .seconds(Int64(window))
            }, source: TestSource(), logger: logs.logger)
        let port = try await server.start().port!
        var admitted: [TestClient] = []
        for _ in 0..<2 {
            let client = try await TestClient.connect(port: port)
            #expect(try await client.call(.ping) == .pong)
            admitted.append(client)
        }
        let started = ContinuousClock.now
        for _ in 0..<60 {
            let refused = try await TestClient.connect(port: port)
            #expect(try await refused.next().status == .busy)
            try await refused.waitForClose()
        }
        let elapsed = ContinuousClock.now - started
        func accounted() -> (lines: Int, refusals: Int) {
            let full = logs.lines(containing: "refusing a connection: at the connection limit")
            let summaries = logs.lines(containing: "more connections refused at the connection limit in the last 2 s")
            return (full.count + summaries.count, full.count + summaries.map(Self.count(inSummary:)).reduce(0, +))
        }
        try await eventually(timeout: .seconds(30), "every refusal is in the log") { accounted().refusals == 60 }
        // At most a full line and a summary per window the flood touched (plus one for the edges).
        let windows = Int((Double(elapsed.components.seconds) + 1) / window) + 2
        #expect(accounted().lines <= 2 * windows, "\(accounted().lines) lines for 60 refusals in \(elapsed)")
        #expect(accounted().lines < 20)
        for client in admitted { await client.close() }
        await server.shutdown()
    }

    @Test func openWindowsAreSummedUpAtShutdown() async throws {
        let logs = CapturedLogs()
        let server = try PodsimServer(
            configuration: testConfiguration {
                $0.maxConnections = 1
                $0.logSummaryInterval = .seconds(3600)
            }, source: TestSource(), logger: logs.logger)
        let port = try await server.start().port!
        let admitted = try await TestClient.connect(port: port)
        #expect(try await admitted.call(.ping) == .pong)
        for _ in 0..<5 {
            let refused = try await TestClient.connect(port: port)
            #expect(try await refused.next().status == .busy)
            try await refused.waitForClose()
        }
        #expect(logs.lines(containing: "refusing a connection").count == 1)
        await admitted.close()
        await server.shutdown()
        let summaries = logs.lines(containing: "more connections refused at the connection limit in the last 3600 s")
        #expect(summaries.count == 1 && summaries.first.map(Self.count(inSummary:)) == 4, "\(summaries)")
    }
}

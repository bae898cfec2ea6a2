import Foundation
import NIOCore
import PodsimProtocol
import PodsimTestSupport
import Testing
@testable import PodsimServer

/// A connection flood does not flood the log: the first refusal is logged in
/// full, the rest are counted and summed up once per `logSummaryInterval`.
@Suite struct LogFloodTests {
    /// The count at the start of a summary line ("notice 59 more connections refused …").
    static func count(inSummary line: String) -> Int {
        Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    static let fullLine = "refusing a connection: at the connection limit"

    /// Runs a server with `maxConnections` 1 and one admitted client, and has `refusals` more
    /// connections refused one after another (each answered BUSY and closed).
    func flood(refusals: Int, window: Duration, logs: CapturedLogs, _ after: (PodsimServer) async throws -> Void) async throws {
        let server = try PodsimServer(
            configuration: testConfiguration {
                $0.maxConnections = 1
                $0.logSummaryInterval = window
                $0.idleTimeout = .seconds(600)  // the admitted client holds its place throughout
            }, source: TestSource(), logger: logs.logger)
        let port = try await server.start().port!
        let admitted = try await TestClient.connect(port: port)
        #expect(try await admitted.call(.ping) == .pong)
        for _ in 0..<refusals {
            let refused = try await TestClient.connect(port: port)
            #expect(try await refused.next().status == .busy)
            try await refused.waitForClose()
        }
        do {
            try await after(server)
        } catch {
            await admitted.close()
            await server.shutdown()
            throw error
        }
        await admitted.close()
        await server.shutdown()
    }

    @Test("300 connections over the limit: one line in full, one summary of the other 299")
    func aFloodIsOneLineAndOneSummary() async throws {
        let logs = CapturedLogs()
        try await flood(refusals: 300, window: .seconds(3600), logs: logs) { _ in
            #expect(logs.lines(containing: Self.fullLine).count == 1)
        }
        // The window is still open at shutdown: its summary is written then.
        let summaries = logs.lines(containing: "more connections refused at the connection limit in the last 3600 s")
        #expect(summaries.count == 1 && summaries.first.map(Self.count(inSummary:)) == 299, "\(summaries)")
        #expect(logs.lines(containing: Self.fullLine).count == 1)
    }

    @Test("the summary comes when the window ends, not only at shutdown")
    func theSummaryComesAtTheEndOfTheWindow() async throws {
        let logs = CapturedLogs()
        try await flood(refusals: 10, window: .seconds(2), logs: logs) { _ in
            func accounted() -> Int {
                let summaries = logs.lines(containing: "more connections refused at the connection limit in the last 2 s")
                return logs.lines(containing: Self.fullLine).count + summaries.map(Self.count(inSummary:)).reduce(0, +)
            }
            try await eventually(timeout: .seconds(30), "every refusal is in the log before shutdown") { accounted() == 10 }
            #expect(!logs.lines(containing: "in the last 2 s").isEmpty)
        }
    }
}

import Logging
import NIOConcurrencyHelpers
import PodsimProtocol
import Testing
@testable import PodsimServer

/// The AUTH token never leaves the server: not in its logs (at trace level, through every AUTH
/// outcome, a reload and shutdown), not in STATS, not in an error message.
@Suite struct TokenSecrecyTests {
    static let token = "tok-3c1f9a-never-print-me"

    @Test func theTokenIsInNoLogLineAndNoAnswer() async throws {
        let captured = CapturedLogs()
        let logger = captured.logger
        let server = try PodsimServer(
            configuration: testConfiguration { $0.authToken = Self.token }, source: TestSource(), logger: logger)
        let port = try await server.start().port!
        let client = try await TestClient.connect(port: port)
        var answers: [PodsimResponse] = []
        answers.append(try await client.call(.search(SearchRequest(text: "rust", k: 2)), id: 1))  // before AUTH
        answers.append(try await client.call(.auth(token: "wrong-\(Self.token.prefix(6))"), id: 2))
        answers.append(try await client.call(.auth(token: Self.token), id: 3))
        answers.append(try await client.call(.reload, id: 4))
        answers.append(try await client.call(.stats, id: 5))
        await client.close()
        await server.shutdown()

        let logs = captured.all
        #expect(logs.contains { $0.contains("AUTH with a wrong token") }, "the capture sees the server's log records")
        #expect(logs.count >= 3)
        for line in logs { #expect(!line.contains(Self.token), "log line carries the token: \(line)") }
        for answer in answers { #expect(!"\(answer)".contains(Self.token)) }
        #expect(!"\(testConfiguration { $0.authToken = Self.token })".contains(Self.token))
    }
}

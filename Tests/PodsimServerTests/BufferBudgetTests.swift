import NIOCore
import PodsimProtocol
import PodsimTestSupport
import Testing
@testable import PodsimServer

/// Half-sent frames are under one server-wide budget: past it, the connection
/// whose read would go over is answered BUSY and closed; the total never exceeds the budget.
@Suite struct BufferBudgetTests {
    /// The first bytes of a SEARCH frame announcing `length` bytes after the length field,
    /// followed by `sent` of its body bytes: a frame sent half-way.
    static func partialFrame(length: UInt32, requestID: UInt32, bodyBytesSent: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: length.bigEndian) { bytes += $0 }
        bytes += [1, Opcode.search.rawValue, 0, 0]
        withUnsafeBytes(of: requestID.bigEndian) { bytes += $0 }
        return bytes + [UInt8](repeating: 0x41, count: bodyBytesSent)
    }

    @Test("the read that would go past --max-buffered gets BUSY; the others keep their partial frames")
    func partialFramesAreUnderAGlobalBudget() async throws {
        let held = 12 + 40_000  // bytes each connection holds
        try await withServer({
            $0.limits.maxFrameBytes = 64 << 10
            $0.maxBufferedBytes = 256 << 10  // room for 6 partial frames of 40,012 bytes, not 7
            $0.idleTimeout = .seconds(600)  // the partial frames must outlive a slow, busy machine
        }) { server, port in
            var clients: [TestClient] = []
            for index in 1...6 {
                let client = try await TestClient.connect(port: port)
                try await client.send(raw: Self.partialFrame(length: 60_000, requestID: UInt32(index), bodyBytesSent: 40_000))
                clients.append(client)
                try await eventually("connection \(index)'s partial frame is held") {
                    server.bufferBudget.used == index * held
                }
            }
            let seventh = try await TestClient.connect(port: port)
            try await seventh.send(raw: Self.partialFrame(length: 60_000, requestID: 7, bodyBytesSent: 40_000))
            let answer = try await seventh.next()
            #expect(answer.status == .busy && answer.opcode == .search && answer.requestID == 7)
            #expect(answer.message?.contains("\(256 << 10) bytes of partly received requests") == true, "\(answer.message ?? "")")
            try await seventh.waitForClose()
            #expect(server.bufferBudget.used == 6 * held)
            // The six keep their place: one of them completes its frame and is answered.
            try await clients[0].send(raw: [UInt8](repeating: 0x41, count: 60_000 - 8 - 40_000))
            let completed = try await clients[0].next()
            #expect(completed.requestID == 1 && completed.status != .busy)
            for client in clients { await client.close() }
            try await eventually("every partial frame is released") { server.bufferBudget.used == 0 }
        }
    }

    @Test func theBudgetMustHoldOneWholeFrame() {
        var configuration = ServerConfiguration()
        configuration.maxBufferedBytes = configuration.limits.maxFrameBytes - 1
        #expect(throws: ServerError.self) { try configuration.validate() }
    }
}

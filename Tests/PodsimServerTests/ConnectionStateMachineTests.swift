import NIOCore
import PodsimProtocol
import Testing
@testable import PodsimServer

/// The connection logic without sockets: bytes and answers in, actions out.
@Suite("Connection state machine")
struct ConnectionStateMachineTests {
    static let t0 = NIODeadline.uptimeNanoseconds(1_000_000_000)

    static func machine(maxQueued: Int = 8, token: String? = nil) -> ConnectionStateMachine {
        ConnectionStateMachine(limits: ProtocolLimits(), maxQueued: maxQueued,
                               authGate: token.map(AuthGate.init(token:)), now: t0)
    }

    static func bytes(_ requests: [(PodsimRequest, UInt32)]) -> ByteBuffer {
        TestClient.bytes(of: requests.map { $0.0.frame(requestID: $0.1) })
    }

    static func jobs(_ actions: [ConnectionAction]) -> [ConnectionJob] {
        actions.compactMap { if case .execute(let job) = $0 { job } else { nil } }
    }

    static func writes(_ actions: [ConnectionAction]) -> [Frame] {
        actions.compactMap { if case .write(let frame, _) = $0 { frame } else { nil } }
    }

    static func closes(_ actions: [ConnectionAction]) -> [CloseReason] {
        actions.compactMap { if case .close(let reason) = $0 { reason } else { nil } }
    }

    /// Some answer to `job` (an empty body: the machine never looks inside).
    static func answer(_ job: ConnectionJob) -> Frame {
        Frame(opcode: job.opcode, requestID: job.requestID)
    }

    static let similar = PodsimRequest.similar(SimilarRequest(episodeID: "ep-1", k: 3))

    @Test("answers leave in request order even when computed out of order")
    func ordering() {
        var machine = Self.machine()
        let actions = machine.bytesReceived(Self.bytes([(Self.similar, 1), (.ping, 2), (Self.similar, 3)]), now: Self.t0)
        let jobs = Self.jobs(actions)
        #expect(jobs.map(\.requestID) == [1, 3])
        #expect(Self.writes(actions).isEmpty, "PING must wait behind request 1")
        // Request 3 finishes first: nothing may be written yet.
        #expect(Self.writes(machine.answered(jobs[1], with: Self.answer(jobs[1]), now: Self.t0)).isEmpty)
        let flushed = Self.writes(machine.answered(jobs[0], with: Self.answer(jobs[0]), now: Self.t0))
        #expect(flushed.map(\.requestID) == [1, 2, 3])
        #expect(flushed.map(\.opcode) == [.similar, .ping, .similar])
        #expect(machine.queuedRequests == 0)
    }

    @Test("at the queue limit it decodes nothing more and stops reading until answers drain")
    func backpressure() {
        var machine = Self.machine(maxQueued: 2)
        let requests = (1...5).map { (Self.similar, UInt32($0)) }
        var jobs = Self.jobs(machine.bytesReceived(Self.bytes(requests), now: Self.t0))
        #expect(jobs.map(\.requestID) == [1, 2])
        #expect(machine.queuedRequests == 2)
        #expect(machine.readHold == .queueFull)
        #expect(machine.bufferedBytes > 0, "the three undecoded requests stay as bytes")
        var answeredIDs: [UInt32] = []
        while let job = jobs.first {
            jobs.removeFirst()
            let actions = machine.answered(job, with: Self.answer(job), now: Self.t0)
            answeredIDs += Self.writes(actions).map(\.requestID)
            jobs += Self.jobs(actions)
            #expect(machine.queuedRequests <= 2)
        }
        #expect(answeredIDs == [1, 2, 3, 4, 5])
        #expect(machine.peakQueued == 2)
        #expect(machine.readHold == nil)
        #expect(machine.bufferedBytes == 0)
    }

    @Test("an unwritable channel pauses decoding; writable again resumes it")
    func writability() {
        var machine = Self.machine()
        _ = machine.writabilityChanged(to: false, now: Self.t0)
        #expect(Self.jobs(machine.bytesReceived(Self.bytes([(Self.similar, 1)]), now: Self.t0)).isEmpty)
        #expect(machine.readHold == .answersUnwritten)
        let resumed = machine.writabilityChanged(to: true, now: Self.t0)
        #expect(Self.jobs(resumed).map(\.requestID) == [1])
    }

    @Test("a rejected frame is answered after earlier requests, then the connection closes and reads nothing more")
    func rejection() {
        var machine = Self.machine()
        var bytes = Self.bytes([(Self.similar, 1), (.ping, 2)])
        bytes.writeBytes([0, 0, 0, 8, 2, 0x01, 0, 0, 0, 0, 0, 9])  // version 2
        var after = Self.bytes([(.ping, 10)])
        bytes.writeBuffer(&after)
        let actions = machine.bytesReceived(bytes, now: Self.t0)
        let job = try! #require(Self.jobs(actions).first)
        #expect(Self.writes(actions).isEmpty)
        #expect(Self.closes(actions).isEmpty, "the close waits for the earlier answers")
        #expect(machine.readHold == .closing)
        let rest = machine.answered(job, with: Self.answer(job), now: Self.t0)
        let written = Self.writes(rest)
        #expect(written.map(\.requestID) == [1, 2, 9])
        #expect(written.map(\.status) == [.ok, .ok, .unsupportedVersion])
        #expect(Self.closes(rest) == [.rejected])
        #expect(machine.bytesReceived(Self.bytes([(.ping, 11)]), now: Self.t0).isEmpty)
    }

    @Test("a bad length is answered with status 5, opcode 0 and id 0, and reported with a sample")
    func badLength() {
        var machine = Self.machine()
        let actions = machine.bytesReceived(ByteBuffer(bytes: Array("GET / HTTP/1.1\r\n".utf8)), now: Self.t0)
        let answer = try! #require(Self.writes(actions).first)
        #expect(answer.status == .frameTooLarge && answer.opcode.rawValue == 0 && answer.requestID == 0)
        #expect(Self.closes(actions) == [.rejected])
        let sample = actions.compactMap { action -> ByteBuffer? in
            if case .report(.rejected(_, let sample)) = action { sample } else { nil }
        }.first
        #expect(sample?.printableSample.hasSuffix("|GET / HTTP/1.1..|") == true)
    }

    @Test("malformed bodies and unknown opcodes are answered at once and the connection stays open")
    func recoverableErrors() {
        var machine = Self.machine()
        let zeroK = PodsimRequest.similar(SimilarRequest(episodeID: "ep-1", k: 0))
        let unknown = Frame(opcode: Opcode(rawValue: 0x7F), requestID: 2)
        let actions = machine.bytesReceived(TestClient.bytes(of: [zeroK.frame(requestID: 1), unknown]), now: Self.t0)
        #expect(Self.writes(actions).map(\.status) == [.badRequest, .unknownOpcode])
        #expect(Self.closes(actions).isEmpty)
        #expect(machine.readHold == nil)
    }

    @Test("before AUTH only AUTH and PING are served; a wrong token is refused; the latest AUTH decides")
    func authentication() {
        var machine = Self.machine(token: "s3cret")
        let search = PodsimRequest.search(SearchRequest(text: "rust", k: 1))
        var actions = machine.bytesReceived(Self.bytes([
            (search, 1), (.ping, 2), (.auth(token: "nope"), 3), (search, 4), (.auth(token: "s3cret"), 5), (search, 6),
        ]), now: Self.t0)
        #expect(Self.writes(actions).map(\.status) == [.unauthorized, .ok, .unauthorized, .unauthorized, .ok])
        #expect(Self.jobs(actions).map(\.requestID) == [6])
        #expect(actions.contains(.report(.authenticationFailed(requestID: 3))))
        let job = Self.jobs(actions)[0]
        _ = machine.answered(job, with: Self.answer(job), now: Self.t0)
        actions = machine.bytesReceived(Self.bytes([(.auth(token: "wrong"), 7), (search, 8)]), now: Self.t0)
        #expect(Self.writes(actions).map(\.status) == [.unauthorized, .unauthorized])
    }

    @Test("without a token AUTH is answered OK whatever the token")
    func noToken() {
        var machine = Self.machine()
        let actions = machine.bytesReceived(Self.bytes([(.auth(token: "anything"), 1)]), now: Self.t0)
        #expect(Self.writes(actions).map(\.status) == [.ok])
    }
}

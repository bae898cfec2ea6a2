import NIOCore
import Testing
@testable import PodsimClient

/// The pending-call rules without a socket: calls are plain strings, answers are frames built here.
@Suite struct PendingCallsTests {
    private func answer(_ opcode: Opcode, id: UInt32, status: Status = .ok, message: String? = nil) -> Frame {
        if let message { return Frame.failure(status, message: message, opcode: opcode, requestID: id) }
        return PodsimResponse.pong.frame(opcode: opcode, requestID: id)
    }

    private func delivered(_ verdict: PendingCalls<String>.Verdict) -> (String, PodsimResponse)? {
        if case .deliver(let call, let response, _) = verdict { return (call, response) }
        return nil
    }

    private func failures(_ verdict: PendingCalls<String>.Verdict) -> (calls: [String], codes: [PodsimClientError.Code], close: Bool)? {
        guard case .fail(let failures, let close) = verdict else { return nil }
        return (failures.map(\.call), failures.map(\.error.code), close)
    }

    @Test func idsAreUniqueNonZeroAndMatchAnswersInAnyOrder() throws {
        var calls = PendingCalls<String>(peer: "test:1")
        let a = try calls.start("a", opcode: .ping).get()
        let b = try calls.start("b", opcode: .ping).get()
        let c = try calls.start("c", opcode: .ping).get()
        #expect(Set([a, b, c]).count == 3 && ![a, b, c].contains(0))
        #expect(try #require(delivered(calls.received(answer(.ping, id: c)))).0 == "c")
        #expect(try #require(delivered(calls.received(answer(.ping, id: a)))).0 == "a")
        #expect(try #require(delivered(calls.received(answer(.ping, id: b)))).0 == "b")
        #expect(calls.count == 0)
    }

    @Test func theCounterWrapsPastZeroAndSkipsIdsInUse() throws {
        var calls = PendingCalls<String>(peer: "test:1")
        let kept = try calls.start("kept", opcode: .ping).get()
        // Jump to the top of the u32 range while that early call stays open.
        calls.nextID = UInt32.max
        let last = try calls.start("last", opcode: .ping).get()
        let wrapped = try calls.start("wrapped", opcode: .ping).get()
        #expect(last == UInt32.max)
        #expect(kept == 1)
        #expect(wrapped == 2, "0 is skipped, and so is 1, still waiting")
    }

    @Test func aNonZeroStatusIsDeliveredWithItsMessageEvenWhenUnknown() throws {
        var calls = PendingCalls<String>(peer: "test:1")
        let id = try calls.start("a", opcode: .similar).get()
        let (call, response) = try #require(delivered(calls.received(answer(.similar, id: id, status: Status(rawValue: 42), message: "new"))))
        #expect(call == "a" && response == .failure(ErrorResponse(status: Status(rawValue: 42), message: "new")))
        #expect(!calls.isClosed)
    }

    @Test func anAnswerForAnIdNoCallWaitsForFailsEveryCallAndCloses() throws {
        var calls = PendingCalls<String>(peer: "test:1")
        let a = try calls.start("a", opcode: .ping).get()
        _ = try calls.start("b", opcode: .info).get()
        let verdict = try #require(failures(calls.received(answer(.ping, id: a &+ 1000))))
        #expect(verdict.calls == ["a", "b"] && verdict.close)
        #expect(verdict.codes.allSatisfy { $0 == .protocolViolation })
        #expect(calls.isClosed)
        guard case .drop = calls.received(answer(.ping, id: a)) else {
            Issue.record("answers after the connection was given up must be ignored")
            return
        }
    }

    @Test func anAnswerWithAnotherOpcodeIsAViolation() throws {
        var calls = PendingCalls<String>(peer: "test:1")
        let a = try calls.start("a", opcode: .similar).get()
        let verdict = try #require(failures(calls.received(answer(.search, id: a, status: .notFound, message: "x"))))
        #expect(verdict.calls == ["a"] && verdict.codes == [.protocolViolation] && verdict.close)
    }

    @Test func aMalformedBodyIsAViolationNamingTheField() throws {
        var calls = PendingCalls<String>(peer: "test:1")
        let a = try calls.start("a", opcode: .info).get()
        var body = ByteBuffer()
        body.writeInteger(UInt32(100))  // a str announcing 100 bytes, with none behind it
        guard case .fail(let failed, true) = calls.received(Frame(opcode: .info, requestID: a, body: body)) else {
            Issue.record("a malformed INFO answer must fail the call and close")
            return
        }
        #expect(failed.first?.error.code == .protocolViolation)
        #expect(failed.first?.error.message.contains("server_version") == true)
    }

    @Test func aConnectionLevelAnswerGoesToTheOldestCallAndClosesTheRest() throws {
        var calls = PendingCalls<String>(peer: "test:1")
        _ = try calls.start("first", opcode: .add).get()
        _ = try calls.start("second", opcode: .ping).get()
        _ = try calls.start("third", opcode: .info).get()
        guard case .fail(let failed, true) = calls.received(answer(Opcode(rawValue: 0), id: 0, status: .frameTooLarge, message: "too large")) else {
            Issue.record("a status-5 answer with id 0 must fail the calls and close")
            return
        }
        #expect(failed.map(\.call) == ["first", "second", "third"])
        #expect(failed[0].error.code == .server && failed[0].error.status == .frameTooLarge && failed[0].error.message == "too large")
        #expect(failed[0].error.opcode == .add)
        #expect(failed.dropFirst().allSatisfy { $0.error.code == .connectionClosed && $0.error.message.contains("too large") })
        // A call started after the server's closing answer is refused with it, unsent.
        guard case .failure(let refused) = calls.start("late", opcode: .ping) else {
            Issue.record("no call may start on a connection the server closed")
            return
        }
        #expect(refused.code == .server && refused.status == .frameTooLarge)
    }

    @Test func aTimedOutCallFailsOnceAndItsLateAnswerIsDropped() throws {
        var calls = PendingCalls<String>(peer: "test:1")
        let a = try calls.start("a", opcode: .search).get()
        let b = try calls.start("b", opcode: .search).get()
        let timedOut = calls.timedOut(a, after: .milliseconds(250))
        let failure = try #require(timedOut)
        #expect(failure.call == "a" && failure.error.code == .timeout)
        #expect(failure.error.message == "no answer to SEARCH (0x11) from test:1 within 0.25 s")
        #expect(calls.timedOut(a, after: .milliseconds(250)) == nil, "a call fails only once")
        guard case .drop = calls.received(answer(.search, id: a, status: .notFound, message: "late")) else {
            Issue.record("the late answer of a timed-out call must be dropped, not taken for a violation")
            return
        }
        #expect(try #require(delivered(calls.received(answer(.search, id: b, status: .notFound, message: "x")))).0 == "b")
        #expect(calls.count == 0)
    }

    @Test func theEndOfTheConnectionFailsEveryWaitingCallOldestFirst() throws {
        var calls = PendingCalls<String>(peer: "test:1")
        for name in ["a", "b", "c"] { _ = try calls.start(name, opcode: .guests).get() }
        let abandoned = try calls.start("d", opcode: .guests).get()
        _ = calls.timedOut(abandoned, after: .seconds(1))
        let failed = calls.connectionClosed(reason: "connection reset by peer")
        #expect(failed.map(\.call) == ["a", "b", "c"])
        #expect(failed.allSatisfy { $0.error.code == .connectionClosed && $0.error.message.hasSuffix("(connection reset by peer)") })
        #expect(calls.isClosed && calls.count == 0)
    }

    @Test func closingTheClientFailsWaitingCallsAsClientClosed() throws {
        var calls = PendingCalls<String>(peer: "test:1")
        _ = try calls.start("a", opcode: .stats).get()
        let failed = calls.clientClosed()
        #expect(failed.map(\.error.code) == [.clientClosed])
        #expect(failed.first?.error.message == "the client was closed before STATS (0x31) was answered")
    }

    @Test func eachCallIsBuiltForTheIdItIsSentWith() throws {
        // The handler arms a call's timer for its id inside `start`: the id it is given must be
        // the id the call is sent and answered with.
        var calls = PendingCalls<String>(peer: "test:1")
        _ = try calls.start("a", opcode: .ping).get()
        var given: [UInt32] = []
        let id = try calls.start(opcode: .ping) { id in
            given.append(id)
            return "timer for \(id)"
        }.get()
        #expect(given == [id])
        #expect(try #require(delivered(calls.received(answer(.ping, id: id)))).0 == "timer for \(id)")
        _ = calls.clientClosed()
        let refused = calls.start(opcode: .ping) { id in
            given.append(id)
            return "never"
        }
        #expect(given == [id], "no call is built on a closed connection")
        #expect((try? refused.get()) == nil)
    }

    @Test func aFailedWriteTakesTheCallBack() throws {
        var calls = PendingCalls<String>(peer: "test:1")
        let a = try calls.start("a", opcode: .ping).get()
        #expect(calls.remove(a) == "a")
        #expect(calls.remove(a) == nil)
        #expect(calls.count == 0)
    }
}

extension PendingCalls {
    /// `start` for a call that needs no id.
    fileprivate mutating func start(_ call: Call, opcode: Opcode) -> Result<UInt32, PodsimClientError> {
        start(opcode: opcode) { _ in call }
    }
}

import NIOCore
import PodsimProtocol
import Testing
@testable import PodsimServer

/// Barriers, idle time, half-close and drain, without sockets.
@Suite("Connection state machine: lifecycle")
struct ConnectionStateMachineLifecycleTests {
    typealias M = ConnectionStateMachineTests
    let t0 = M.t0

    @Test("requests after a RELOAD or ADD wait for it, then start")
    func modelChangeIsABarrier() {
        var machine = M.machine()
        let actions = machine.bytesReceived(M.bytes([(.add(jsonl: "{}"), 1), (M.similar, 2), (.reload, 3), (M.similar, 4)]), now: t0)
        let started = M.jobs(actions)
        #expect(started.map(\.requestID) == [1], "SIMILAR 2 must not see the model before the ADD")
        let afterAdd = machine.answered(started[0], with: Frame(opcode: .add, requestID: 1), now: t0)
        #expect(M.jobs(afterAdd).map(\.requestID) == [2, 3])
        #expect(M.writes(afterAdd).map(\.requestID) == [1])
        let reload = M.jobs(afterAdd)[1]
        let afterReload = machine.answered(reload, with: Frame(opcode: .reload, requestID: 3), now: t0)
        #expect(M.jobs(afterReload).map(\.requestID) == [4])
    }

    @Test("requests after a DELETE or UPSERT wait for it, then start")
    func deleteAndUpsertAreBarriers() {
        var machine = M.machine()
        let actions = machine.bytesReceived(M.bytes([(.delete(episodeIDs: ["x"]), 1), (M.similar, 2), (.upsert(jsonl: "{}"), 3), (M.similar, 4)]), now: t0)
        let started = M.jobs(actions)
        #expect(started.map(\.requestID) == [1], "SIMILAR 2 must not see the model before the DELETE")
        let afterDelete = machine.answered(started[0], with: Frame(opcode: .delete, requestID: 1), now: t0)
        #expect(M.jobs(afterDelete).map(\.requestID) == [2, 3])
        let afterUpsert = machine.answered(M.jobs(afterDelete)[1], with: Frame(opcode: .upsert, requestID: 3), now: t0)
        #expect(M.jobs(afterUpsert).map(\.requestID) == [4])
    }

    @Test("idle time counts only while nothing is in flight, and partial frames do not reset it")
    func idle() {
        var machine = M.machine()
        let timeout = TimeAmount.seconds(60)
        #expect(machine.idleCheck(now: t0 + .seconds(30), timeout: timeout) == .checkAgain(at: t0 + timeout))
        // Half a frame (a slowloris) does not count as activity.
        _ = machine.bytesReceived(ByteBuffer(bytes: [0, 0, 0, 8, 1]), now: t0 + .seconds(59))
        #expect(machine.idleCheck(now: t0 + timeout, timeout: timeout) == .expired(bufferedBytes: 5))
        // A request in flight is never idle; the clock restarts when it is answered.
        var busy = M.machine()
        let job = M.jobs(busy.bytesReceived(M.bytes([(M.similar, 1)]), now: t0))[0]
        let later = t0 + .seconds(600)
        #expect(busy.idleCheck(now: later, timeout: timeout) == .checkAgain(at: later + timeout))
        _ = busy.answered(job, with: M.answer(job), now: later)
        #expect(busy.idleCheck(now: later + .seconds(59), timeout: timeout) == .checkAgain(at: later + timeout))
        #expect(busy.idleCheck(now: later + timeout, timeout: timeout) == .expired(bufferedBytes: 0))
    }

    @Test("after a half-close, buffered requests are still answered, then it closes")
    func halfClose() {
        var machine = M.machine(maxQueued: 1)
        let jobs = M.jobs(machine.bytesReceived(M.bytes([(M.similar, 1), (M.similar, 2)]), now: t0))
        #expect(machine.inputClosed(now: t0).isEmpty)
        let second = machine.answered(jobs[0], with: M.answer(jobs[0]), now: t0)
        #expect(M.writes(second).map(\.requestID) == [1])
        let next = M.jobs(second)
        #expect(next.map(\.requestID) == [2])
        let last = machine.answered(next[0], with: M.answer(next[0]), now: t0)
        #expect(M.writes(last).map(\.requestID) == [2])
        #expect(M.closes(last) == [.inputClosed])
    }

    @Test("a half-close in the middle of a frame is reported, and the connection closes")
    func halfCloseMidFrame() {
        var machine = M.machine()
        _ = machine.bytesReceived(ByteBuffer(bytes: [0, 0, 0, 8, 1, 1]), now: t0)
        let actions = machine.inputClosed(now: t0)
        #expect(actions.contains(.report(.closedMidFrame(bytes: 6))))
        #expect(M.closes(actions) == [.inputClosed])
    }

    @Test("drain answers what was decoded, ignores what was not, then closes")
    func drain() {
        var machine = M.machine(maxQueued: 1)
        let jobs = M.jobs(machine.bytesReceived(M.bytes([(M.similar, 1), (M.similar, 2)]), now: t0))
        #expect(machine.drain().isEmpty)
        let actions = machine.answered(jobs[0], with: M.answer(jobs[0]), now: t0)
        #expect(M.writes(actions).map(\.requestID) == [1])
        #expect(M.jobs(actions).isEmpty, "request 2 was never decoded, so it is not taken up")
        #expect(M.closes(actions) == [.drained])
        var idle = M.machine()
        #expect(M.closes(idle.drain()) == [.drained])
    }

    @Test("answers for unknown or finished jobs are ignored")
    func strayAnswers() {
        var machine = M.machine()
        let job = M.jobs(machine.bytesReceived(M.bytes([(M.similar, 1)]), now: t0))[0]
        #expect(M.writes(machine.answered(job, with: M.answer(job), now: t0)).count == 1)
        #expect(machine.answered(job, with: M.answer(job), now: t0).isEmpty)
        let stranger = ConnectionJob(sequence: 99, work: .query(.similar(SimilarRequest(episodeID: "ep-1", k: 3))), opcode: .similar, requestID: 5)
        #expect(machine.answered(stranger, with: M.answer(stranger), now: t0).isEmpty)
    }
}

extension ConnectionStateMachineLifecycleTests {
    @Test("a closed connection holds no requests, and late answers are dropped")
    func closedConnection() {
        var machine = M.machine()
        let job = M.jobs(machine.bytesReceived(M.bytes([(M.similar, 1), (M.similar, 2)]), now: t0))[0]
        #expect(machine.queuedRequests == 2)
        machine.channelClosed()
        #expect(machine.queuedRequests == 0 && machine.readHold == .closing)
        #expect(machine.answered(job, with: M.answer(job), now: t0).isEmpty)
        #expect(machine.bytesReceived(M.bytes([(.ping, 3)]), now: t0).isEmpty)
        #expect(machine.idleCheck(now: t0 + .seconds(3600), timeout: .seconds(1)) == .stop)
    }
}

import Testing
@testable import PodsimClient

/// The connection's life without a socket: attempts are plain objects, connections are names
/// with an open flag the test flips.
@Suite struct ConnectionLifecycleTests {
    final class Attempt: Sendable {
        let number: Int
        init(_ number: Int) { self.number = number }
    }

    struct Connection: Equatable {
        var name: String
        var isOpen = true
    }

    typealias Lifecycle = ConnectionLifecycle<Attempt, Connection>

    /// Counts the attempts a lifecycle starts.
    final class Opener {
        private(set) var opened: [Attempt] = []
        func open() -> Attempt {
            opened.append(Attempt(opened.count + 1))
            return opened.last!
        }
    }

    private func call(_ lifecycle: inout Lifecycle, _ opener: Opener) -> Lifecycle.CallVerdict {
        lifecycle.callNeedsConnection(isOpen: \.isOpen, open: opener.open)
    }

    private func used(_ verdict: Lifecycle.CallVerdict) -> Connection? {
        if case .use(let connection) = verdict { return connection }
        return nil
    }

    /// "opened 1" for the call that started attempt 1, "joined 1" for a call waiting for it.
    private func waited(_ verdict: Lifecycle.CallVerdict) -> String? {
        if case .wait(let attempt, let opened) = verdict { return "\(opened ? "opened" : "joined") \(attempt.number)" }
        return nil
    }

    private func refused(_ verdict: Lifecycle.CallVerdict) -> Bool {
        if case .refuse = verdict { return true }
        return false
    }

    @Test func theFirstCallOpensAndCallsMeanwhileWaitForTheSameAttempt() {
        var lifecycle = Lifecycle()
        let opener = Opener()
        #expect(waited(call(&lifecycle, opener)) == "opened 1")
        #expect(waited(call(&lifecycle, opener)) == "joined 1")
        #expect(waited(call(&lifecycle, opener)) == "joined 1")
        #expect(opener.opened.count == 1, "concurrent calls never open two connections")
        lifecycle.attemptEnded(opener.opened[0], with: Connection(name: "first"))
        #expect(used(call(&lifecycle, opener))?.name == "first")
        #expect(used(call(&lifecycle, opener))?.name == "first")
        #expect(opener.opened.count == 1)
    }

    @Test func aFailedAttemptLeavesItIdleAndTheNextCallTriesAgain() {
        var lifecycle = Lifecycle()
        let opener = Opener()
        _ = call(&lifecycle, opener)
        lifecycle.attemptEnded(opener.opened[0], with: nil)
        #expect(waited(call(&lifecycle, opener)) == "opened 2")
        lifecycle.attemptEnded(opener.opened[1], with: Connection(name: "second"))
        #expect(used(call(&lifecycle, opener))?.name == "second")
    }

    @Test func aConnectionThatClosedIsReplacedByTheNextCall() {
        var lifecycle = Lifecycle()
        let opener = Opener()
        _ = call(&lifecycle, opener)
        lifecycle.attemptEnded(opener.opened[0], with: Connection(name: "first", isOpen: false))
        #expect(waited(call(&lifecycle, opener)) == "opened 2", "a closed connection is never handed out")
        lifecycle.attemptEnded(opener.opened[1], with: Connection(name: "second"))
        #expect(used(call(&lifecycle, opener))?.name == "second")
    }

    @Test func onlyTheCurrentAttemptMovesTheState() {
        var lifecycle = Lifecycle()
        let opener = Opener()
        _ = call(&lifecycle, opener)
        lifecycle.attemptEnded(Attempt(1), with: Connection(name: "stranger"))  // same number, another attempt
        #expect(waited(call(&lifecycle, opener)) == "joined 1", "still connecting")
        lifecycle.attemptEnded(opener.opened[0], with: Connection(name: "first"))
        lifecycle.attemptEnded(opener.opened[0], with: nil)  // reported twice: the first report stands
        #expect(used(call(&lifecycle, opener))?.name == "first")
    }

    @Test func closeHandsBackWhatIsOpenAndRefusesEveryLaterCall() {
        var idle = Lifecycle()
        guard case .nothing = idle.close() else { Issue.record("an idle client has nothing to close"); return }

        var connecting = Lifecycle()
        let opener = Opener()
        _ = call(&connecting, opener)
        guard case .closeWhenOpened(let attempt) = connecting.close() else {
            Issue.record("closing while connecting must close what the attempt yields")
            return
        }
        #expect(attempt === opener.opened[0])
        connecting.attemptEnded(opener.opened[0], with: Connection(name: "late"))
        #expect(refused(call(&connecting, opener)), "an attempt ending after close does not reopen the client")

        var connected = Lifecycle()
        _ = call(&connected, opener)
        connected.attemptEnded(opener.opened[1], with: Connection(name: "open"))
        guard case .closeConnection(let connection) = connected.close() else {
            Issue.record("closing a connected client must close its connection")
            return
        }
        #expect(connection.name == "open")
        #expect(refused(call(&connected, opener)))
        guard case .nothing = connected.close() else { Issue.record("a second close has nothing left to close"); return }
        #expect(refused(call(&connected, opener)))
        #expect(opener.opened.count == 2, "a closed client opens nothing")
    }
}

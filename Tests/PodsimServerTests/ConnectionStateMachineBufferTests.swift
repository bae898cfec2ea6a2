import NIOCore
import PodsimProtocol
import Testing
@testable import PodsimServer

/// What the connection's hot path must not hold on to or allocate: the state machine lets go of a
/// read's buffer once every byte of it is decoded (so the channel can reuse it for the next read),
/// and its `into:` inputs append exactly the actions the array-returning ones return.
@Suite("Connection state machine: buffers")
struct ConnectionStateMachineBufferTests {
    typealias Machine = ConnectionStateMachineTests

    /// The address of `buffer`'s bytes after writing to it: unchanged when nobody else holds its
    /// storage, a fresh copy when someone does.
    static func addressAfterWrite(_ buffer: inout ByteBuffer) -> UnsafeRawPointer? {
        buffer.setInteger(UInt8(0), at: buffer.readerIndex)
        return buffer.withUnsafeReadableBytes { $0.baseAddress }
    }

    @Test("a read decoded to its last byte is let go; a partial frame is kept")
    func releasesDecodedRead() {
        var machine = Machine.machine()
        var read = Machine.bytes([(Machine.similar, 1), (.ping, 2)])
        let before = read.withUnsafeReadableBytes { $0.baseAddress }
        let actions = machine.bytesReceived(read, now: Machine.t0)
        #expect(Machine.jobs(actions).count == 1)
        #expect(machine.bufferedBytes == 0)
        // Nobody else holds the read's storage: writing to it does not copy.
        #expect(Self.addressAfterWrite(&read) == before)

        // Half a frame stays in the machine, so the read's storage is shared and a write copies.
        var partial = Machine.bytes([(.ping, 3)])
        partial.moveWriterIndex(to: partial.writerIndex - 2)
        let partialBefore = partial.withUnsafeReadableBytes { $0.baseAddress }
        _ = machine.bytesReceived(partial, now: Machine.t0)
        #expect(machine.bufferedBytes == 10)
        #expect(Self.addressAfterWrite(&partial) != partialBefore)
    }

    @Test("appending inputs give the same actions as the returning ones")
    func appendingEqualsReturning() {
        let requests = Machine.bytes([(Machine.similar, 1), (.ping, 2), (Machine.similar, 3)])
        var returning = Machine.machine()
        var appending = Machine.machine()
        let expected = returning.bytesReceived(requests, now: Machine.t0)
        var actions: [ConnectionAction] = [.received(.ping)]  // appended to, not replaced
        appending.bytesReceived(requests, now: Machine.t0, into: &actions)
        #expect(actions == [.received(.ping)] + expected)

        for job in Machine.jobs(expected).reversed() {
            let answered = returning.answered(job, with: Machine.answer(job), now: Machine.t0)
            var appended: [ConnectionAction] = []
            appending.answered(job, with: Machine.answer(job), now: Machine.t0, into: &appended)
            #expect(appended == answered)
        }
        #expect(appending.queuedRequests == 0)
    }
}

import NIOCore
import PodsimProtocol
import Testing

/// Hostile framing: each case names the exact status, what is echoed, and that the connection
/// closes; each is checked whole, byte by byte and in random segments.
@Suite("Frame rejections (status 4 and 5, then close)")
struct FrameRejectionTests {
    @Test("a length below 8 is status 5 as soon as the length is in, echoing opcode 0 and id 0",
          arguments: [UInt32(0), 1, 7])
    func lengthBelowHeader(length: UInt32) throws {
        var bytes = ByteBuffer()
        bytes.writeInteger(length)
        bytes.writeBytes([0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09])
        let rejection = try Self.onlyRejection(bytes)
        #expect(rejection.error.status == .frameTooLarge)
        #expect(rejection.opcode.rawValue == 0 && rejection.requestID == 0)
        #expect(rejection.error.message.contains("below the minimum of 8"))
        #expect(rejection.error.status.connectionFate == .closed)
        #expect(try Self.rejectionAfter(prefixOf: bytes, bytes: 4) == rejection)
    }

    @Test("a length above the max frame size is status 5 after 4 bytes; 4 GiB allocates nothing",
          arguments: [UInt32(1 << 20) + 1, 0x7FFF_FFFF, 0xFFFF_FFFF])
    func lengthAboveMax(length: UInt32) throws {
        var bytes = ByteBuffer()
        bytes.writeInteger(length)
        bytes.writeBytes(Array(repeating: 0x01, count: 40))
        let rejection = try Self.onlyRejection(bytes)
        #expect(rejection.error.status == .frameTooLarge)
        #expect(rejection.opcode.rawValue == 0 && rejection.requestID == 0)
        #expect(rejection.error.message.contains("frame length \(length) is above the limit of 1048576"))
        // Answered from the 4 length bytes alone: the decoder never waited for (or reserved) the body.
        #expect(try Self.rejectionAfter(prefixOf: bytes, bytes: 4) == rejection)
    }

    @Test("a configured max frame size is the limit")
    func configuredLimit() throws {
        let frame = PodsimRequest.search(SearchRequest(text: String(repeating: "x", count: 100), k: 1)).frame(requestID: 1)
        let small = try Feed.decode(frame.wireBytes, segments: [4], maxFrameBytes: 64).outputs
        guard case .rejected(let rejection) = try #require(small.first) else { Issue.record("not rejected"); return }
        #expect(rejection.error.message.contains("above the limit of 64 bytes"))
        let large = try Feed.decode(frame.wireBytes, segments: [4], maxFrameBytes: 4096).outputs
        #expect(large == [.frame(frame)])
    }

    @Test("an HTTP request is status 5 (its length 0x47455420 is over 1 MiB), named as HTTP, then close")
    func httpRequest() throws {
        let bytes = ByteBuffer(string: "GET / HTTP/1.1\r\nHost: localhost:7070\r\nAccept: */*\r\n\r\n")
        let rejection = try Self.onlyRejection(bytes)
        #expect(rejection.error.status == .frameTooLarge)
        #expect(rejection.error.message.contains("frame length 1195725856"))
        #expect(rejection.error.message.contains("\"GET \""))
        #expect(rejection.error.message.contains("HTTP"))
        #expect(rejection.error.status.connectionFate == .closed)
    }

    @Test("a TLS record (a ClientHello to a plain server, an alert to a plain client) is status 5, named as TLS",
          arguments: [[UInt8(0x16), 0x03, 0x01, 0x02, 0x00, 0x01], [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]])
    func tlsRecord(bytes: [UInt8]) throws {
        let rejection = try Self.onlyRejection(ByteBuffer(bytes: bytes))
        #expect(rejection.error.status == .frameTooLarge)
        #expect(rejection.error.message.contains("TLS is on at one end only"))
        #expect(!rejection.error.message.contains("HTTP"))
    }

    @Test("a version other than 1 is status 4 once the 12 header bytes are in, echoing opcode and id",
          arguments: [UInt8(0), 2, 0xFF])
    func wrongVersion(version: UInt8) throws {
        var bytes = ByteBuffer()
        bytes.writeInteger(UInt32(8 + 6))
        bytes.writeBytes([version, 0x13, 0x00, 0x00, 0xDE, 0xAD, 0xBE, 0xEF])
        bytes.writeBytes([0x00, 0x00, 0x00, 0x02, 0x61, 0x62])
        let rejection = try Self.onlyRejection(bytes)
        #expect(rejection.error.status == .unsupportedVersion)
        #expect(rejection.opcode == .episode && rejection.requestID == 0xDEAD_BEEF)
        #expect(rejection.error.message == "protocol version \(version) is not supported; podsim speaks version 1")
        #expect(rejection.error.status.connectionFate == .closed)
        #expect(try Self.rejectionAfter(prefixOf: bytes, bytes: 12) == rejection)
    }

    @Test("a bad length wins over a bad version: the length is checked first")
    func badLengthAndVersion() throws {
        let bytes = try #require(ByteBuffer.fromHex("00 00 00 02 07 01 00 00 00 00 00 01"))
        #expect(try Self.onlyRejection(bytes).error.status == .frameTooLarge)
    }

    @Test("after a rejection the decoder yields nothing more; good frames behind it are dropped")
    func nothingAfterRejection() throws {
        var bytes = GoldenExample.all[0].bytes
        bytes.writeBytes([0x00, 0x00, 0x00, 0x03])
        for example in GoldenExample.all { bytes.writeImmutableBuffer(example.bytes) }
        let result = try Feed.decode(bytes, segments: [bytes.readableBytes])
        #expect(result.outputs.count == 2)
        #expect(result.outputs.first == .frame(GoldenExample.all[0].frame))
        #expect(result.unconsumed == 0, "the dropped bytes must not stay buffered")
        #expect(try Feed.decodeEveryWay(bytes) == result.outputs)
    }

    @Test("the answer to a rejection: version 1, echoed opcode and id, the status, str message")
    func answerFrame() throws {
        let rejection = FrameRejection(opcode: .ping, requestID: 16, error: ProtocolError(.unsupportedVersion, "version 2"))
        let expected = GoldenExample.all.first { $0.name == "UNSUPPORTED_VERSION response" }!
        #expect(rejection.answer.wireBytes == expected.bytes)
    }

    /// The one output `bytes` give, which must be a rejection, the same for every segmentation.
    static func onlyRejection(_ bytes: ByteBuffer) throws -> FrameRejection {
        let outputs = try Feed.decodeEveryWay(bytes)
        try #require(outputs.count == 1, "expected one rejection, got \(outputs)")
        guard case .rejected(let rejection) = outputs[0] else {
            Issue.record("expected a rejection, got \(outputs[0])")
            throw CancellationError()
        }
        return rejection
    }

    /// The rejection a fresh decoder gives from only the first `count` bytes (nil if none yet),
    /// after checking that one byte fewer gives nothing.
    static func rejectionAfter(prefixOf bytes: ByteBuffer, bytes count: Int) throws -> FrameRejection? {
        let short = try Feed.decode(bytes.getSlice(at: bytes.readerIndex, length: count - 1)!, segments: [count - 1])
        #expect(short.outputs.isEmpty, "decided before \(count) bytes were in")
        let outputs = try Feed.decode(bytes.getSlice(at: bytes.readerIndex, length: count)!, segments: [count]).outputs
        guard case .rejected(let rejection) = outputs.first else { return nil }
        return rejection
    }
}
